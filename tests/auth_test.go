package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// login opens a new session for email in the site's tenant and returns the
// whole token pair.
func (s *site) login(t *testing.T, email, password string) *api.TokenPair {
	t.Helper()
	pair, err := s.client(t).Login(t.Context(), &api.LoginRequest{Email: email, Password: password})
	require.NoError(t, err)
	return pair
}

// as returns a generated client for the site's tenant that sends access.
func (s *site) as(t *testing.T, access string) *testsupport.Client {
	t.Helper()
	return testsupport.NewClient(t, s.url, s.tn.Company.Subdomain, access)
}

func (s *site) refresh(t *testing.T, refresh string) (*api.TokenPair, error) {
	t.Helper()
	return s.client(t).RefreshToken(t.Context(), &api.RefreshRequest{Refresh: refresh})
}

// assertSessionDead checks that an access token is refused.
func (s *site) assertSessionDead(t *testing.T, access string) {
	t.Helper()
	_, err := s.as(t, access).GetMe(t.Context())
	clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
}

// assertRefreshRefused checks that a refresh token no longer works.
func (s *site) assertRefreshRefused(t *testing.T, refresh string) {
	t.Helper()
	_, err := s.refresh(t, refresh)
	clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
}

func permissionCodes(t *testing.T, c *testsupport.Client) []string {
	t.Helper()
	catalog, err := c.ListPermissions(t.Context())
	require.NoError(t, err)
	require.NotEmpty(t, catalog)
	codes := make([]string, 0, len(catalog))
	for _, p := range catalog {
		codes = append(codes, p.Code)
	}
	return codes
}

func TestLogin_ReturnsTokensUserAndEveryPermissionForAdmin(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		pair := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)

		assert.NotEmpty(t, pair.Access)
		assert.NotEmpty(t, pair.Refresh)
		assert.False(t, pair.AccessExpiresAt.IsZero())
		assert.Equal(t, int64(s.tn.Admin.ID), pair.User.ID)
		assert.Equal(t, s.tn.Admin.Email, pair.User.Email)
		assert.True(t, pair.User.IsAdmin)
		assert.ElementsMatch(t, permissionCodes(t, s.admin), pair.Permissions)
	})
}

func TestLogin_WrongPasswordAndUnknownEmail_GiveTheSame401(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		c := s.client(t)

		_, wrongPassword := c.Login(t.Context(), &api.LoginRequest{Email: s.tn.Admin.Email, Password: "not-the-password"})
		_, unknownEmail := c.Login(t.Context(), &api.LoginRequest{Email: "nobody@example.com", Password: "not-the-password"})

		a := clientProblem(t, wrongPassword, http.StatusUnauthorized, "unauthenticated")
		b := clientProblem(t, unknownEmail, http.StatusUnauthorized, "unauthenticated")
		assert.Equal(t, a, b)
	})
}

func TestRefresh_RotatesTheRefreshToken(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		first := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)

		second, err := s.refresh(t, first.Refresh)

		require.NoError(t, err)
		assert.NotEqual(t, first.Refresh, second.Refresh)
		assert.Equal(t, s.tn.Admin.Email, second.User.Email)
		_, err = s.as(t, second.Access).GetMe(t.Context())
		assert.NoError(t, err, "the new access token works")
		third, err := s.refresh(t, second.Refresh)
		require.NoError(t, err, "the new refresh token works")
		assert.NotEmpty(t, third.Refresh)
	})
}

func TestRefresh_SpentToken_Is401(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		first := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
		_, err := s.refresh(t, first.Refresh)
		require.NoError(t, err)

		s.assertRefreshRefused(t, first.Refresh)
	})
}

func TestRefresh_ReusingSpentToken_RevokesTheSession(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		first := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
		second, err := s.refresh(t, first.Refresh)
		require.NoError(t, err)

		_, reuse := s.refresh(t, first.Refresh)

		clientProblem(t, reuse, http.StatusUnauthorized, "unauthenticated")
		s.assertRefreshRefused(t, second.Refresh)
		s.assertSessionDead(t, second.Access)
		s.assertSessionDead(t, first.Access)
		_, err = s.admin.GetMe(t.Context())
		assert.NoError(t, err, "other sessions are untouched")
	})
}

func TestLogout_EndsTheSession(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		pair := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)

		err := s.client(t).Logout(t.Context(), &api.LogoutRequest{Refresh: pair.Refresh})

		require.NoError(t, err)
		s.assertRefreshRefused(t, pair.Refresh)
		s.assertSessionDead(t, pair.Access)
		_, err = s.admin.GetMe(t.Context())
		assert.NoError(t, err, "other sessions are untouched")
	})
}

func TestLogout_Answers204(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		pair := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)

		r := send(t, s.url, rawRequest{
			Method: http.MethodPost, Path: "/api/auth/logout", Tenant: s.tn.Company.Subdomain,
			Body: `{"refresh":"` + pair.Refresh + `"}`,
		})

		assert.Equal(t, http.StatusNoContent, r.Status)
		assert.Empty(t, r.Body)
	})
}

func TestMe_ReturnsUserCompanyAndPermissions(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		me, err := s.admin.GetMe(t.Context())

		require.NoError(t, err)
		assert.Equal(t, int64(s.tn.Admin.ID), me.User.ID)
		assert.Equal(t, s.tn.Admin.Email, me.User.Email)
		assert.Equal(t, api.CompanySummary{
			ID: int64(s.tn.Company.ID), Name: s.tn.Company.Name, Subdomain: s.tn.Company.Subdomain,
		}, me.Company)
		assert.ElementsMatch(t, permissionCodes(t, s.admin), me.Permissions)
	})
}

func TestChangePassword_RevokesOtherSessionsAndKeepsTheCurrentOne(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		current := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
		other := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
		const newPassword = "a-brand-new-password"

		err := s.as(t, current.Access).ChangePassword(t.Context(), &api.ChangePasswordRequest{
			CurrentPassword: testsupport.AdminPassword, NewPassword: newPassword,
		})

		require.NoError(t, err)
		s.assertSessionDead(t, other.Access)
		s.assertRefreshRefused(t, other.Refresh)
		_, err = s.as(t, current.Access).GetMe(t.Context())
		assert.NoError(t, err, "the session that changed the password goes on")
		s.login(t, s.tn.Admin.Email, newPassword)
		_, oldPassword := s.client(t).Login(t.Context(), &api.LoginRequest{Email: s.tn.Admin.Email, Password: testsupport.AdminPassword})
		clientProblem(t, oldPassword, http.StatusUnauthorized, "unauthenticated")
	})
}

func TestChangePassword_Answers204(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		r := s.raw(t, http.MethodPost, "/api/auth/change-password",
			`{"current_password":"`+testsupport.AdminPassword+`","new_password":"another-long-password"}`)

		assert.Equal(t, http.StatusNoContent, r.Status, "body: %s", r.Body)
	})
}

func TestChangePassword_BadInput_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		give      api.ChangePasswordRequest
		wantField string
	}{
		{
			name:      "wrong current password",
			give:      api.ChangePasswordRequest{CurrentPassword: "not-the-password", NewPassword: "a-brand-new-password"},
			wantField: "current_password",
		},
		{
			name:      "new password too short",
			give:      api.ChangePasswordRequest{CurrentPassword: testsupport.AdminPassword, NewPassword: "short"},
			wantField: "new_password",
		},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.admin.ChangePassword(t.Context(), &tt.give)

				p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
				assert.Equal(t, []string{tt.wantField}, fieldNames(p))
				s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
			})
		}
	})
}
