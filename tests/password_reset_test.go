package tests

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// resetPassword is the password chosen through a reset in these tests.
const resetPassword = "reset-to-this-one"

func (s *site) requestReset(t *testing.T, email string) {
	t.Helper()
	require.NoError(t, s.client(t).RequestPasswordReset(t.Context(), &api.PasswordResetRequest{Email: email}))
}

func (s *site) confirmReset(t *testing.T, token, plain string) error {
	t.Helper()
	return s.client(t).ConfirmPasswordReset(t.Context(), &api.PasswordResetConfirmRequest{Token: token, NewPassword: plain})
}

func TestPasswordReset_AlwaysAnswers202AndMailsOnlyActiveAcceptedUsers(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		inactive := s.tn.NewUser(t, "gone@reset.test", "gone-user-password", false)
		_, err := env.App.DB.Client.User.UpdateOne(inactive).SetIsActive(false).Save(s.tn.Ctx())
		require.NoError(t, err)
		invited, _ := s.tn.InviteByMail(t, "invited@reset.test")
		member := s.tn.NewUser(t, "member@reset.test", "member-password-1", false)
		tests := []struct{ name, email string }{
			{"unknown email", "nobody@reset.test"},
			{"deactivated user", inactive.Email},
			{"invited user", invited.Email},
			{"active user", member.Email},
			{"active user, other case", " MEMBER@reset.test "},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := send(t, s.url, rawRequest{
					Method: http.MethodPost, Path: "/api/auth/password-reset", Tenant: s.tn.Company.Subdomain,
					Body: `{"email":"` + tt.email + `"}`,
				})

				assert.Equal(t, http.StatusAccepted, r.Status, "body: %s", r.Body)
				assert.Empty(t, r.Body)
			})
		}
		assert.Empty(t, s.tn.Outbox(t, "nobody@reset.test"))
		assert.Empty(t, s.tn.Outbox(t, inactive.Email))
		assert.Len(t, s.tn.Outbox(t, invited.Email), 1, "the invitation, and no reset")
		assert.Len(t, s.tn.Outbox(t, member.Email), 2)
	})
}

func TestPasswordReset_ConfirmSetsThePasswordAndRevokesEverySession(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		first := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
		second := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
		s.requestReset(t, s.tn.Admin.Email)
		token := s.tn.MailToken(t, s.tn.Admin.Email)

		err := s.confirmReset(t, token, resetPassword)

		require.NoError(t, err)
		for _, pair := range []*api.TokenPair{first, second} {
			s.assertSessionDead(t, pair.Access)
			s.assertRefreshRefused(t, pair.Refresh)
		}
		s.assertSessionDead(t, s.admin.Token)
		_, err = s.client(t).Login(t.Context(), &api.LoginRequest{Email: s.tn.Admin.Email, Password: testsupport.AdminPassword})
		clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
		s.login(t, s.tn.Admin.Email, resetPassword)
	})
}

func TestPasswordReset_TokenIsSingleUseAndStoredHashed(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		s.requestReset(t, s.tn.Admin.Email)
		token := s.tn.MailToken(t, s.tn.Admin.Email)
		require.NoError(t, s.confirmReset(t, token, resetPassword))

		err := s.confirmReset(t, token, "yet-another-password")

		assertTokenRefused(t, err, "token")
		stored, err := env.App.DB.Client.UserToken.Query().
			Where(usertoken.KindEQ(usertoken.KindPasswordReset)).Only(s.tn.Ctx())
		require.NoError(t, err)
		assert.NotEqual(t, token, stored.TokenHash)
		assert.WithinDuration(t, stored.CreatedAt.Add(time.Hour), stored.ExpiresAt, 5*time.Second, "1 hour by default")
		assert.NotNil(t, stored.UsedAt)
	})
}

func TestPasswordReset_ExpiredToken_Is400Token(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		s.requestReset(t, s.tn.Admin.Email)
		token := s.tn.MailToken(t, s.tn.Admin.Email)
		s.tn.ExpireTokens(t, s.tn.Admin)

		err := s.confirmReset(t, token, resetPassword)

		assertTokenRefused(t, err, "token")
		s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
	})
}

func TestPasswordReset_ConfiguredLifetime_Applies(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		clock := testsupport.NewClock()
		env = testsupport.Reopen(t, env, app.Options{Now: clock.Now}, func(c *config.Config) { c.PasswordResetTTL = 5 * time.Minute })
		s := newSite(t, env)
		s.requestReset(t, s.tn.Admin.Email)
		token := s.tn.MailToken(t, s.tn.Admin.Email)
		clock.Advance(5 * time.Minute)

		err := s.confirmReset(t, token, resetPassword)

		assertTokenRefused(t, err, "token")
	})
}

func TestPasswordReset_InAnotherTenant_Is400Token(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a := newSite(t, env)
		b := a.otherTenant(t)
		a.requestReset(t, a.tn.Admin.Email)
		token := a.tn.MailToken(t, a.tn.Admin.Email)

		err := b.confirmReset(t, token, resetPassword)

		assertTokenRefused(t, err, "token")
		b.login(t, b.tn.Admin.Email, testsupport.AdminPassword)
		assert.NoError(t, a.confirmReset(t, token, resetPassword), "the token still works in its own tenant")
	})
}

func TestPasswordReset_WeakPassword_Is400NewPasswordAndKeepsTheToken(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		s.requestReset(t, s.tn.Admin.Email)
		token := s.tn.MailToken(t, s.tn.Admin.Email)

		for _, weak := range []string{"qwertyuiop", "short", s.tn.Admin.Email} {
			assertTokenRefused(t, s.confirmReset(t, token, weak), "new_password")
		}
		assert.NoError(t, s.confirmReset(t, token, resetPassword))
	})
}

func TestPasswordReset_CompletesAPendingInvitation(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		u, invitation := s.tn.InviteByMail(t, "handed@reset.test")
		issued, err := env.App.Platform.IssuePasswordReset(t.Context(), s.tn.Company.Subdomain, u.Email)
		require.NoError(t, err)

		require.NoError(t, s.confirmReset(t, issued.Token, resetPassword))

		assert.False(t, s.reloadUser(t, u).InvitationPending)
		s.login(t, u.Email, resetPassword)
		_, err = s.acceptInvitation(t, invitation, invitedPassword)
		assertTokenRefused(t, err, "token")
	})
}

// A reset ends the API tokens of the user too: whoever forced the reset may
// have made them.
func TestPasswordReset_RevokesTheUsersAPITokens(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		created := createToken(t, s.admin, api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode}})
		partner := s.tokenClient(t, created.Token)
		_, err := listDatacenters(t, partner)
		require.NoError(t, err, "the token works before the reset")
		s.requestReset(t, s.tn.Admin.Email)

		require.NoError(t, s.confirmReset(t, s.tn.MailToken(t, s.tn.Admin.Email), resetPassword))

		_, err = listDatacenters(t, partner)
		clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
		revoked, err := env.App.DB.Client.SecurityEvent.Query().
			Where(securityevent.Type("api_token_revoked")).All(s.tn.Ctx())
		require.NoError(t, err)
		require.Len(t, revoked, 1)
		assert.Equal(t, s.tn.Admin.ID, *revoked[0].ActorID)
		assert.Equal(t, "api token "+strconv.FormatInt(created.ID, 10)+" (sync): password reset", revoked[0].Subject)
	})
}
