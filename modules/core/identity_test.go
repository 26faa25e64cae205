package core_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core"
)

// anonymous is the context of a request that named tn's tenant and carries
// no token: login, invitations and resets.
func anonymous(tn *testsupport.Tenant) context.Context {
	return tenancy.WithViewer(context.Background(), &tenancy.Viewer{CompanyID: tn.Company.ID})
}

func TestChangePassword_WithAnAPIToken_IsForbidden(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		ctx := tenancy.WithViewer(context.Background(), &tenancy.Viewer{
			CompanyID: tn.Company.ID, UserID: tn.Admin.ID, APITokenID: 7, Admin: true,
		})

		err := env.App.Core.ChangePassword(ctx, testsupport.AdminPassword, "a-new-long-password")

		e, ok := apperr.As(err)
		require.True(t, ok, "got %v", err)
		assert.Equal(t, apperr.KindForbidden, e.Kind)
		assert.Equal(t, "permission_denied", e.Code)
	})
}

func TestChangePassword_RecordsAnEvent(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		require.NoError(t, env.App.Core.ChangePassword(tn.Ctx(), testsupport.AdminPassword, "a-new-long-password"))

		ev, err := env.App.DB.Client.SecurityEvent.Query().
			Where(securityevent.Type(string(core.EventPasswordChanged))).Only(tn.Ctx())
		require.NoError(t, err)
		assert.Equal(t, tn.Admin.ID, *ev.ActorID)
	})
}

func TestRequestPasswordReset_PastThePerEmailLimit_QuietlySendsNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		for range 7 {
			require.NoError(t, env.App.Core.RequestPasswordReset(anonymous(tn), tn.Admin.Email))
		}

		assert.Len(t, tn.Outbox(t, tn.Admin.Email), 5)
	})
}

func TestIdentityUseCases_WithoutTenant_AreTenantRequired(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		ctx := context.Background()
		_, acceptErr := env.App.Core.AcceptInvitation(ctx, "token", "a-long-password")
		resetErr := env.App.Core.RequestPasswordReset(ctx, "a@b.test")
		confirmErr := env.App.Core.ConfirmPasswordReset(ctx, "token", "a-long-password")

		for _, err := range []error{acceptErr, resetErr, confirmErr} {
			assert.ErrorIs(t, err, core.ErrTenantRequired)
		}
	})
}

func TestResendInvitation_ToSomeoneWithoutOne_IsConflict(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		err := env.App.Core.ResendInvitation(tn.Ctx(), tn.Admin.ID)

		assert.ErrorIs(t, err, core.ErrNotInvited)
		assert.Empty(t, tn.Outbox(t, tn.Admin.Email))
	})
}

func TestSetTenantActive_TakesEffectAtOnceInTheProcess(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc := env.App.Core
		pair, err := svc.Login(anonymous(tn), tn.Admin.Email, testsupport.AdminPassword)
		require.NoError(t, err)
		_, err = svc.ResolveTenant(context.Background(), tn.Company.Subdomain)
		require.NoError(t, err, "the cache now holds the tenant")

		c, err := svc.SetTenantActive(context.Background(), tn.Company.Subdomain, false)

		require.NoError(t, err)
		assert.False(t, c.IsActive)
		_, err = svc.ResolveTenant(context.Background(), tn.Company.Subdomain)
		assert.ErrorIs(t, err, core.ErrTenantNotFound)
		_, err = svc.Authenticate(context.Background(), pair.Access, 0)
		assert.ErrorIs(t, err, core.ErrTenantNotFound, "a token that names no tenant")
		_, err = svc.SetTenantActive(context.Background(), tn.Company.Subdomain, true)
		require.NoError(t, err)
		_, err = svc.Authenticate(context.Background(), pair.Access, 0)
		assert.NoError(t, err)
	})
}

func TestPlatformCommands_UnknownTenantOrUser(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		gone := tn.NewUser(t, "gone@platform.test", "gone-user-password", false)
		_, err := env.App.DB.Client.User.UpdateOne(gone).SetIsActive(false).Save(tn.Ctx())
		require.NoError(t, err)
		ctx := context.Background()

		_, noTenant := env.App.Core.SetTenantActive(ctx, "no-such-tenant", false)
		_, noTenantReset := env.App.Core.IssuePasswordReset(ctx, "no-such-tenant", tn.Admin.Email)
		_, noUser := env.App.Core.IssuePasswordReset(ctx, tn.Company.Subdomain, "nobody@platform.test")
		_, inactive := env.App.Core.IssuePasswordReset(ctx, tn.Company.Subdomain, gone.Email)

		assert.ErrorIs(t, noTenant, core.ErrUnknownTenant)
		assert.ErrorIs(t, noTenantReset, core.ErrUnknownTenant)
		assert.True(t, apperr.IsKind(noUser, apperr.KindNotFound), "got %v", noUser)
		assert.ErrorIs(t, inactive, core.ErrUserInactive)
		assert.Empty(t, tn.Outbox(t, gone.Email))
	})
}

func TestIssuePasswordReset_ReturnsTheMailedToken(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		issued, err := env.App.Core.IssuePasswordReset(context.Background(), tn.Company.Subdomain, " "+tn.Admin.Email)

		require.NoError(t, err)
		assert.Equal(t, tn.MailToken(t, tn.Admin.Email), issued.Token)
		assert.Equal(t, tn.Admin.ID, issued.User.ID)
		require.NoError(t, env.App.Core.ConfirmPasswordReset(anonymous(tn), issued.Token, "operator-handed-pw"))
		_, err = env.App.Core.Login(anonymous(tn), tn.Admin.Email, "operator-handed-pw")
		assert.NoError(t, err)
	})
}
