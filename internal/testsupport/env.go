// Package testsupport is the one place that sets up databases, tenants and
// fixtures for tests. Every database test runs on an embedded SQLite file
// and, when BINORA_TEST_POSTGRES_URL is set, on PostgreSQL as well.
package testsupport

import (
	"context"
	"crypto/rand"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/mailtoken"
)

// PostgresEnv names the variable that points the suite at PostgreSQL. It
// is the database's owner (a superuser will do): the suite migrates with
// it, which also creates the role the application then logs in as.
const PostgresEnv = "BINORA_TEST_POSTGRES_URL"

// WithoutRLSEnv, set to 1, makes the application log in to PostgreSQL as
// the owner, whom row-level security does not confine: the suite then
// shows that the data layer's wall holds alone.
const WithoutRLSEnv = "BINORA_TEST_WITHOUT_RLS"

// ReadReplicaEnv, set to 1, gives every PostgreSQL application of the
// suite a read pool (DATABASE_READ_URL) on its own database, logged in as
// the application is: the lists then run on a pool of their own, and the
// whole suite shows that they answer as on the main one.
const ReadReplicaEnv = "BINORA_TEST_READ_REPLICA"

// Env is a migrated database with a wired application on it.
type Env struct {
	// Name is "sqlite" or "postgres".
	Name   string
	Config *config.Config
	App    *app.App
	// OwnerURL is the database as its owner. On PostgreSQL the application
	// logs in as the app role instead, which row-level security confines;
	// on SQLite both are the same file.
	OwnerURL string
	owner    ownerPool
}

// Target is a database the suite runs on.
type Target struct {
	Name string
	// URL returns the database as its owner.
	URL func(t testing.TB) string
}

// Targets returns SQLite, and PostgreSQL when configured. A test binary
// built without the data layer's wall (tenancy.EntWall) runs on PostgreSQL
// alone: SQLite has no other wall.
func Targets() []Target {
	var ts []Target
	if tenancy.EntWall {
		ts = append(ts, Target{Name: "sqlite", URL: func(t testing.TB) string {
			return database.SQLiteURL(t.TempDir())
		}})
	}
	if pg := os.Getenv(PostgresEnv); pg != "" {
		ts = append(ts, Target{Name: "postgres", URL: func(testing.TB) string { return pg }})
	}
	return ts
}

// AppURL returns the URL the application serves ownerURL's database
// with: on PostgreSQL the same database as the app role (no password:
// the test server trusts local connections), on SQLite ownerURL itself.
func AppURL(t testing.TB, ownerURL string) string {
	t.Helper()
	if !database.IsPostgres(ownerURL) {
		return ownerURL
	}
	u, err := database.URLWithUser(ownerURL, database.DefaultAppRole)
	require.NoError(t, err)
	return u
}

// ForEachDB runs fn as a subtest on every target database, each with a fresh
// environment. Tests keep tenants apart by creating their own, never by
// truncating tables, so PostgreSQL is shared by the whole run.
func ForEachDB(t *testing.T, fn func(t *testing.T, env *Env)) {
	for _, target := range Targets() {
		t.Run(target.Name, func(t *testing.T) {
			fn(t, NewEnv(t, target, app.Options{}))
		})
	}
}

var migrated sync.Map // URL → *migration, so a shared database migrates once

type migration struct {
	once sync.Once
	err  error
}

// migrateOnce applies the migrations to the database at ownerURL and
// ensures the app role, once per process and URL.
func migrateOnce(t testing.TB, ownerURL string) {
	t.Helper()
	m, _ := migrated.LoadOrStore(ownerURL, &migration{})
	mig := m.(*migration)
	mig.once.Do(func() {
		ctx := context.Background()
		if _, mig.err = database.Migrate(ctx, ownerURL); mig.err == nil {
			mig.err = database.EnsureAppRole(ctx, ownerURL, database.AppRole{})
		}
	})
	require.NoError(t, mig.err, "migrate %s", ownerURL)
}

// NewEnv migrates the target's database and opens the application on it,
// as the app role on PostgreSQL.
func NewEnv(t testing.TB, target Target, opts app.Options) *Env {
	t.Helper()
	owner := target.URL(t)
	migrateOnce(t, owner)
	serveAs := AppURL(t, owner)
	if os.Getenv(WithoutRLSEnv) == "1" {
		serveAs = owner
	}
	cfg := &config.Config{
		DatabaseURL:     serveAs,
		AppRole:         database.AppRole{Name: database.DefaultAppRole},
		DataDir:         filepath.Dir(strings.TrimPrefix(owner, "sqlite://")),
		JWTSecret:       []byte(strings.Repeat("test-secret-", 4)),
		AccessTokenTTL:  15 * time.Minute,
		RefreshTokenTTL: time.Hour,
		// Cheap hashing keeps the suite fast; the format is the same.
		Password: password.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32},
	}
	if database.IsPostgres(owner) {
		cfg.DatabaseOwnerURL = owner
		if os.Getenv(ReadReplicaEnv) == "1" {
			cfg.DatabaseReadURL = serveAs
		}
	}
	a, err := app.Open(context.Background(), cfg, testOptions(opts))
	require.NoError(t, err)
	env := &Env{Name: target.Name, Config: cfg, App: a, OwnerURL: owner}
	t.Cleanup(func() {
		a.Close()
		env.owner.close()
	})
	return env
}

// QuickMailRetry tries a failed mail three times without waiting: the
// default's pauses of seconds would only slow the suite.
var QuickMailRetry = mailtoken.Retry{Attempts: 3}

// testOptions fills what a test leaves unset: a silent log, quick retries,
// and sign-in limits of the App's own, as a fresh process has: the suite's
// Apps share one PostgreSQL database, and the limits kept there would
// otherwise count every test's requests from 127.0.0.1 together.
func testOptions(opts app.Options) app.Options {
	if opts.RateLimitScope == "" {
		opts.RateLimitScope = rand.Text() + "/"
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MailRetry.Attempts == 0 {
		opts.MailRetry = QuickMailRetry
	}
	return opts
}

// IsPostgres reports whether env runs on PostgreSQL.
func (e *Env) IsPostgres() bool { return e.App.DB.Dialect == dialect.Postgres }
