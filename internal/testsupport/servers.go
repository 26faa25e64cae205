package testsupport

import (
	"testing"

	"github.com/binora/binora/internal/app"
)

// ForEachDBTwoServers runs fn as a subtest on every target database with
// two environments on that one database, each with its own pool, caches
// and listening connection: two server processes, or a server and an
// operator command.
func ForEachDBTwoServers(t *testing.T, fn func(t *testing.T, first, second *Env)) {
	for _, target := range Targets() {
		t.Run(target.Name, func(t *testing.T) {
			url := target.URL(t)
			shared := Target{Name: target.Name, URL: func(testing.TB) string { return url }}
			fn(t, NewEnv(t, shared, app.Options{}), NewEnv(t, shared, app.Options{}))
		})
	}
}
