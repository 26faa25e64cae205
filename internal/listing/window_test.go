package listing

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWindow_CutsThePageAndCountsEverything(t *testing.T) {
	items := []int{1, 2, 3, 4, 5}
	tests := []struct {
		name string
		give Page
		want []int
	}{
		{"the first page", Page{Limit: 2}, []int{1, 2}},
		{"a middle page", Page{Limit: 2, Offset: 2}, []int{3, 4}},
		{"the last page is short", Page{Limit: 2, Offset: 4}, []int{5}},
		{"past the end is empty", Page{Limit: 2, Offset: 9}, []int{}},
		{"no limit is the default page", Page{}, items},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Window(items, tt.give)

			require.NoError(t, err)
			assert.Equal(t, tt.want, res.Items)
			assert.Equal(t, 5, res.Count)
			assert.Equal(t, tt.give.Clamped(), res.Page)
		})
	}
}

func TestWindow_AnOffsetPastTheMaximumIsRefused(t *testing.T) {
	_, err := Window([]int{1}, Page{Offset: MaxOffset + 1})

	assert.ErrorIs(t, err, ErrOffsetTooLarge)
}
