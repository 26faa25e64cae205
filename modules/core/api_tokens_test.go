package core_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/apitoken"
	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core"
)

const (
	dcRead     = "core.datacenters.read"
	dcWrite    = "core.datacenters.write"
	tokenWrite = "core.api_tokens.write"
)

// pageOfAll is a page large enough for every token a test makes.
var pageOfAll = listing.Page{Limit: 100}

// fromLoopback is a request context as the HTTP edge builds it for a client
// on 127.0.0.1.
func fromLoopback() context.Context {
	return reqinfo.With(context.Background(), reqinfo.Info{ClientIP: "127.0.0.1", RequestID: "req-1"})
}

func TestCreateAPIToken_StoresOnlyTheSecretsHashAndNormalizesRanges(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		tok, bearer := tn.APIToken(t, tn.Ctx(), core.APITokenInput{
			Name: " sync ", Permissions: []string{dcWrite, dcRead, dcRead},
			AllowedCIDRs: []string{"127.0.0.1", "2001:db8::1", "10.1.2.3/8"},
		})

		prefix := "bnr_" + strconv.Itoa(tok.ID) + "_"
		require.True(t, strings.HasPrefix(bearer, prefix), bearer)
		secret := strings.TrimPrefix(bearer, prefix)
		assert.Len(t, secret, 43, "32 bytes, base64url without padding")
		stored, err := env.App.DB.Client.APIToken.Get(tn.Ctx(), tok.ID)
		require.NoError(t, err)
		assert.NotContains(t, stored.SecretHash, secret)
		assert.Len(t, stored.SecretHash, 64)
		assert.Equal(t, "sync", stored.Name)
		assert.Equal(t, []string{dcRead, dcWrite}, stored.Permissions)
		assert.Equal(t, []string{"127.0.0.1/32", "2001:db8::1/128", "10.0.0.0/8"}, stored.AllowedCidrs)
		assert.Equal(t, tn.Admin.ID, *stored.CreatedBy)
	})
}

func TestCreateAPIToken_BadInput_NamesTheField(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		past := time.Now().Add(-time.Minute)
		tests := []struct {
			name      string
			give      core.APITokenInput
			wantField string
		}{
			{"blank name", core.APITokenInput{Name: " ", Permissions: []string{dcRead}}, "name"},
			{"no permissions", core.APITokenInput{Name: "x"}, "permissions"},
			{"unknown code", core.APITokenInput{Name: "x", Permissions: []string{dcRead, "core.nothing.read"}}, "permissions"},
			{"expiry in the past", core.APITokenInput{Name: "x", Permissions: []string{dcRead}, ExpiresAt: &past}, "expires_at"},
			{"malformed range", core.APITokenInput{Name: "x", Permissions: []string{dcRead}, AllowedCIDRs: []string{"10.0.0.0/33"}}, "allowed_cidrs"},
			{"not an address", core.APITokenInput{Name: "x", Permissions: []string{dcRead}, AllowedCIDRs: []string{"localhost"}}, "allowed_cidrs"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := env.App.Core.CreateAPIToken(tn.Ctx(), tt.give)

				e, ok := apperr.As(err)
				require.True(t, ok, "got %v", err)
				assert.Equal(t, apperr.KindInvalid, e.Kind)
				require.Len(t, e.Fields, 1)
				assert.Equal(t, tt.wantField, e.Fields[0].Field)
			})
		}
		n, err := env.App.DB.Client.APIToken.Query().Count(tn.Ctx())
		require.NoError(t, err)
		assert.Zero(t, n, "nothing was written")
	})
}

func TestCreateAPIToken_PermissionTheCreatorLacks_IsForbidden(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		u, _ := tn.TokenCreator(t, "ops@example.com", "ops-password-1", dcRead, tokenWrite)

		_, _, err := env.App.Core.CreateAPIToken(tn.ActingAs(t, u), core.APITokenInput{Name: "x", Permissions: []string{dcRead, dcWrite}})

		assert.True(t, apperr.IsKind(err, apperr.KindForbidden), "got %v", err)
	})
}

func TestCreateAPIToken_ByAnAPIToken_IsForbidden(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		_, bearer := tn.APIToken(t, tn.Ctx(), core.APITokenInput{Name: "x", Permissions: []string{tokenWrite}})
		v, err := env.App.Core.Authenticate(fromLoopback(), bearer, 0)
		require.NoError(t, err)
		require.True(t, v.Can(tokenWrite))

		_, _, err = env.App.Core.CreateAPIToken(tenancy.WithViewer(fromLoopback(), v),
			core.APITokenInput{Name: "y", Permissions: []string{tokenWrite}})

		assert.ErrorIs(t, err, core.ErrAPITokenCreatesToken)
	})
}

