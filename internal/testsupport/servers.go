package testsupport

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
)

// ForEachDBTwoServers runs fn as a subtest on every target database with
// two environments on that one database, each with its own pool, caches
// and listening connection: two server processes, or a server and an
// operator command. They count the sign-in limits together, as servers
// on one database do (on SQLite, where the limits are in memory, each
// counts its own). Both listen already: a cache that is not yet current
// would be bypassed, and a test of what it forgets would prove nothing.
func ForEachDBTwoServers(t *testing.T, fn func(t *testing.T, first, second *Env)) {
	for _, target := range Targets() {
		t.Run(target.Name, func(t *testing.T) { twoServers(t, target, fn) })
	}
}

// OnPostgresTwoServers runs fn as ForEachDBTwoServers does, on PostgreSQL
// alone: for what servers share only there (the sign-in limits). It skips
// without BINORA_TEST_POSTGRES_URL.
func OnPostgresTwoServers(t *testing.T, fn func(t *testing.T, first, second *Env)) {
	for _, target := range Targets() {
		if target.Name == "postgres" {
			t.Run(target.Name, func(t *testing.T) { twoServers(t, target, fn) })
			return
		}
	}
	t.Skip("PostgreSQL only: set " + PostgresEnv)
}

func twoServers(t *testing.T, target Target, fn func(t *testing.T, first, second *Env)) {
	url := target.URL(t)
	shared := Target{Name: target.Name, URL: func(testing.TB) string { return url }}
	opts := app.Options{RateLimitScope: rand.Text() + "/"}
	first, second := NewEnv(t, shared, opts), NewEnv(t, shared, opts)
	for _, env := range []*Env{first, second} {
		require.Eventually(t, func() bool { return env.App.Changes.Current(context.Background()) },
			5*time.Second, 10*time.Millisecond, "listening for changes")
	}
	fn(t, first, second)
}
