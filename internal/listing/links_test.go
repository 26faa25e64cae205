package listing

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/reqinfo"
)

func TestLinks_KeepFiltersAndStopAtTheEnds(t *testing.T) {
	u, err := url.Parse("http://acme.example/api/assets?status=60&status=35&offset=10&limit=10")
	require.NoError(t, err)
	ctx := reqinfo.With(context.Background(), reqinfo.Info{URL: u})

	tests := []struct {
		name         string
		give         Position
		wantNext     string
		wantPrevious string
	}{
		{"middle page", Position{Page: Page{Limit: 10, Offset: 10}, More: true},
			"http://acme.example/api/assets?limit=10&offset=20&status=60&status=35",
			"http://acme.example/api/assets?limit=10&status=60&status=35"},
		{"last page", Position{Page: Page{Limit: 10, Offset: 30}}, "",
			"http://acme.example/api/assets?limit=10&offset=20&status=60&status=35"},
		{"single page", Position{Page: Page{Limit: 50}}, "", ""},
		{"offset not a multiple", Position{Page: Page{Limit: 10, Offset: 5}, More: true},
			"http://acme.example/api/assets?limit=10&offset=15&status=60&status=35",
			"http://acme.example/api/assets?limit=10&status=60&status=35"},
		{"first page read by keyset", Position{Page: Page{Limit: 10}, More: true, NextCursor: "abc"},
			"http://acme.example/api/assets?cursor=abc&limit=10&status=60&status=35", ""},
		{"page read by cursor links forward only", Position{Page: Page{Limit: 10}, More: true, NextCursor: "def", ByCursor: true},
			"http://acme.example/api/assets?cursor=def&limit=10&status=60&status=35", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, previous := Links(ctx, tt.give)
			assert.Equal(t, tt.wantNext, next)
			assert.Equal(t, tt.wantPrevious, previous)
		})
	}
}
