package sessions_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/apitokens"
	"github.com/binora/binora/modules/core/platform"
	"github.com/binora/binora/modules/core/sessions"
)

const (
	dcRead     = "core.datacenters.read"
	dcWrite    = "core.datacenters.write"
	tokenWrite = "core.api_tokens.write"
)

// fromLoopback is a request context as the HTTP edge builds it for a client
// on 127.0.0.1.
func fromLoopback() context.Context {
	return reqinfo.With(context.Background(), reqinfo.Info{ClientIP: "127.0.0.1", RequestID: "req-1"})
}

func TestAuthenticateAPIToken_ActsForItsCreatorWithWhatBothHoldNow(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		u, team := tn.TokenCreator(t, "ops@example.com", "ops-password-1", dcRead, dcWrite, tokenWrite)
		tok, bearer := tn.APIToken(t, tn.ActingAs(t, u), apitokens.Create{Name: "x", Permissions: []string{dcRead, dcWrite}})

		companyID, a, err := env.App.Sessions.Authenticate(fromLoopback(), bearer, 0)

		require.NoError(t, err)
		assert.Equal(t, tn.Company.ID, companyID)
		assert.Equal(t, tenancy.Actor{UserID: u.ID, APITokenID: tok.ID,
			Permissions: map[string]bool{dcRead: true, dcWrite: true}}, *a)

		tn.SetTeamPermissions(t, team, dcRead, tokenWrite)
		companyID, a, err = env.App.Sessions.Authenticate(fromLoopback(), bearer, tn.Company.ID)

		require.NoError(t, err)
		assert.Equal(t, tn.Company.ID, companyID)
		assert.Equal(t, map[string]bool{dcRead: true}, a.Permissions, "the creator lost core.datacenters.write")
	})
}

func TestAuthenticateAPIToken_OfAnAdmin_IsNoAdmin(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		_, bearer := tn.APIToken(t, tn.Ctx(), apitokens.Create{Name: "x", Permissions: []string{dcRead}})

		_, a, err := env.App.Sessions.Authenticate(fromLoopback(), bearer, 0)

		require.NoError(t, err)
		assert.False(t, a.Admin, "a token acts with its own codes only")
		assert.True(t, a.ByToken())
		assert.False(t, a.Can(dcWrite))
	})
}

func TestAuthenticateAPIToken_StampsLastUsedAtAtMostOnceAMinute(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc, tokens := env.App.Sessions, env.App.APITokens
		tok, bearer := tn.APIToken(t, tn.Ctx(), apitokens.Create{Name: "x", Permissions: []string{dcRead}})
		require.Nil(t, tok.LastUsedAt)

		_, _, err := svc.Authenticate(fromLoopback(), bearer, 0)
		require.NoError(t, err)
		first, err := tokens.Get(tn.Ctx(), tok.ID)
		require.NoError(t, err)
		_, _, err = svc.Authenticate(fromLoopback(), bearer, 0)
		require.NoError(t, err)
		second, err := tokens.Get(tn.Ctx(), tok.ID)
		require.NoError(t, err)

		require.NotNil(t, first.LastUsedAt)
		assert.True(t, first.LastUsedAt.Equal(*second.LastUsedAt), "the second use within a minute wrote nothing")
		assert.Equal(t, tn.Admin.ID, *second.UpdatedBy, "the stamp does not pose as a change by a person")
	})
}

// refusal prepares a bearer token that Authenticate must refuse, and the
// tenant the request names (0: none).
type refusal struct {
	name    string
	prepare func(t *testing.T) (bearer string, tenantID int)
	wantErr error
}

func refusals(env *testsupport.Env, tn, other *testsupport.Tenant) []refusal {
	newToken := func(t *testing.T, cidrs ...string) (int, string) {
		tok, bearer := tn.APIToken(t, tn.Ctx(), apitokens.Create{Name: "x", Permissions: []string{dcRead}, AllowedCIDRs: cidrs})
		return tok.ID, bearer
	}
	return []refusal{
		{"malformed", func(*testing.T) (string, int) { return "bnr_x_y", 0 }, sessions.ErrInvalidToken},
		{"unknown id", func(*testing.T) (string, int) { return "bnr_999999999_secret", 0 }, sessions.ErrInvalidToken},
		{"wrong secret", func(t *testing.T) (string, int) {
			id, _ := newToken(t)
			return "bnr_" + strconv.Itoa(id) + "_" + strings.Repeat("A", 43), 0
		}, sessions.ErrInvalidToken},
		{"revoked", func(t *testing.T) (string, int) {
			id, bearer := newToken(t)
			require.NoError(t, env.App.APITokens.Revoke(tn.Ctx(), id))
			return bearer, 0
		}, sessions.ErrInvalidToken},
		{"expired", func(t *testing.T) (string, int) {
			id, bearer := newToken(t)
			testsupport.ExpireAPIToken(t, env, id, time.Now().Add(-time.Second))
			return bearer, 0
		}, sessions.ErrInvalidToken},
		{"creator deactivated", func(t *testing.T) (string, int) {
			u := tn.NewUser(t, "gone@example.com", "gone-password-1", true)
			_, bearer := tn.APIToken(t, tn.ActingAs(t, u), apitokens.Create{Name: "x", Permissions: []string{dcRead}})
			require.NoError(t, env.App.DB.Client.User.UpdateOne(u).SetIsActive(false).Exec(tn.Ctx()))
			return bearer, 0
		}, sessions.ErrInvalidToken},
		{"client outside the ranges", func(t *testing.T) (string, int) {
			_, bearer := newToken(t, "10.0.0.0/8", "::1/128")
			return bearer, 0
		}, sessions.ErrInvalidToken},
		{"another tenant addressed", func(t *testing.T) (string, int) {
			_, bearer := newToken(t)
			return bearer, other.Company.ID
		}, sessions.ErrTokenTenant},
	}
}

func TestAuthenticateAPIToken_Refusals(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn, other := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		for _, tt := range refusals(env, tn, other) {
			t.Run(tt.name, func(t *testing.T) {
				bearer, tenantID := tt.prepare(t)

				companyID, a, err := env.App.Sessions.Authenticate(fromLoopback(), bearer, tenantID)

				assert.Zero(t, companyID)
				assert.Nil(t, a)
				assert.ErrorIs(t, err, tt.wantErr)
			})
		}
	})
}

func TestAuthenticateAPIToken_InsideItsRanges_IsAccepted(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		_, bearer := tn.APIToken(t, tn.Ctx(), apitokens.Create{Name: "x", Permissions: []string{dcRead},
			AllowedCIDRs: []string{"10.0.0.0/8", "127.0.0.0/8"}})

		_, _, err := env.App.Sessions.Authenticate(fromLoopback(), bearer, 0)

		assert.NoError(t, err)
	})
}

func TestAuthenticateAPIToken_InactiveCompany_IsTenantNotFound(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		_, bearer := tn.APIToken(t, tn.Ctx(), apitokens.Create{Name: "x", Permissions: []string{dcRead}})
		err := env.App.DB.Client.Company.UpdateOneID(tn.Company.ID).SetIsActive(false).
			Exec(tenancy.SystemContext(context.Background()))
		require.NoError(t, err)

		_, _, err = env.App.Sessions.Authenticate(fromLoopback(), bearer, 0)

		assert.ErrorIs(t, err, platform.ErrTenantNotFound)
	})
}
