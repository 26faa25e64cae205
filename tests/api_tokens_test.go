package tests

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

const (
	dcReadCode     = "core.datacenters.read"
	dcWriteCode    = "core.datacenters.write"
	tokenWriteCode = "core.api_tokens.write"
)

// createToken creates an API token through c and returns the answer.
func createToken(t *testing.T, c *testsupport.Client, req api.APITokenCreate) *api.APITokenCreated {
	t.Helper()
	created, err := c.CreateAPIToken(t.Context(), &req, api.CreateAPITokenParams{})
	require.NoError(t, err)
	return created
}

// tokenClient sends bearer as an API token and names no tenant, as a
// partner's script would.
func (s *site) tokenClient(t *testing.T, bearer string) *testsupport.Client {
	t.Helper()
	return testsupport.NewClient(t, s.url, "", bearer)
}

func listDatacenters(t *testing.T, c *testsupport.Client) (*api.DatacenterList, error) {
	t.Helper()
	return c.ListDatacenters(t.Context(), api.ListDatacentersParams{})
}

func TestAPITokens_CreateListGetRevoke(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		expires := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)

		created := createToken(t, s.admin, api.APITokenCreate{
			Name: "CI sync", Permissions: []string{dcReadCode},
			ExpiresAt: api.NewOptDateTime(expires), AllowedCidrs: []string{"127.0.0.1"},
		})

		assert.True(t, strings.HasPrefix(created.Token, "bnr_"+strconv.FormatInt(created.ID, 10)+"_"), created.Token)
		assert.Equal(t, "CI sync", created.Name)
		assert.Equal(t, []string{dcReadCode}, created.Permissions)
		assert.Equal(t, []string{"127.0.0.1/32"}, created.AllowedCidrs)
		assert.True(t, expires.Equal(created.ExpiresAt.Value), "expires_at %v", created.ExpiresAt)
		assert.True(t, created.LastUsedAt.IsNull())
		list, err := s.admin.ListAPITokens(t.Context(), api.ListAPITokensParams{})
		require.NoError(t, err)
		require.Equal(t, 1, list.Count)
		got, err := s.admin.GetAPIToken(t.Context(), api.GetAPITokenParams{ID: created.ID})
		require.NoError(t, err)
		assert.Equal(t, list.Results[0], *got)
		assert.Equal(t, created.ID, got.ID)
		assert.Equal(t, created.AllowedCidrs, got.AllowedCidrs)

		require.NoError(t, s.admin.RevokeAPIToken(t.Context(), api.RevokeAPITokenParams{ID: created.ID}))

		list, err = s.admin.ListAPITokens(t.Context(), api.ListAPITokensParams{})
		require.NoError(t, err)
		assert.Zero(t, list.Count, "a revoked token is not listed")
		_, err = s.admin.GetAPIToken(t.Context(), api.GetAPITokenParams{ID: created.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		err = s.admin.RevokeAPIToken(t.Context(), api.RevokeAPITokenParams{ID: created.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		_, err = listDatacenters(t, s.tokenClient(t, created.Token))
		clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
	})
}

func TestAPITokens_SecretAppearsOnlyInTheCreateAnswer(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		r := s.raw(t, http.MethodPost, "/api/api-tokens", `{"name":"sync","permissions":["core.datacenters.read"]}`)

		require.Equal(t, http.StatusCreated, r.Status, "body: %s", r.Body)
		var created api.APITokenCreated
		require.NoError(t, json.Unmarshal(r.Body, &created))
		require.NotEmpty(t, created.Token)
		secret := strings.TrimPrefix(created.Token, "bnr_"+strconv.FormatInt(created.ID, 10)+"_")
		require.NotEqual(t, created.Token, secret)
		for _, path := range []string{"/api/api-tokens", "/api/api-tokens/" + strconv.FormatInt(created.ID, 10)} {
			r := s.raw(t, http.MethodGet, path, "")
			require.Equal(t, http.StatusOK, r.Status, "body: %s", r.Body)
			keys := jsonKeys(t, r.Body)
			assert.True(t, keys["last_used_at"], path)
			assert.False(t, keys["token"], path)
			assert.False(t, keys["secret_hash"], path)
			assert.NotContains(t, string(r.Body), secret, path)
		}
	})
}

