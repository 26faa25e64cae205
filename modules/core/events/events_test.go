package events

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/validation"
)

func TestCutSubject_KeepsAtMostTheLimitInWholeCharacters(t *testing.T) {
	max := validation.EventSubject.Max
	tests := []struct {
		name string
		give string
		want string
	}{
		{"short stays", "user 12 (ann@acme.test)", "user 12 (ann@acme.test)"},
		{"at the limit stays", strings.Repeat("ж", max), strings.Repeat("ж", max)},
		{"over the limit is cut in characters", strings.Repeat("ж", max+7), strings.Repeat("ж", max)},
		{"emoji are never split", strings.Repeat("🛰", max+1), strings.Repeat("🛰", max)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cutSubject(tt.give)
			assert.Equal(t, tt.want, got)
			assert.True(t, utf8.ValidString(got))
		})
	}
}
