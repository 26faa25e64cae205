package tests

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// nextLink returns the next link of a list answer.
func nextLink(t *testing.T, r rawResponse) string {
	t.Helper()
	require.Equal(t, http.StatusOK, r.Status, "body: %s", r.Body)
	var env struct {
		Next *string `json:"next"`
	}
	require.NoError(t, json.Unmarshal(r.Body, &env))
	require.NotNil(t, env.Next)
	return *env.Next
}

func TestListLinks_NameThePublicURLWhenItIsSet(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		env = testsupport.Reopen(t, env, app.Options{}, func(c *config.Config) { c.PublicURL = "https://binora.example.com" })
		s := newSite(t, env)
		s.tn.Datacenter(t, "L1")
		s.tn.Datacenter(t, "L2")

		next := nextLink(t, s.raw(t, http.MethodGet, "/api/datacenters?limit=1&offset=0", ""))

		assert.Equal(t, "https://binora.example.com/api/datacenters?limit=1&offset=1", next)
	})
}

func TestListLinks_WithoutAPublicURL_NameTheRequestsAddress(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		s.tn.Datacenter(t, "L1")
		s.tn.Datacenter(t, "L2")

		next := nextLink(t, s.raw(t, http.MethodGet, "/api/datacenters?limit=1&offset=0", ""))

		assert.True(t, strings.HasPrefix(next, s.url+"/api/datacenters?"), next)
	})
}

func TestList_OffsetPastTheLastPossiblePage_Is400(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, path := range []string{"/api/assets", "/api/datacenters", "/api/users", "/api/teams",
			"/api/api-tokens", "/api/security-events"} {
			p := s.raw(t, http.MethodGet, path+"?offset=9223372036854775807", "").problem(t, http.StatusBadRequest)

			assert.Equal(t, "validation_error", p.Code, path)
			assert.Equal(t, []string{"offset"}, fieldNames(p), path)
		}
	})
}