func TestCreateAPIToken_PermissionTheCreatorLacks_Is403(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		const email, password = "ops@example.com", "ops-password-1"
		s.tn.TokenCreator(t, email, password, dcReadCode, tokenWriteCode, "core.api_tokens.read")
		creator := s.tn.Login(t, s.url, email, password)

		_, err := creator.CreateAPIToken(t.Context(), &api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode, dcWriteCode}}, api.CreateAPITokenParams{})

		clientProblem(t, err, http.StatusForbidden, "permission_denied")
		list, err := s.admin.ListAPITokens(t.Context(), api.ListAPITokensParams{})
		require.NoError(t, err)
		assert.Zero(t, list.Count)
	})
}

func TestCreateAPIToken_WithAnAPIToken_Is403(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		created := createToken(t, s.admin, api.APITokenCreate{Name: "minter", Permissions: []string{tokenWriteCode, dcReadCode}})

		_, err := s.tokenClient(t, created.Token).CreateAPIToken(t.Context(), &api.APITokenCreate{Name: "child", Permissions: []string{dcReadCode}}, api.CreateAPITokenParams{})

		clientProblem(t, err, http.StatusForbidden, "permission_denied")
	})
}

func TestCreateAPIToken_BadInput_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
		tests := []struct {
			name      string
			body      string
			wantField string
		}{
			{"expiry in the past", `{"name":"x","permissions":["core.datacenters.read"],"expires_at":"` + past + `"}`, "expires_at"},
			{"malformed range", `{"name":"x","permissions":["core.datacenters.read"],"allowed_cidrs":["10.0.0.0/8","300.1.1.1"]}`, "allowed_cidrs"},
			{"unknown code", `{"name":"x","permissions":["core.datacenters.read","core.nothing.read"]}`, "permissions"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				assertValidationError(t, s.raw(t, http.MethodPost, "/api/api-tokens", tt.body), tt.wantField)
			})
		}
	})
}

func TestAPITokens_AnotherTenantsToken_Is404AndUnchanged(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		other := s.otherTenant(t)
		created := createToken(t, s.admin, api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode}})
		before, err := s.admin.GetAPIToken(t.Context(), api.GetAPITokenParams{ID: created.ID})
		require.NoError(t, err)

		_, getErr := other.admin.GetAPIToken(t.Context(), api.GetAPITokenParams{ID: created.ID})
		revokeErr := other.admin.RevokeAPIToken(t.Context(), api.RevokeAPITokenParams{ID: created.ID})
		otherList, listErr := other.admin.ListAPITokens(t.Context(), api.ListAPITokensParams{})

		clientProblem(t, getErr, http.StatusNotFound, "not_found")
		clientProblem(t, revokeErr, http.StatusNotFound, "not_found")
		require.NoError(t, listErr)
		assert.Zero(t, otherList.Count)
		after, err := s.admin.GetAPIToken(t.Context(), api.GetAPITokenParams{ID: created.ID})
		require.NoError(t, err)
		assert.Equal(t, before, after)
		_, err = listDatacenters(t, s.tokenClient(t, created.Token))
		assert.NoError(t, err, "the token still works")
	})
}

func TestAPITokens_CreateAndRevoke_RecordSecurityEvents(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		created := createToken(t, s.admin, api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode}})
		require.NoError(t, s.admin.RevokeAPIToken(t.Context(), api.RevokeAPITokenParams{ID: created.ID}))

		events, err := env.App.DB.Client.SecurityEvent.Query().
			Where(securityevent.TypeIn("api_token_created", "api_token_revoked")).
			Order(securityevent.ByID()).All(s.tn.Ctx())

		require.NoError(t, err)
		require.Len(t, events, 2)
		for i, typ := range []string{"api_token_created", "api_token_revoked"} {
			assert.Equal(t, typ, events[i].Type)
			assert.Equal(t, s.tn.Admin.ID, *events[i].ActorID)
			assert.Contains(t, events[i].Subject, "api token "+strconv.FormatInt(created.ID, 10))
			assert.Equal(t, "127.0.0.1", events[i].IP)
			assert.NotEmpty(t, events[i].RequestID)
		}
	})
}
