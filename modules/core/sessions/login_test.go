package sessions_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/testsupport"
)

// olderHash stores, as u's password hash, plain hashed with other
// parameters than the server's, as before the operator changed them.
func olderHash(t *testing.T, env *testsupport.Env, tn *testsupport.Tenant, u *ent.User, plain string) string {
	t.Helper()
	older := env.App.Hasher.Params
	older.Iterations++
	hash, err := password.Hasher{Params: older}.Hash(context.Background(), plain)
	require.NoError(t, err)
	require.NoError(t, env.App.DB.Client.User.UpdateOne(u).SetPasswordHash(hash).Exec(tn.Ctx()))
	require.True(t, env.App.Hasher.Outdated(hash))
	return hash
}

func storedHash(t *testing.T, env *testsupport.Env, tn *testsupport.Tenant, u *ent.User) string {
	t.Helper()
	reloaded, err := env.App.DB.Client.User.Get(tn.Ctx(), u.ID)
	require.NoError(t, err)
	return reloaded.PasswordHash
}

func TestLogin_WithAnOutdatedHash_ReplacesItWithOneAtTheCurrentParameters(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		olderHash(t, env, tn, tn.Admin, testsupport.AdminPassword)

		_, err := env.App.Sessions.Login(anonymous(tn), tn.Admin.Email, testsupport.AdminPassword)

		require.NoError(t, err)
		assert.False(t, env.App.Hasher.Outdated(storedHash(t, env, tn, tn.Admin)))
		_, err = env.App.Sessions.Login(anonymous(tn), tn.Admin.Email, testsupport.AdminPassword)
		assert.NoError(t, err, "the new hash holds the same password")
	})
}

func TestLogin_WrongPasswordAgainstAnOutdatedHash_KeepsIt(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		hash := olderHash(t, env, tn, tn.Admin, testsupport.AdminPassword)

		_, err := env.App.Sessions.Login(anonymous(tn), tn.Admin.Email, "a-wrong-password")

		require.Error(t, err)
		assert.Equal(t, hash, storedHash(t, env, tn, tn.Admin))
	})
}
