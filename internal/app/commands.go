package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tracing"
	"github.com/binora/binora/modules/core/platform"
)

// tenantCacheTTL bounds how long a deactivated tenant may still resolve in
// a server that did not hear of the change (see notify.Feed).
const tenantCacheTTL = 10 * time.Second

// Migrate applies pending migrations as the owner (DATABASE_OWNER_URL, else
// DATABASE_URL), ensures the app role on PostgreSQL, and reports both.
func Migrate(ctx context.Context, cfg *config.Config, out io.Writer) error {
	n, err := migrateAsOwner(ctx, cfg)
	if err != nil {
		return err
	}
	url := cfg.MigrationURL()
	fmt.Fprintf(out, "applied %d migration(s) to %s\n", n, redact(url))
	if database.IsPostgres(url) {
		appURL, err := database.URLWithUser(url, cfg.AppRole.Name)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "role %s may read and write the tables; serve with DATABASE_URL=%s\n",
			cfg.AppRole.Name, redact(appURL))
	}
	return nil
}

// shutdownTimeout bounds a graceful stop: the requests in flight, the mail
// being delivered and the spans not yet exported.
const shutdownTimeout = 10 * time.Second

// Serve migrates (unless told not to; see prepareSchema), refuses a
// PostgreSQL role that row-level security would not confine (on the read
// replica's pool too), and serves
// HTTP on addr until ctx is cancelled or the process receives
// SIGINT/SIGTERM, then shuts down gracefully; with cfg.MetricsAddr set it
// serves /metrics there as well, and with cfg.Tracing enabled it exports
// traces. It logs "listening" only once the ports are bound, so that the
// line means connections are accepted (a port in use is an error and no
// such line), and logs the start and the end of the shutdown.
func Serve(ctx context.Context, cfg *config.Config, addr string, migrate bool, logger *slog.Logger) error {
	if migrate {
		if err := prepareSchema(ctx, cfg); err != nil {
			return err
		}
	}
	tp, err := tracing.New(ctx, cfg.Tracing)
	if err != nil {
		return err
	}
	// A failed start still exports what it traced; a graceful stop has
	// already flushed (drain), and a second Shutdown does nothing.
	defer func() { _ = shutdownTracing(ctx, tp) }()
	opts := Options{Logger: logger}
	if tp != nil {
		opts.TracerProvider = tp
	}
	a, err := Open(ctx, cfg, opts)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := checkServingRole(ctx, cfg, a.DB); err != nil {
		return err
	}
	if err := checkReadRole(ctx, cfg, a.Reads); err != nil {
		return err
	}
	// Opening computed a password hash (the sessions' dummy, which makes a
	// login of an unknown email cost what a wrong password does): argon2id's
	// 64 MiB, garbage since, would stay resident for minutes until the
	// runtime's scavenger returned it. An idle server should not hold it.
	debug.FreeOSMemory()
	collectLessOften()
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	srv, err := listen(ctx, a, addr, cfg.MetricsAddr)
	if err != nil {
		return err
	}
	errc := srv.start()
	logger.Info("binora listening", append(srv.attrs(), "dialect", a.DB.Dialect, "version", version(),
		"database", redact(cfg.DatabaseURL), "read_database", redact(cfg.DatabaseReadURL),
		"tracing", cfg.Tracing.Enabled)...)
	select {
	case err := <-errc:
		srv.close()
		return err
	case <-ctx.Done():
	}
	return drain(ctx, srv, a, tp, logger)
}

// drain stops accepting, then waits for the requests in flight, the mail
// being delivered and the spans not yet exported, and logs what stopped,
// why and how long it took.
func drain(ctx context.Context, srv *servers, a *App, tp *sdktrace.TracerProvider, logger *slog.Logger) error {
	reason := context.Cause(ctx).Error()
	logger.Info("binora shutting down", "reason", reason, "timeout", shutdownTimeout.String())
	start := time.Now()
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	err := srv.shutdown(shutdown)
	err = errors.Join(err, a.stopBackground(shutdown), shutdownTracing(shutdown, tp))
	if err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	logger.Info("binora stopped", append(srv.attrs(), "reason", reason,
		"drained_in", time.Since(start).Round(time.Millisecond).String())...)
	return nil
}

// shutdownTracing exports the spans still buffered; tp may be nil.
func shutdownTracing(ctx context.Context, tp *sdktrace.TracerProvider) error {
	if tp == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := tp.Shutdown(ctx); err != nil {
		return fmt.Errorf("flush traces: %w", err)
	}
	return nil
}

// CreateTenant creates a company and its admin and prints the company id.
func CreateTenant(ctx context.Context, cfg *config.Config, in platform.TenantCreate, out io.Writer) error {
	a, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.Platform.CreateTenant(ctx, in)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, c.ID)
	return nil
}

func openMigrated(ctx context.Context, cfg *config.Config) (*App, error) {
	if err := prepareSchema(ctx, cfg); err != nil {
		return nil, err
	}
	return Open(ctx, primaryOnly(cfg), Options{Logger: slog.New(slog.DiscardHandler)})
}

// redact hides a password in a database URL before it is printed.
func redact(raw string) string {
	if !database.IsPostgres(raw) {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// serveGCPercent is the garbage collector's target while serving, unless
// GOGC says otherwise. A request's garbage is a few hundred kilobytes and
// the live heap a few tens of megabytes, so collecting at three times the
// live heap rather than twice halves the collector's work, which took a
// tenth of the CPU under load, for some tens of megabytes of memory
// (docs/performance.md).
const serveGCPercent = 200

func collectLessOften() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
}
