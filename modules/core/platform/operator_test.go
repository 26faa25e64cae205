package platform_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/platform"
)

// anonymous is the context of a request that named tn's tenant and carries
// no token: login, invitations and resets.
func anonymous(tn *testsupport.Tenant) context.Context {
	return tenancy.WithTenant(context.Background(), tn.Company.ID)
}

func TestSetTenantActive_TakesEffectAtOnceInTheProcess(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc, auth := env.App.Platform, env.App.Sessions
		ctx := context.Background()
		pair, err := auth.Login(anonymous(tn), tn.Admin.Email, testsupport.AdminPassword)
		require.NoError(t, err)
		_, err = svc.ResolveTenant(ctx, tn.Company.Subdomain)
		require.NoError(t, err, "the cache now holds the tenant")

		c, err := svc.SetTenantActive(ctx, tn.Company.Subdomain, false)

		require.NoError(t, err)
		assert.False(t, c.IsActive)
		_, err = svc.ResolveTenant(ctx, tn.Company.Subdomain)
		assert.ErrorIs(t, err, platform.ErrTenantNotFound)
		_, _, err = auth.Authenticate(ctx, pair.Access, 0)
		assert.ErrorIs(t, err, platform.ErrTenantNotFound, "a token that names no tenant")
		_, err = svc.SetTenantActive(ctx, tn.Company.Subdomain, true)
		require.NoError(t, err)
		companyID, _, err := auth.Authenticate(ctx, pair.Access, 0)
		assert.NoError(t, err)
		assert.Equal(t, tn.Company.ID, companyID)
		id, err := svc.ResolveTenant(ctx, tn.Company.Subdomain)
		assert.NoError(t, err, "reactivation shows at once too")
		assert.Equal(t, tn.Company.ID, id)
	})
}

func TestPlatformCommands_UnknownTenantOrUser(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		gone := tn.NewUser(t, "gone@platform.test", "gone-user-password", false)
		_, err := env.App.DB.Client.User.UpdateOne(gone).SetIsActive(false).Save(tn.Ctx())
		require.NoError(t, err)
		ctx, svc := context.Background(), env.App.Platform

		_, noTenant := svc.SetTenantActive(ctx, "no-such-tenant", false)
		_, noTenantReset := svc.IssuePasswordReset(ctx, "no-such-tenant", tn.Admin.Email)
		_, noUser := svc.IssuePasswordReset(ctx, tn.Company.Subdomain, "nobody@platform.test")
		_, inactive := svc.IssuePasswordReset(ctx, tn.Company.Subdomain, gone.Email)

		assert.ErrorIs(t, noTenant, platform.ErrUnknownTenant)
		assert.ErrorIs(t, noTenantReset, platform.ErrUnknownTenant)
		assert.True(t, apperr.IsKind(noUser, apperr.KindNotFound), "got %v", noUser)
		assert.ErrorIs(t, inactive, platform.ErrUserInactive)
		assert.Empty(t, tn.Outbox(t, gone.Email))
	})
}

func TestIssuePasswordReset_ReturnsTheMailedToken(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		issued, err := env.App.Platform.IssuePasswordReset(context.Background(), tn.Company.Subdomain, " "+tn.Admin.Email)

		require.NoError(t, err)
		assert.Equal(t, tn.MailToken(t, tn.Admin.Email), issued.Token)
		assert.Equal(t, tn.Admin.ID, issued.User.ID)
		assert.WithinDuration(t, time.Now().Add(time.Hour), issued.ExpiresAt, time.Minute, "a reset lasts an hour by default")
		require.NoError(t, env.App.Sessions.ConfirmPasswordReset(anonymous(tn), issued.Token, "operator-handed-pw"))
		_, err = env.App.Sessions.Login(anonymous(tn), tn.Admin.Email, "operator-handed-pw")
		assert.NoError(t, err)
	})
}
