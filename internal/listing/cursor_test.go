package listing

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/reqinfo"
)

type item struct {
	ID        int       `json:"id,omitempty"`
	Name      string    `json:"name,omitempty"`
	CreatedAt time.Time `json:"created_at,omitempty"`
}

func TestCursor_RoundTripsTheKeyInItsFieldsType(t *testing.T) {
	at := time.Date(2026, 12, 3, 1, 2, 3, 456789000, time.UTC)
	key, id, err := keyOf(&item{ID: 7, CreatedAt: at}, "created_at")
	require.NoError(t, err)
	raw, err := json.Marshal(key)
	require.NoError(t, err)
	s := Cursor{Ordering: "-created_at", Key: raw, ID: id}.Encode()

	c, err := decodeCursor(s, "-created_at", "")
	require.NoError(t, err)
	got, err := keyValue[*item]("created_at", c.Key)

	require.NoError(t, err)
	assert.True(t, at.Equal(got.(time.Time)))
	assert.Equal(t, 7, c.ID)
}

func TestCursor_OnlyContinuesItsOwnOrderingAndFilters(t *testing.T) {
	good := Cursor{Ordering: "name", Filters: "f1", Key: json.RawMessage(`"a"`), ID: 1}.Encode()
	tests := []struct {
		name             string
		give             string
		ordering, filter string
		wantErr          error
	}{
		{"its own", good, "name", "f1", nil},
		{"another ordering", good, "-name", "f1", ErrCursorMismatch},
		{"other filters", good, "name", "f2", ErrCursorMismatch},
		{"not base64", "%%%", "name", "f1", ErrBadCursor},
		{"not JSON", "bm90IGpzb24", "name", "f1", ErrBadCursor},
		{"no key", Cursor{Ordering: "name", Filters: "f1"}.Encode(), "name", "f1", ErrBadCursor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeCursor(tt.give, tt.ordering, tt.filter)

			assert.ErrorIs(t, err, tt.wantErr)
		})
	}
}

func TestCursor_AKeyOfTheWrongTypeIsABadCursor(t *testing.T) {
	_, err := keyValue[*item]("created_at", json.RawMessage(`42`))

	assert.ErrorIs(t, err, ErrBadCursor)
}

func TestFiltersOf_IgnoresPagingAndTheOrderOfValues(t *testing.T) {
	at := func(raw string) context.Context {
		u, err := url.Parse(raw)
		require.NoError(t, err)
		return reqinfo.With(context.Background(), reqinfo.Info{URL: u})
	}

	a := FiltersOf(at("http://x/api/assets?status=60&status=35&limit=5&cursor=abc&ordering=name"))
	b := FiltersOf(at("http://x/api/assets?status=35&status=60&offset=10"))
	c := FiltersOf(at("http://x/api/assets?status=35"))

	assert.Equal(t, a, b)
	assert.NotEqual(t, a, c)
	assert.Empty(t, FiltersOf(at("http://x/api/assets?limit=5")))
}
