package tests

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/testsupport"
)

// invitedPassword is what invited users choose in these tests.
const invitedPassword = "chosen-on-acceptance"

// assertTokenRefused checks a 400 validation_error naming only field.
func assertTokenRefused(t *testing.T, err error, field string) {
	t.Helper()
	p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
	assert.Equal(t, []string{field}, fieldNames(p))
}

func (s *site) acceptInvitation(t *testing.T, token, plain string) (*api.TokenPair, error) {
	t.Helper()
	return s.client(t).AcceptInvitation(t.Context(), &api.AcceptInvitationRequest{Token: token, Password: plain})
}

// reloadUser reads u again, in its tenant.
func (s *site) reloadUser(t *testing.T, u *ent.User) *ent.User {
	t.Helper()
	fresh, err := s.env.App.DB.Client.User.Get(s.tn.Ctx(), u.ID)
	require.NoError(t, err)
	return fresh
}

func TestAcceptInvitation_SetsThePasswordAndSignsIn(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		u, token := s.tn.InviteByMail(t, "new@invited.test")

		pair, err := s.acceptInvitation(t, token, invitedPassword)

		require.NoError(t, err)
		assert.Equal(t, int64(u.ID), pair.User.ID)
		assert.NotEmpty(t, pair.Access)
		assert.NotEmpty(t, pair.Refresh)
		_, err = s.as(t, pair.Access).GetMe(t.Context())
		require.NoError(t, err, "the answer is a working session")
		assert.False(t, s.reloadUser(t, u).InvitationPending)
		s.login(t, u.Email, invitedPassword)
	})
}

func TestInvitation_IsMailedAndStoredHashed(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		u, token := s.tn.InviteByMail(t, "hashed@invited.test")

		msg := s.tn.LatestMail(t, u.Email)
		assert.Contains(t, msg.Subject, s.tn.Company.Name)
		assert.Contains(t, s.tn.MailBody(t, msg), "/api/auth/accept-invitation")
		stored, err := env.App.DB.Client.UserToken.Query().Where(usertoken.UserID(u.ID)).Only(s.tn.Ctx())
		require.NoError(t, err)
		assert.Equal(t, usertoken.KindInvitation, stored.Kind)
		assert.Equal(t, authtoken.HashSecret(token), stored.TokenHash)
		assert.NotContains(t, stored.TokenHash, token)
		assert.WithinDuration(t, stored.CreatedAt.Add(7*24*time.Hour), stored.ExpiresAt, 5*time.Second)
		sent, err := env.App.DB.Client.SecurityEvent.Query().
			Where(securityevent.Type("invitation_sent")).Only(s.tn.Ctx())
		require.NoError(t, err)
		assert.Contains(t, sent.Subject, u.Email)
		assert.Equal(t, s.tn.Admin.ID, *sent.ActorID)
	})
}

func TestAcceptInvitation_IsSingleUse(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		_, token := s.tn.InviteByMail(t, "once@invited.test")
		_, err := s.acceptInvitation(t, token, invitedPassword)
		require.NoError(t, err)

		_, again := s.acceptInvitation(t, token, "another-good-password")

		assertTokenRefused(t, again, "token")
	})
}

func TestAcceptInvitation_ExpiredToken_Is400Token(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		u, token := s.tn.InviteByMail(t, "late@invited.test")
		s.tn.ExpireTokens(t, u)

		_, err := s.acceptInvitation(t, token, invitedPassword)

		assertTokenRefused(t, err, "token")
		assert.True(t, s.reloadUser(t, u).InvitationPending)
	})
}

func TestAcceptInvitation_InAnotherTenant_Is400TokenAndLeavesItUsable(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a := newSite(t, env)
		b := a.otherTenant(t)
		_, token := a.tn.InviteByMail(t, "roamer@invited.test")

		_, err := b.acceptInvitation(t, token, invitedPassword)

		assertTokenRefused(t, err, "token")
		_, err = a.acceptInvitation(t, token, invitedPassword)
		assert.NoError(t, err, "the token still works in its own tenant")
	})
}

func TestAcceptInvitation_BadInput(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		u, token := s.tn.InviteByMail(t, "picky@invited.test")
		tests := []struct {
			name      string
			token     string
			password  string
			wantField string
		}{
			{"unknown token", "not-a-token", invitedPassword, "token"},
			{"common password", token, "1234567890", "password"},
			{"short password", token, "short", "password"},
			{"the email as password", token, u.Email, "password"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.acceptInvitation(t, tt.token, tt.password)

				assertTokenRefused(t, err, tt.wantField)
			})
		}
		_, err := s.acceptInvitation(t, token, invitedPassword)
		assert.NoError(t, err, "a refused password leaves the invitation usable")
	})
}

func TestAcceptInvitation_ResentInvitation_VoidsTheEarlierOne(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		u, first := s.tn.InviteByMail(t, "twice@invited.test")
		require.NoError(t, env.App.Directory.ResendInvitation(s.tn.Ctx(), u.ID))
		second := s.tn.MailToken(t, u.Email)
		require.NotEqual(t, first, second)

		_, err := s.acceptInvitation(t, first, invitedPassword)

		assertTokenRefused(t, err, "token")
		_, err = s.acceptInvitation(t, second, invitedPassword)
		assert.NoError(t, err)
	})
}

func TestAcceptInvitation_WithoutTenant_IsTenantRequired(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		_, token := s.tn.InviteByMail(t, "nowhere@invited.test")

		_, err := testsupport.NewClient(t, s.url, "", "").AcceptInvitation(t.Context(),
			&api.AcceptInvitationRequest{Token: token, Password: invitedPassword})

		clientProblem(t, err, http.StatusBadRequest, "tenant_required")
	})
}

func TestLogin_InvitedUser_GetsExactlyTheWrongPassword401(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		u, _ := s.tn.InviteByMail(t, "waiting@invited.test")
		c := s.client(t)

		_, invited := c.Login(t.Context(), &api.LoginRequest{Email: u.Email, Password: invitedPassword})
		_, wrong := c.Login(t.Context(), &api.LoginRequest{Email: s.tn.Admin.Email, Password: "not-the-password"})

		assert.Equal(t,
			clientProblem(t, wrong, http.StatusUnauthorized, "unauthenticated"),
			clientProblem(t, invited, http.StatusUnauthorized, "unauthenticated"))
	})
}

func TestInvitation_FromTheUsersEndpoint_CanBeAccepted(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		created, err := s.admin.CreateUser(t.Context(), &api.UserCreate{Email: "via-api@invited.test"}, api.CreateUserParams{})
		require.NoError(t, err)
		require.True(t, created.InvitationPending)

		pair, err := s.acceptInvitation(t, s.tn.MailToken(t, created.Email), invitedPassword)

		require.NoError(t, err)
		assert.Equal(t, created.ID, pair.User.ID)
		assert.False(t, pair.User.InvitationPending)
	})
}