func TestAuthenticateAPIToken_ActsForItsCreatorWithWhatBothHoldNow(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		u, team := tn.TokenCreator(t, "ops@example.com", "ops-password-1", dcRead, dcWrite, tokenWrite)
		tok, bearer := tn.APIToken(t, tn.ActingAs(t, u), core.APITokenInput{Name: "x", Permissions: []string{dcRead, dcWrite}})

		v, err := env.App.Core.Authenticate(fromLoopback(), bearer, 0)

		require.NoError(t, err)
		assert.Equal(t, tenancy.Viewer{CompanyID: tn.Company.ID, UserID: u.ID, APITokenID: tok.ID,
			Permissions: map[string]bool{dcRead: true, dcWrite: true}}, *v)

		tn.SetTeamPermissions(t, team, dcRead, tokenWrite)
		v, err = env.App.Core.Authenticate(fromLoopback(), bearer, tn.Company.ID)

		require.NoError(t, err)
		assert.Equal(t, map[string]bool{dcRead: true}, v.Permissions, "the creator lost core.datacenters.write")
	})
}

func TestAuthenticateAPIToken_StampsLastUsedAtAtMostOnceAMinute(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		tok, bearer := tn.APIToken(t, tn.Ctx(), core.APITokenInput{Name: "x", Permissions: []string{dcRead}})
		require.Nil(t, tok.LastUsedAt)

		_, err := env.App.Core.Authenticate(fromLoopback(), bearer, 0)
		require.NoError(t, err)
		first, err := env.App.Core.GetAPIToken(tn.Ctx(), tok.ID)
		require.NoError(t, err)
		_, err = env.App.Core.Authenticate(fromLoopback(), bearer, 0)
		require.NoError(t, err)
		second, err := env.App.Core.GetAPIToken(tn.Ctx(), tok.ID)
		require.NoError(t, err)

		require.NotNil(t, first.LastUsedAt)
		assert.True(t, first.LastUsedAt.Equal(*second.LastUsedAt), "the second use within a minute wrote nothing")
		assert.Equal(t, tn.Admin.ID, *second.UpdatedBy, "the stamp does not pose as a change by a person")
	})
}

func TestAuthenticateAPIToken_Refusals(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn, other := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		svc, client := env.App.Core, env.App.DB.Client
		newToken := func(t *testing.T, cidrs ...string) (int, string) {
			tok, bearer := tn.APIToken(t, tn.Ctx(), core.APITokenInput{Name: "x", Permissions: []string{dcRead}, AllowedCIDRs: cidrs})
			return tok.ID, bearer
		}
		tests := []struct {
			name    string
			prepare func(t *testing.T) (bearer string, tenantID int)
			wantErr error
		}{
			{"malformed", func(*testing.T) (string, int) { return "bnr_x_y", 0 }, core.ErrInvalidToken},
			{"unknown id", func(*testing.T) (string, int) { return "bnr_999999999_secret", 0 }, core.ErrInvalidToken},
			{"wrong secret", func(t *testing.T) (string, int) {
				id, _ := newToken(t)
				return "bnr_" + strconv.Itoa(id) + "_" + strings.Repeat("A", 43), 0
			}, core.ErrInvalidToken},
			{"revoked", func(t *testing.T) (string, int) {
				id, bearer := newToken(t)
				require.NoError(t, svc.RevokeAPIToken(tn.Ctx(), id))
				return bearer, 0
			}, core.ErrInvalidToken},
			{"expired", func(t *testing.T) (string, int) {
				id, bearer := newToken(t)
				testsupport.ExpireAPIToken(t, env, id, time.Now().Add(-time.Second))
				return bearer, 0
			}, core.ErrInvalidToken},
			{"creator deactivated", func(t *testing.T) (string, int) {
				u := tn.NewUser(t, "gone@example.com", "gone-password-1", true)
				_, bearer := tn.APIToken(t, tn.ActingAs(t, u), core.APITokenInput{Name: "x", Permissions: []string{dcRead}})
				require.NoError(t, client.User.UpdateOne(u).SetIsActive(false).Exec(tn.Ctx()))
				return bearer, 0
			}, core.ErrInvalidToken},
			{"client outside the ranges", func(t *testing.T) (string, int) {
				_, bearer := newToken(t, "10.0.0.0/8", "::1/128")
				return bearer, 0
			}, core.ErrInvalidToken},
			{"another tenant addressed", func(t *testing.T) (string, int) {
				_, bearer := newToken(t)
				return bearer, other.Company.ID
			}, core.ErrTokenTenant},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				bearer, tenantID := tt.prepare(t)

				v, err := svc.Authenticate(fromLoopback(), bearer, tenantID)

				assert.Nil(t, v)
				assert.ErrorIs(t, err, tt.wantErr)
			})
		}
	})
}

