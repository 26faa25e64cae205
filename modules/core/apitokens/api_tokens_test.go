package apitokens_test

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
	"github.com/binora/binora/modules/core/apitokens"
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

func TestCreate_StoresOnlyTheSecretsHashAndNormalizesRanges(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		tok, bearer := tn.APIToken(t, tn.Ctx(), apitokens.Create{
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

func TestCreate_BadInput_NamesTheField(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		past := time.Now().Add(-time.Minute)
		tests := []struct {
			name      string
			give      apitokens.Create
			wantField string
		}{
			{"blank name", apitokens.Create{Name: " ", Permissions: []string{dcRead}}, "name"},
			{"no permissions", apitokens.Create{Name: "x"}, "permissions"},
			{"unknown code", apitokens.Create{Name: "x", Permissions: []string{dcRead, "core.nothing.read"}}, "permissions"},
			{"expiry in the past", apitokens.Create{Name: "x", Permissions: []string{dcRead}, ExpiresAt: &past}, "expires_at"},
			{"malformed range", apitokens.Create{Name: "x", Permissions: []string{dcRead}, AllowedCIDRs: []string{"10.0.0.0/33"}}, "allowed_cidrs"},
			{"not an address", apitokens.Create{Name: "x", Permissions: []string{dcRead}, AllowedCIDRs: []string{"localhost"}}, "allowed_cidrs"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := env.App.APITokens.Create(tn.Ctx(), tt.give)

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

func TestCreate_PermissionTheCreatorLacks_IsForbidden(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		u, _ := tn.TokenCreator(t, "ops@example.com", "ops-password-1", dcRead, tokenWrite)

		_, _, err := env.App.APITokens.Create(tn.ActingAs(t, u), apitokens.Create{Name: "x", Permissions: []string{dcRead, dcWrite}})

		assert.True(t, apperr.IsKind(err, apperr.KindForbidden), "got %v", err)
	})
}

func TestCreate_ByAnAPIToken_IsForbidden(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		_, bearer := tn.APIToken(t, tn.Ctx(), apitokens.Create{Name: "x", Permissions: []string{tokenWrite}})
		companyID, a, err := env.App.Sessions.Authenticate(fromLoopback(), bearer, 0)
		require.NoError(t, err)
		require.True(t, a.Can(tokenWrite))

		ctx := tenancy.WithActor(fromLoopback(), companyID, a)
		_, _, err = env.App.APITokens.Create(ctx, apitokens.Create{Name: "y", Permissions: []string{tokenWrite}})
		_, _, badBody := env.App.APITokens.Create(ctx, apitokens.Create{Name: "", Permissions: []string{"no.such.code"}})

		assert.ErrorIs(t, err, apitokens.ErrCreatesToken)
		assert.ErrorIs(t, badBody, apitokens.ErrCreatesToken, "refused before the body is looked at")
	})
}

func TestAPITokens_OtherTenantsToken_IsNotFoundAndUntouched(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		svc := env.App.APITokens
		tok, bearer := a.APIToken(t, a.Ctx(), apitokens.Create{Name: "x", Permissions: []string{dcRead}})

		_, getErr := svc.Get(b.Ctx(), tok.ID)
		revokeErr := svc.Revoke(b.Ctx(), tok.ID)
		res, listErr := svc.List(b.Ctx(), pageOfAll)

		assert.True(t, apperr.IsKind(getErr, apperr.KindNotFound), "got %v", getErr)
		assert.True(t, apperr.IsKind(revokeErr, apperr.KindNotFound), "got %v", revokeErr)
		require.NoError(t, listErr)
		assert.Zero(t, res.Count)
		assert.Empty(t, res.Items)
		_, _, err := env.App.Sessions.Authenticate(fromLoopback(), bearer, 0)
		assert.NoError(t, err, "the token still works")
	})
}

func TestRevoke_HidesItAndRecordsBothEvents(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc := env.App.APITokens
		tok, _ := tn.APIToken(t, tn.Ctx(), apitokens.Create{Name: "nightly sync", Permissions: []string{dcRead}})

		require.NoError(t, svc.Revoke(reqinfo.With(tn.Ctx(), reqinfo.Info{ClientIP: "192.0.2.7"}), tok.ID))

		_, err := svc.Get(tn.Ctx(), tok.ID)
		assert.True(t, apperr.IsKind(err, apperr.KindNotFound), "got %v", err)
		assert.True(t, apperr.IsKind(svc.Revoke(tn.Ctx(), tok.ID), apperr.KindNotFound), "a second revoke")
		res, err := svc.List(tn.Ctx(), pageOfAll)
		require.NoError(t, err)
		assert.Zero(t, res.Count)
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
