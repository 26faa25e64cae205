// Package app wires Binora together: configuration, database, module
// services and the HTTP edge. The command line calls it; so do the
// end-to-end tests, which get the very server that `binora serve` runs.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"entgo.io/ent/dialect"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.opentelemetry.io/otel/trace"

	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/database/notify"
	"github.com/binora/binora/internal/httpserver"
	"github.com/binora/binora/internal/idempotency"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/metrics"
	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/internal/tracing"
	"github.com/binora/binora/modules/assets"
	"github.com/binora/binora/modules/core/mailtoken"
)

// App is a wired Binora instance.
type App struct {
	DB *database.DB
	// Reads is the read replica's pool (DATABASE_READ_URL) that the lists
	// read from; nil without one, when they read DB.
	Reads *database.DB
	Core
	Facilities Facilities
	Assets     *assets.Service
	Handler    http.Handler
	// Metrics is this server's registry; Serve exposes it on
	// BINORA_METRICS_ADDR.
	Metrics *metrics.Metrics
}

// Options tune Open for tests and benchmarks.
type Options struct {
	Logger *slog.Logger
	// WrapDriver wraps the database driver, e.g. to count statements; the
	// read replica's too.
	WrapDriver func(dialect.Driver) dialect.Driver
	// WrapReadDriver also wraps the read replica's driver alone, so that
	// a test can tell the statements sent to each pool apart.
	WrapReadDriver func(dialect.Driver) dialect.Driver
	// Mailer replaces the mailer the configuration chooses.
	Mailer mail.Mailer
	// MailRetry replaces how failed mail deliveries are tried again
	// (mailtoken.DefaultRetry when Attempts is 0).
	MailRetry mailtoken.Retry
	// Now replaces the clock of expiries, limits and security events
	// (time.Now when nil), so that tests move time instead of sleeping.
	Now func() time.Time
	// RateLimitScope prefixes the names of the sign-in limits counted in
	// the database, so that Apps on one database count apart unless they
	// share it: tests open many Apps on one database, and two that stand
	// for two servers share one scope. Empty for a server, which counts
	// with every other server on its database.
	RateLimitScope string
	// TracerProvider receives a span per operation and per SQL statement;
	// nil records none (Serve sets it when traces are exported).
	TracerProvider trace.TracerProvider
}

// Open connects to the configured database (without migrating it) and
// builds the services and the HTTP handler.
func Open(ctx context.Context, cfg *config.Config, opts Options) (*App, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	var wrap []func(dialect.Driver) dialect.Driver
	if opts.WrapDriver != nil {
		wrap = append(wrap, opts.WrapDriver)
	}
	if opts.TracerProvider != nil {
		wrap = append(wrap, tracing.WrapDriver(opts.TracerProvider))
	}
	db, err := database.Open(ctx, cfg.DatabaseURL, wrap...)
	if err != nil {
		return nil, err
	}
	reads, err := openReads(ctx, cfg, db, wrap, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	a, err := openServices(db, reads, cfg, opts)
	if err != nil {
		if reads != nil {
			reads.Close()
		}
		db.Close()
		return nil, err
	}
	return a, nil
}

// openServices builds the application on its open pools.
func openServices(db, reads *database.DB, cfg *config.Config, opts Options) (*App, error) {
	mailer, err := newMailer(cfg, opts)
	if err != nil {
		return nil, err
	}
	changes := notify.New(db, opts.Logger)
	a, err := build(db, reads, changes, cfg, opts, mailer)
	if err != nil {
		changes.Close()
		return nil, err
	}
	return a, nil
}

func build(db, reads *database.DB, changes notify.Feed, cfg *config.Config, opts Options, mailer mail.Mailer) (*App, error) {
	lists := readClient(db, reads)
	core, err := buildCore(db, lists, changes, cfg, opts, mailer)
	if err != nil {
		return nil, err
	}
	facilities := buildFacilities(db, lists, opts)
	assetSvc := assets.NewService(assets.Deps{Client: db.Client, Reads: lists, Dialect: db.Dialect, Rows: core.Rows, Now: opts.Now})
	m, err := newMetrics(db, reads, core)
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	keys, err := idempotency.NewStore(db.Client, cfg.JWTSecret, opts.Now)
	if err != nil {
		return nil, err
	}
	handler, err := httpserver.New(httpserver.Config{
		Handlers:       operations{core.handlers(db), facilities.handlers(core.Directory), assets.NewHandlers(assetSvc, core.Directory)},
		Auth:           core.Sessions,
		Tenants:        core.Platform,
		BaseDomain:     cfg.BaseDomain,
		PublicURL:      cfg.PublicURL,
		TrustedProxies: cfg.TrustedProxies,
		Logger:         opts.Logger,
		Observer:       m,
		TracerProvider: opts.TracerProvider,
		Idempotency:    keys,
	})
	if err != nil {
		return nil, fmt.Errorf("http server: %w", err)
	}
	return &App{DB: db, Reads: reads, Core: core, Facilities: facilities, Assets: assetSvc, Handler: handler, Metrics: m}, nil
}

// newMetrics exports the state of the pools (db's as db_name="postgres" or
// "sqlite3", the read replica's, when there is one, as "postgres_read"),
// the password-hash gate, the mail delivery and the sign-in limits.
func newMetrics(db, reads *database.DB, core Core) (*metrics.Metrics, error) {
	pools := []prometheus.Collector{collectors.NewDBStatsCollector(db.SQL, db.Dialect)}
	if reads != nil {
		pools = append(pools, collectors.NewDBStatsCollector(reads.SQL, reads.Dialect+"_read"))
	}
	l := core.Sessions.Limits()
	return metrics.New(metrics.Sources{
		Pools: pools, HashGate: core.Hasher.Gate(), Outbox: core.Mail,
		RateLimits: map[string]ratelimit.Limiter{
			"failed_logins": l.FailedLogins, "email_failures": l.EmailFailures, "reset_requests": l.ResetRequests,
			"client_requests": l.ClientRequests,
		},
	})
}

// operations is the whole API: each module's handlers, embedded.
type operations struct {
	coreOperations
	facilitiesOperations
	*assetOperations
}

type assetOperations = assets.Handlers

// Drain waits for the work that requests left running in the background:
// reset requests still being handled, then the mail being delivered.
// Tests call it before they look at the outbox or the mailer.
func (a *App) Drain() {
	a.Sessions.Drain()
	a.Mail.Drain()
}

// stopBackground waits for the reset requests still being handled (each
// bounded by its own timeout; they may still queue mail), then stops
// retrying failed mail (the outbox keeps it unsent) and waits, until ctx
// ends, for the sends in flight.
func (a *App) stopBackground(ctx context.Context) error {
	a.Sessions.Drain()
	return a.Mail.Shutdown(ctx)
}

// Close stops the background work (an operator command does not wait out
// the mail's backoff), stops listening for changes and releases the
// database.
func (a *App) Close() error {
	_ = a.stopBackground(context.Background()) // without a deadline it only waits
	a.Changes.Close()
	if a.Reads != nil {
		_ = a.Reads.Close() // the main pool's error says more
	}
	return a.DB.Close()
}
