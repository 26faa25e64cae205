package precondition

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVersions_KeepOnlyStrongTagsOfTheRow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		give    string
		want    []int
		wantAny bool
	}{
		{name: "one tag", give: `"7-3"`, want: []int{3}},
		{name: "a list", give: `"7-3", "7-5"`, want: []int{3, 5}},
		{name: "another row's tag", give: `"8-3"`},
		{name: "a weak tag", give: `W/"7-3"`},
		{name: "unquoted", give: `7-3`},
		{name: "not a number", give: `"7-x"`},
		{name: "version 0", give: `"7-0"`},
		{name: "any", give: `*`, wantAny: true},
		{name: "empty", give: ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := New("Asset", 7, tt.give)

			assert.Equal(t, tt.want, e.Versions())
			assert.Equal(t, tt.wantAny, e.Any())
		})
	}
}

func TestAccepts_ComparesWholeTags(t *testing.T) {
	t.Parallel()
	e := New("Asset", 7, `"7-2", "7-3"`)

	assert.True(t, e.Accepts(ETag(7, 3)))
	assert.False(t, e.Accepts(ETag(7, 4)))
	assert.True(t, New("Asset", 7, "*").Accepts(ETag(7, 4)))
}

func TestTake_GivesTheExpectationOnceAndOnlyForItsRow(t *testing.T) {
	t.Parallel()
	ctx := With(context.Background(), New("Asset", 7, `"7-1"`))

	assert.Nil(t, Take(ctx, "Datacenter", 7), "another entity")
	assert.Nil(t, Take(ctx, "Asset", 8), "another row")
	first := Take(ctx, "Asset", 7)
	second := Take(ctx, "Asset", 7)

	assert.NotNil(t, first)
	assert.True(t, first.Used())
	assert.Nil(t, second, "a second write of the row in the same request")
	assert.Nil(t, Take(context.Background(), "Asset", 7), "no If-Match")
}
