package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// TestBadText_Is400NamingTheFieldAndWritesNothing sends text no database
// should store — an escaped NUL, raw invalid UTF-8, a lone surrogate — in
// bodies and query parameters. PostgreSQL used to answer 500 for a NUL and
// SQLite stored it.
func TestBadText_Is400NamingTheFieldAndWritesNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.tn.Datacenter(t, "BAD1")
		tests := []struct {
			name, method, path, body, field string
		}{
			{"NUL in a create", http.MethodPost, "/api/datacenters", `{"name":"a\u0000b","code":"NUL1"}`, "name"},
			{"invalid UTF-8 in a create", http.MethodPost, "/api/datacenters", "{\"name\":\"caf\xe9\",\"code\":\"UTF1\"}", "name"},
			{"lone surrogate in a patch", http.MethodPatch, "/api/datacenters/" + itoa(int64(dc.ID)), `{"address":"x\ud800"}`, "address"},
			{"NUL in a team's codes", http.MethodPost, "/api/teams", `{"name":"ops","permissions":["core.users.read\u0000"]}`, "permissions"},
			{"NUL in a search", http.MethodGet, "/api/assets?q=a%00b", "", "q"},
			{"invalid UTF-8 in a search", http.MethodGet, "/api/users?q=caf%E9", "", "q"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := s.raw(t, tt.method, tt.path, tt.body).problem(t, http.StatusBadRequest)

				assert.Equal(t, "validation_error", p.Code)
				assert.Equal(t, []string{tt.field}, fieldNames(p))
			})
		}
		list, err := s.admin.ListDatacenters(t.Context(), api.ListDatacentersParams{})
		require.NoError(t, err)
		assert.Equal(t, 1, list.Count, "nothing was created")
		got, err := s.admin.GetDatacenter(t.Context(), api.GetDatacenterParams{ID: int64(dc.ID)})
		require.NoError(t, err)
		assert.True(t, got.Address.IsNull(), "nothing was changed")
	})
}

// TestGoodText_WithEscapesAndSurrogatePairs_IsStoredAsSent keeps the check
// from refusing what is text: escaped accents and an emoji as a pair.
func TestGoodText_WithEscapesAndSurrogatePairs_IsStoredAsSent(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		r := s.raw(t, http.MethodPost, "/api/datacenters", `{"name":"Z\u00fcrich \ud83d\ude80","code":"ZRH1"}`)

		require.Equal(t, http.StatusCreated, r.Status, "body: %s", r.Body)
		assert.Contains(t, string(r.Body), "Zürich 🚀")
	})
}
