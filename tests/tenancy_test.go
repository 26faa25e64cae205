package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestLogin_WithoutTenant_IsTenantRequired(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		c := testsupport.NewClient(t, s.url, "", "")

		_, err := c.Login(t.Context(), &api.LoginRequest{Email: s.tn.Admin.Email, Password: testsupport.AdminPassword})

		clientProblem(t, err, http.StatusBadRequest, "tenant_required")
	})
}

func TestUnknownTenant_IsTenantNotFound(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		c := testsupport.NewClient(t, s.url, "no-such-tenant", s.admin.Token)

		_, loginErr := c.Login(t.Context(), &api.LoginRequest{Email: s.tn.Admin.Email, Password: testsupport.AdminPassword})
		_, meErr := c.GetMe(t.Context())

		clientProblem(t, loginErr, http.StatusNotFound, "tenant_not_found")
		clientProblem(t, meErr, http.StatusNotFound, "tenant_not_found")
	})
}

func TestToken_OfAnotherTenant_IsTokenTenantMismatch(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a := newSite(t, env)
		b := a.otherTenant(t)
		aTokenOnB := testsupport.NewClient(t, a.url, b.tn.Company.Subdomain, a.admin.Token)

		_, meErr := aTokenOnB.GetMe(t.Context())
		_, listErr := aTokenOnB.ListAssets(t.Context(), api.ListAssetsParams{})

		clientProblem(t, meErr, http.StatusUnauthorized, "token_tenant_mismatch")
		clientProblem(t, listErr, http.StatusUnauthorized, "token_tenant_mismatch")
	})
}

func TestRequest_WithoutUsableToken_Is401(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		header map[string]string
	}{
		{name: "no token"},
		{name: "garbage token", header: map[string]string{"Authorization": "Bearer not-a-jwt"}},
		{name: "empty bearer", header: map[string]string{"Authorization": "Bearer "}},
		{name: "other scheme", header: map[string]string{"Authorization": "Basic YWRtaW46YWRtaW4="}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for _, path := range []string{"/api/auth/me", "/api/assets", "/api/datacenters", "/api/permissions"} {
					r := send(t, s.url, rawRequest{Method: http.MethodGet, Path: path, Tenant: s.tn.Company.Subdomain, Header: tt.header})

					p := r.problem(t, http.StatusUnauthorized)
					assert.Equal(t, "unauthenticated", p.Code, path)
				}
			})
		}
	})
}

func TestRequest_WithGarbageToken_Is401ThroughTheClient(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		_, err := s.as(t, "garbage."+s.admin.Token).GetMe(t.Context())

		clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
	})
}

func TestRequest_WithoutTenantHeader_UsesTheTokensCompany(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "HOME1")
		c := testsupport.NewClient(t, s.url, "", s.admin.Token)

		me, meErr := c.GetMe(t.Context())
		list, listErr := c.ListDatacenters(t.Context(), api.ListDatacentersParams{})

		require.NoError(t, meErr)
		assert.Equal(t, s.tn.Company.Subdomain, me.Company.Subdomain)
		require.NoError(t, listErr)
		require.Len(t, list.Results, 1)
		assert.Equal(t, dc.ID, list.Results[0].ID)
	})
}
