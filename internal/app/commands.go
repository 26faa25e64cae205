package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os/signal"
	"syscall"
	"time"

	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/modules/core/platform"
)

// tenantCacheTTL bounds how long a deactivated tenant may still resolve.
const tenantCacheTTL = 10 * time.Second

// Migrate applies pending migrations and reports how many ran.
func Migrate(ctx context.Context, cfg *config.Config, out io.Writer) error {
	n, err := database.Migrate(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "applied %d migration(s) to %s\n", n, redact(cfg.DatabaseURL))
	return nil
}

// Serve migrates (unless told not to) and serves HTTP on addr until ctx is
// cancelled or the process receives SIGINT/SIGTERM, then shuts down
// gracefully. It logs "listening" only once the port is bound, so that the
// line means connections are accepted (a port in use is an error and no such
// line), and logs the start and the end of the shutdown.
func Serve(ctx context.Context, cfg *config.Config, addr string, migrate bool, logger *slog.Logger) error {
	const shutdownTimeout = 10 * time.Second // for the requests in flight
	if migrate {
		if _, err := database.Migrate(ctx, cfg.DatabaseURL); err != nil {
			return err
		}
	}
	a, err := Open(ctx, cfg, Options{Logger: logger})
	if err != nil {
		return err
	}
	defer a.Close()
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ln, err := new(net.ListenConfig).Listen(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("binora listening", "addr", ln.Addr().String(), "database", redact(cfg.DatabaseURL))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("binora shutting down", "timeout", shutdownTimeout.String())
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	logger.Info("binora stopped")
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
	if _, err := database.Migrate(ctx, cfg.DatabaseURL); err != nil {
		return nil, err
	}
	return Open(ctx, cfg, Options{Logger: slog.New(slog.DiscardHandler)})
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
