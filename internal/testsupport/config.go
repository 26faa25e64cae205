package testsupport

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
)

// Reopen opens a second application on env's database whose configuration
// is env's as changed by change (lower rate limits, shorter token
// lifetimes), with opts (a logger to capture, a mailer to record). It is
// closed with the test. Tenants created through either application are
// visible to both.
func Reopen(t testing.TB, env *Env, opts app.Options, change func(*config.Config)) *Env {
	t.Helper()
	cfg := *env.Config
	if change != nil {
		change(&cfg)
	}
	a, err := app.Open(context.Background(), &cfg, testOptions(opts))
	require.NoError(t, err)
	reopened := &Env{Name: env.Name, Config: &cfg, App: a, OwnerURL: env.OwnerURL}
	t.Cleanup(func() {
		a.Close()
		reopened.owner.close()
	})
	return reopened
}
