package database

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWithConnectTimeout_BoundsAConnectUnlessTheURLDoes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give string
		want string
	}{
		{name: "no timeout", give: "postgres://app@db:5432/binora?sslmode=disable",
			want: "postgres://app@db:5432/binora?connect_timeout=5&sslmode=disable"},
		{name: "own timeout", give: "postgres://app@db:5432/binora?connect_timeout=30",
			want: "postgres://app@db:5432/binora?connect_timeout=30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := withConnectTimeout(tt.give)

			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
