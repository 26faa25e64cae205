package tests

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestAPIToken_WorksWithoutXTenantAndActsAsItsCompany(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		other := s.otherTenant(t)
		own := s.createDatacenter(t, "OWN1")
		foreign := other.createDatacenter(t, "FOR1")
		created := createToken(t, s.admin, api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode}})
		c := s.tokenClient(t, created.Token)

		list, err := listDatacenters(t, c)

		require.NoError(t, err)
		require.Equal(t, 1, list.Count)
		assert.Equal(t, own.ID, list.Results[0].ID)
		_, err = c.GetDatacenter(t.Context(), api.GetDatacenterParams{ID: foreign.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		got, err := s.admin.GetAPIToken(t.Context(), api.GetAPITokenParams{ID: created.ID})
		require.NoError(t, err)
		assert.False(t, got.LastUsedAt.IsNull(), "last_used_at is stamped")
	})
}

func TestAPIToken_WithAnotherTenantsXTenant_Is401(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		other := s.otherTenant(t)
		created := createToken(t, s.admin, api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode}})

		_, err := listDatacenters(t, testsupport.NewClient(t, s.url, other.tn.Company.Subdomain, created.Token))

		clientProblem(t, err, http.StatusUnauthorized, "token_tenant_mismatch")
		_, err = listDatacenters(t, testsupport.NewClient(t, s.url, s.tn.Company.Subdomain, created.Token))
		assert.NoError(t, err, "naming its own tenant is fine")
	})
}

func TestAPIToken_IsAllowedWhatItHoldsAndRefusedTheRest(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		created := createToken(t, s.admin, api.APITokenCreate{Name: "reader", Permissions: []string{dcReadCode}})
		c := s.tokenClient(t, created.Token)

		_, listErr := listDatacenters(t, c)
		_, createErr := c.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: "X", Code: "X"}, api.CreateDatacenterParams{})
		_, assetsErr := c.ListAssets(t.Context(), api.ListAssetsParams{})
		_, tokensErr := c.ListAPITokens(t.Context(), api.ListAPITokensParams{})

		assert.NoError(t, listErr)
		clientProblem(t, createErr, http.StatusForbidden, "permission_denied")
		clientProblem(t, assetsErr, http.StatusForbidden, "permission_denied")
		clientProblem(t, tokensErr, http.StatusForbidden, "permission_denied")
		assert.Zero(t, s.datacenterCount(t))
	})
}

func TestAPIToken_NeverHoldsMoreThanItsCreatorNow(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		const email, password = "ops@example.com", "ops-password-1"
		_, team := s.tn.TokenCreator(t, email, password, dcReadCode, dcWriteCode, tokenWriteCode)
		creator := s.tn.Login(t, s.url, email, password)
		created := createToken(t, creator, api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode, dcWriteCode}})
		c := s.tokenClient(t, created.Token)
		_, err := c.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: "Madrid", Code: "MAD1"}, api.CreateDatacenterParams{})
		require.NoError(t, err, "the creator holds core.datacenters.write")

		s.tn.SetTeamPermissions(t, team, dcReadCode, tokenWriteCode)

		_, err = c.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: "Lisbon", Code: "LIS1"}, api.CreateDatacenterParams{})
		clientProblem(t, err, http.StatusForbidden, "permission_denied")
		_, err = listDatacenters(t, c)
		assert.NoError(t, err, "what both still hold keeps working")
		assert.Equal(t, 1, s.datacenterCount(t))
	})
}

func TestAPIToken_Unusable_Is401(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		client := env.App.DB.Client
		newToken := func(t *testing.T, cidrs ...string) *api.APITokenCreated {
			return createToken(t, s.admin, api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode}, AllowedCidrs: cidrs})
		}
		tests := []struct {
			name    string
			prepare func(t *testing.T) string
		}{
			{"revoked", func(t *testing.T) string {
				tok := newToken(t)
				require.NoError(t, s.admin.RevokeAPIToken(t.Context(), api.RevokeAPITokenParams{ID: tok.ID}))
				return tok.Token
			}},
			{"expired", func(t *testing.T) string {
				tok := newToken(t)
				testsupport.ExpireAPIToken(t, env, int(tok.ID), time.Now().Add(-time.Second))
				return tok.Token
			}},
			{"creator deactivated", func(t *testing.T) string {
				const email, password = "gone@example.com", "gone-password-1"
				u := s.tn.NewUser(t, email, password, true)
				tok := createToken(t, s.tn.Login(t, s.url, email, password), api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode}})
				require.NoError(t, client.User.UpdateOne(u).SetIsActive(false).Exec(s.tn.Ctx()))
				return tok.Token
			}},
			{"client outside allowed_cidrs", func(t *testing.T) string { return newToken(t, "10.0.0.0/8").Token }},
			{"wrong secret", func(t *testing.T) string {
				return "bnr_" + strconv.FormatInt(newToken(t).ID, 10) + "_" + strings.Repeat("A", 43)
			}},
			{"unknown id", func(*testing.T) string { return "bnr_987654321_" + strings.Repeat("A", 43) }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				bearer := tt.prepare(t)

				_, err := listDatacenters(t, s.tokenClient(t, bearer))

				clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
			})
		}
	})
}

func TestAPIToken_ClientInsideAllowedCIDRs_Works(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		created := createToken(t, s.admin, api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode}, AllowedCidrs: []string{"127.0.0.1/32"}})

		_, err := listDatacenters(t, s.tokenClient(t, created.Token))

		assert.NoError(t, err)
	})
}
