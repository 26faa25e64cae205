package sessions_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/events"
	"github.com/binora/binora/modules/core/sessions"
)

// anonymous is the context of a request that named tn's tenant and carries
// no token: login, invitations and resets.
func anonymous(tn *testsupport.Tenant) context.Context {
	return tenancy.WithTenant(context.Background(), tn.Company.ID)
}

func TestChangePassword_WithAnAPIToken_IsForbidden(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		ctx := tenancy.WithActor(context.Background(), tn.Company.ID, &tenancy.Actor{
			UserID: tn.Admin.ID, APITokenID: 7, Admin: true,
		})

		err := env.App.Sessions.ChangePassword(ctx, testsupport.AdminPassword, "a-new-long-password")

		assert.ErrorIs(t, err, sessions.ErrPasswordByAPIToken)
		e, ok := apperr.As(err)
		require.True(t, ok, "got %v", err)
		assert.Equal(t, apperr.KindForbidden, e.Kind)
		assert.Equal(t, "permission_denied", e.Code)
		_, err = env.App.Sessions.Login(anonymous(tn), tn.Admin.Email, testsupport.AdminPassword)
		assert.NoError(t, err, "the password is unchanged")
	})
}

func TestChangePassword_RecordsAnEvent(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		require.NoError(t, env.App.Sessions.ChangePassword(tn.Ctx(), testsupport.AdminPassword, "a-new-long-password"))

		ev, err := env.App.DB.Client.SecurityEvent.Query().
			Where(securityevent.Type(string(events.PasswordChanged))).Only(tn.Ctx())
		require.NoError(t, err)
		assert.Equal(t, tn.Admin.ID, *ev.ActorID)
	})
}

func TestRequestPasswordReset_PastThePerEmailLimit_QuietlySendsNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		for range 7 {
			require.NoError(t, env.App.Sessions.RequestPasswordReset(anonymous(tn), tn.Admin.Email))
		}

		assert.Len(t, tn.Outbox(t, tn.Admin.Email), 5)
	})
}

// Counting only the emails that have an account would make the limit's
// refusals tell them apart.
func TestRequestPasswordReset_PerEmailLimit_CountsEmailsWithoutAnAccountToo(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		const email = "later@reset.test"
		for range 5 {
			require.NoError(t, env.App.Sessions.RequestPasswordReset(anonymous(tn), email))
		}
		env.App.Drain() // so that their lookups find no account
		tn.NewUser(t, email, "later-user-password", false)

		require.NoError(t, env.App.Sessions.RequestPasswordReset(anonymous(tn), email))

		assert.Empty(t, tn.Outbox(t, email), "the five requests before the account used up its limit")
	})
}

// The lookup and the mail happen after the answer, so they cannot take
// longer for a known email; the client leaving does not stop them.
func TestRequestPasswordReset_ClientGoneOnceAnswered_StillMails(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		ctx, cancel := context.WithCancel(anonymous(tn))
		cancel()

		err := env.App.Sessions.RequestPasswordReset(ctx, tn.Admin.Email)

		require.NoError(t, err)
		assert.Len(t, tn.Outbox(t, tn.Admin.Email), 1)
	})
}

func TestIdentityUseCases_WithoutTenant_AreTenantRequired(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		ctx, svc := context.Background(), env.App.Sessions
		_, acceptErr := svc.AcceptInvitation(ctx, "token", "a-long-password")
		resetErr := svc.RequestPasswordReset(ctx, "a@b.test")
		confirmErr := svc.ConfirmPasswordReset(ctx, "token", "a-long-password")

		for _, err := range []error{acceptErr, resetErr, confirmErr} {
			assert.ErrorIs(t, err, sessions.ErrTenantRequired)
		}
	})
}
