package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestDeactivatedTenant_IsTenantNotFoundEverywhere(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		noHeader := testsupport.NewClient(t, s.url, "", s.admin.Token)

		_, err := env.App.Platform.SetTenantActive(t.Context(), s.tn.Company.Subdomain, false)
		require.NoError(t, err)

		_, loginErr := s.client(t).Login(t.Context(), &api.LoginRequest{Email: s.tn.Admin.Email, Password: testsupport.AdminPassword})
		resetErr := s.client(t).RequestPasswordReset(t.Context(), &api.PasswordResetRequest{Email: s.tn.Admin.Email})
		_, withHeader := s.admin.GetMe(t.Context())
		_, withoutHeader := noHeader.GetMe(t.Context())
		for _, err := range []error{loginErr, resetErr, withHeader, withoutHeader} {
			clientProblem(t, err, http.StatusNotFound, "tenant_not_found")
		}

		_, err = env.App.Platform.SetTenantActive(t.Context(), s.tn.Company.Subdomain, true)
		require.NoError(t, err)
		_, err = noHeader.GetMe(t.Context())
		assert.NoError(t, err, "reactivated: the same token works again")
		_, err = s.admin.GetMe(t.Context())
		assert.NoError(t, err)
	})
}