func TestAuthenticateAPIToken_InsideItsRanges_IsAccepted(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		_, bearer := tn.APIToken(t, tn.Ctx(), core.APITokenInput{Name: "x", Permissions: []string{dcRead}, AllowedCIDRs: []string{"10.0.0.0/8", "127.0.0.0/8"}})

		_, err := env.App.Core.Authenticate(fromLoopback(), bearer, 0)

		assert.NoError(t, err)
	})
}

func TestAuthenticateAPIToken_InactiveCompany_IsTenantNotFound(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		_, bearer := tn.APIToken(t, tn.Ctx(), core.APITokenInput{Name: "x", Permissions: []string{dcRead}})
		err := env.App.DB.Client.Company.UpdateOneID(tn.Company.ID).SetIsActive(false).
			Exec(tenancy.SystemContext(context.Background()))
		require.NoError(t, err)

		_, err = env.App.Core.Authenticate(fromLoopback(), bearer, 0)

		assert.ErrorIs(t, err, core.ErrTenantNotFound)
	})
}

func TestAPITokens_OtherTenantsToken_IsNotFoundAndUntouched(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		tok, bearer := a.APIToken(t, a.Ctx(), core.APITokenInput{Name: "x", Permissions: []string{dcRead}})

		_, getErr := env.App.Core.GetAPIToken(b.Ctx(), tok.ID)
		revokeErr := env.App.Core.RevokeAPIToken(b.Ctx(), tok.ID)
		res, listErr := env.App.Core.ListAPITokens(b.Ctx(), pageOfAll)
		list, total := res.Items, res.Count

		assert.True(t, apperr.IsKind(getErr, apperr.KindNotFound), "got %v", getErr)
		assert.True(t, apperr.IsKind(revokeErr, apperr.KindNotFound), "got %v", revokeErr)
		require.NoError(t, listErr)
		assert.Zero(t, total)
		assert.Empty(t, list)
		_, err := env.App.Core.Authenticate(fromLoopback(), bearer, 0)
		assert.NoError(t, err, "the token still works")
	})
}

func TestRevokeAPIToken_HidesItAndRecordsBothEvents(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		tok, _ := tn.APIToken(t, tn.Ctx(), core.APITokenInput{Name: "nightly sync", Permissions: []string{dcRead}})

		require.NoError(t, env.App.Core.RevokeAPIToken(reqinfo.With(tn.Ctx(), reqinfo.Info{ClientIP: "192.0.2.7"}), tok.ID))

		_, err := env.App.Core.GetAPIToken(tn.Ctx(), tok.ID)
		assert.True(t, apperr.IsKind(err, apperr.KindNotFound), "got %v", err)
		assert.True(t, apperr.IsKind(env.App.Core.RevokeAPIToken(tn.Ctx(), tok.ID), apperr.KindNotFound), "a second revoke")
		res, err := env.App.Core.ListAPITokens(tn.Ctx(), pageOfAll)
		total := res.Count
		require.NoError(t, err)
		assert.Zero(t, total)
		stored, err := env.App.DB.Client.APIToken.Query().Where(apitoken.ID(tok.ID)).Only(tn.Ctx())
		require.NoError(t, err)
		assert.NotNil(t, stored.RevokedAt, "the row is kept, revoked")
		events, err := env.App.DB.Client.SecurityEvent.Query().
			Where(securityevent.TypeIn("api_token_created", "api_token_revoked")).
			Order(securityevent.ByID()).All(tn.Ctx())
		require.NoError(t, err)
		require.Len(t, events, 2)
		subject := "api token " + strconv.Itoa(tok.ID) + " (nightly sync)"
		for i, typ := range []string{"api_token_created", "api_token_revoked"} {
			assert.Equal(t, typ, events[i].Type)
			assert.Equal(t, subject, events[i].Subject)
			assert.Equal(t, tn.Admin.ID, *events[i].ActorID)
		}
		assert.Equal(t, "192.0.2.7", events[1].IP)
	})
}
