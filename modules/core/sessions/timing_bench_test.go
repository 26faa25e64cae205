package sessions_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/testsupport"
)

// These benchmarks show what an attacker measures: the time to answer a
// reset request or a wrong login for an email with an account and for one
// without. Compare the two sub-benchmarks of each; they assert nothing
// about time. They time each request themselves (b.N counts pairs).

// unlimited lifts the sign-in limits, which would otherwise end the loop
// after a few requests, and gives hashes a realistic cost.
func unlimited(c *config.Config) {
	c.LoginFailuresPerWindow, c.LoginFailureWindow = 1<<30, 1<<40
	c.EmailFailuresPerHour = 1 << 30
	c.Password = password.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}
}

// benchEnvs runs fn once per target database on an application with the
// limits lifted.
func benchEnvs(b *testing.B, fn func(b *testing.B, env *testsupport.Env, tn *testsupport.Tenant)) {
	for _, target := range testsupport.Targets() {
		b.Run(target.Name, func(b *testing.B) {
			env := testsupport.NewEnv(b, target, app.Options{})
			env = testsupport.Reopen(b, env, app.Options{}, unlimited)
			fn(b, env, testsupport.NewTenant(b, env))
		})
	}
}

// compareEmails runs request for the known and the unknown email in turns,
// so that both meet the same load, and reports the mean time of each.
// settle runs after every request, outside the measure.
func compareEmails(b *testing.B, known, unknown string, request func(email string), settle func()) {
	var took [2]time.Duration
	emails := [2]string{known, unknown}
	n := 0
	for b.Loop() {
		for turn := range 2 {
			i := (n + turn) % 2 // alternate which goes first
			start := time.Now()
			request(emails[i])
			took[i] += time.Since(start)
			b.StopTimer()
			settle()
			b.StartTimer()
		}
		n++
	}
	b.ReportMetric(float64(took[0].Microseconds())/float64(n), "known-µs/req")
	b.ReportMetric(float64(took[1].Microseconds())/float64(n), "unknown-µs/req")
}

func BenchmarkRequestPasswordReset_KnownAndUnknownEmail(b *testing.B) {
	benchEnvs(b, func(b *testing.B, env *testsupport.Env, tn *testsupport.Tenant) {
		compareEmails(b, tn.Admin.Email, "nobody@bench.test", func(email string) {
			require.NoError(b, env.App.Sessions.RequestPasswordReset(anonymous(tn), email))
		}, env.App.Drain) // the background work of the request
	})
}

// The known user's hash was made with cheaper parameters than the
// server's current ones, as after the operator raised them.
func BenchmarkLogin_WrongPassword_KnownWithOlderParametersAndUnknown(b *testing.B) {
	benchEnvs(b, func(b *testing.B, env *testsupport.Env, tn *testsupport.Tenant) {
		older := password.Hasher{Params: password.Params{Memory: 4 * 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}}
		hash, err := older.Hash(context.Background(), testsupport.AdminPassword)
		require.NoError(b, err)
		require.NoError(b, env.App.DB.Client.User.UpdateOne(tn.Admin).SetPasswordHash(hash).Exec(tn.Ctx()))
		compareEmails(b, tn.Admin.Email, "nobody@bench.test", func(email string) {
			_, err := env.App.Sessions.Login(anonymous(tn), email, "a-wrong-password")
			require.Error(b, err)
		}, func() {})
	})
}
