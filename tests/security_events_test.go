package tests

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/testsupport"
)

// eventTypes lists the types of a page of events, in order.
func eventTypes(l *api.SecurityEventList) []string {
	out := make([]string, len(l.Results))
	for i, ev := range l.Results {
		out[i] = string(ev.Type)
	}
	return out
}

func (s *site) securityEvents(t *testing.T, params api.ListSecurityEventsParams) *api.SecurityEventList {
	t.Helper()
	l, err := s.admin.ListSecurityEvents(t.Context(), params)
	require.NoError(t, err)
	return l
}

// authStory walks the admin of s through every auth action that leaves an
// event, ending logged in again with newPassword as s.admin, and returns
// the request id it gave the failed login.
func (s *site) authStory(t *testing.T, newPassword string) string {
	t.Helper()
	const requestID = "story-failed-login-1"
	r := send(t, s.url, rawRequest{
		Method: http.MethodPost, Path: "/api/auth/login", Tenant: s.tn.Company.Subdomain,
		Body: `{"email":"intruder@story.test","password":"a-guess-at-it"}`, Header: map[string]string{"X-Request-ID": requestID},
	})
	require.Equal(t, http.StatusUnauthorized, r.Status)
	pair := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
	const changed = "changed-in-the-story"
	require.NoError(t, s.as(t, pair.Access).ChangePassword(t.Context(),
		&api.ChangePasswordRequest{CurrentPassword: testsupport.AdminPassword, NewPassword: changed}))
	require.NoError(t, s.client(t).Logout(t.Context(), &api.LogoutRequest{Refresh: pair.Refresh}))
	_, invitation := s.tn.InviteByMail(t, "newcomer@story.test")
	_, err := s.acceptInvitation(t, invitation, invitedPassword)
	require.NoError(t, err)
	s.requestReset(t, s.tn.Admin.Email)
	require.NoError(t, s.confirmReset(t, s.tn.MailToken(t, s.tn.Admin.Email), newPassword))
	s.admin = s.tn.Login(t, s.url, s.tn.Admin.Email, newPassword)
	return requestID
}

func TestSecurityEvents_RecordEveryAuthActionNewestFirst(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		requestID := s.authStory(t, resetPassword)

		l := s.securityEvents(t, api.ListSecurityEventsParams{})

		assert.Equal(t, []string{
			"login_succeeded", "password_reset", "invitation_accepted", "invitation_sent", "logout",
			"password_changed", "login_succeeded", "login_failed", "login_succeeded",
		}, eventTypes(l))
		assert.Equal(t, 9, l.Count)
		failed := l.Results[7]
		assert.True(t, failed.Actor.Null, "a failed login names no actor")
		assert.Equal(t, "intruder@story.test", failed.Subject)
		assert.Equal(t, requestID, failed.RequestID)
		for _, ev := range l.Results {
			if ev.Type == api.SecurityEventTypeInvitationSent {
				continue // sent through the service, outside any request
			}
			assert.Equal(t, "127.0.0.1", ev.IP, ev.Type)
			assert.NotEmpty(t, ev.RequestID, ev.Type)
		}
		reset := l.Results[1]
		assert.Equal(t, api.UserRef{ID: int64(s.tn.Admin.ID), Email: s.tn.Admin.Email}, reset.Actor.Value)
		assert.Contains(t, reset.Subject, s.tn.Admin.Email)
		for i := 1; i < len(l.Results); i++ {
			assert.False(t, l.Results[i].CreatedAt.After(l.Results[i-1].CreatedAt), "newest first")
		}
	})
}

func TestSecurityEvents_Filters(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		clock := testsupport.NewClock()
		s := newSite(t, testsupport.Reopen(t, env, app.Options{Now: clock.Now}, nil))
		member := s.tn.NewUser(t, "member@events.test", "member-password-1", false)
		s.login(t, member.Email, "member-password-1")
		clock.Advance(time.Minute)
		since := clock.Now()
		s.login(t, s.tn.Admin.Email, testsupport.AdminPassword)
		_, err := s.client(t).Login(t.Context(), &api.LoginRequest{Email: member.Email, Password: "wrong-password-1"})
		require.Error(t, err)
		tests := []struct {
			name   string
			params api.ListSecurityEventsParams
			want   []string
		}{
			{"type", api.ListSecurityEventsParams{Type: api.NewOptSecurityEventType(api.SecurityEventTypeLoginFailed)},
				[]string{"login_failed"}},
			{"actor", api.ListSecurityEventsParams{ActorID: api.NewOptInt64(int64(member.ID))},
				[]string{"login_succeeded"}},
			{"since", api.ListSecurityEventsParams{Since: api.NewOptDateTime(since.UTC())},
				[]string{"login_failed", "login_succeeded"}},
			{"type and actor", api.ListSecurityEventsParams{
				Type: api.NewOptSecurityEventType(api.SecurityEventTypeLoginSucceeded), ActorID: api.NewOptInt64(int64(s.tn.Admin.ID)),
			}, []string{"login_succeeded", "login_succeeded"}},
			{"a page", api.ListSecurityEventsParams{Limit: api.NewOptInt(1), Offset: api.NewOptInt(1)},
				[]string{"login_succeeded"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				l := s.securityEvents(t, tt.params)

				assert.Equal(t, tt.want, eventTypes(l))
			})
		}
	})
}

func TestSecurityEvents_AreConfinedToTheTenant(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a := newSite(t, env)
		b := a.otherTenant(t)
		a.authStory(t, resetPassword)

		l := b.securityEvents(t, api.ListSecurityEventsParams{})
		byActor := b.securityEvents(t, api.ListSecurityEventsParams{ActorID: api.NewOptInt64(int64(a.tn.Admin.ID))})

		assert.Equal(t, []string{"login_succeeded"}, eventTypes(l), "only b's admin logging in")
		assert.Equal(t, int64(b.tn.Admin.ID), l.Results[0].Actor.Value.ID)
		assert.Zero(t, byActor.Count)
	})
}

func TestSecurityEvents_RequireTheirPermission(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		s.tn.NewUser(t, "plain@events.test", "plain-password-1", false)
		plain := s.tn.Login(t, s.url, "plain@events.test", "plain-password-1")
		auditor := s.tn.NewUser(t, "auditor@events.test", "auditor-password-1", false)
		team, err := env.App.DB.Client.Team.Create().SetName("Auditors").
			SetPermissions([]string{"core.security_events.read"}).Save(s.tn.Ctx())
		require.NoError(t, err)
		require.NoError(t, env.App.DB.Client.TeamMembership.Create().SetTeamID(team.ID).SetUserID(auditor.ID).Exec(s.tn.Ctx()))
		allowed := s.tn.Login(t, s.url, auditor.Email, "auditor-password-1")

		_, denied := plain.ListSecurityEvents(t.Context(), api.ListSecurityEventsParams{})
		_, err = allowed.ListSecurityEvents(t.Context(), api.ListSecurityEventsParams{})

		clientProblem(t, denied, http.StatusForbidden, "permission_denied")
		assert.NoError(t, err)
	})
}
