// Package app wires Binora together: configuration, database, module
// services and the HTTP edge. The command line calls it; so do the
// end-to-end tests, which get the very server that `binora serve` runs.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"entgo.io/ent/dialect"

	binora "github.com/binora/binora"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/httpserver"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/modules/assets"
	"github.com/binora/binora/modules/core"
)

// App is a wired Binora instance.
type App struct {
	DB      *database.DB
	Core    *core.Service
	Assets  *assets.Service
	Handler http.Handler
}

// Options tune Open for tests and benchmarks.
type Options struct {
	Logger *slog.Logger
	// WrapDriver wraps the database driver, e.g. to count statements.
	WrapDriver func(dialect.Driver) dialect.Driver
	// Mailer replaces the mailer the configuration chooses.
	Mailer mail.Mailer
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
	db, err := database.Open(ctx, cfg.DatabaseURL, wrap...)
	if err != nil {
		return nil, err
	}
	mailer, err := newMailer(cfg, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	a, err := build(db, cfg, opts.Logger, mailer)
	if err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

func build(db *database.DB, cfg *config.Config, logger *slog.Logger, mailer mail.Mailer) (*App, error) {
	tokens, err := authtoken.NewIssuer(cfg.JWTSecret, cfg.AccessTokenTTL)
	if err != nil {
		return nil, err
	}
	coreSvc, err := core.NewService(core.Deps{
		Client:         db.Client,
		Hasher:         passwordHasher(cfg),
		Tokens:         tokens,
		RefreshTTL:     cfg.RefreshTokenTTL,
		TenantCacheTTL: tenantCacheTTL,
		Dialect:        db.Dialect,

		Mailer:           mailer,
		Logger:           logger,
		PublicURL:        cfg.PublicURL,
		PasswordResetTTL: cfg.PasswordResetTTL,
		FailedLogins:     failedLogins(cfg),
		ResetRequests:    failedLogins(cfg),
		ClientRequests:   clientRequests(cfg),
	})
	if err != nil {
		return nil, fmt.Errorf("core service: %w", err)
	}
	assetSvc := assets.NewService(assets.Deps{Client: db.Client, Dialect: db.Dialect})
	handler, err := httpserver.New(httpserver.Config{
		Handlers: operations{
			core.NewHandlers(coreSvc, db.SQL.PingContext, binora.OpenAPISpec),
			assets.NewHandlers(assetSvc, coreSvc),
		},
		Auth:           coreSvc,
		Tenants:        coreSvc,
		BaseDomain:     cfg.BaseDomain,
		TrustedProxies: cfg.TrustedProxies,
		Logger:         logger,
	})
	if err != nil {
		return nil, fmt.Errorf("http server: %w", err)
	}
	return &App{DB: db, Core: coreSvc, Assets: assetSvc, Handler: handler}, nil
}

// The module handler types share a name; aliases give the embedded fields
// of operations distinct ones.
type (
	coreOperations  = core.Handlers
	assetOperations = assets.Handlers
)

// operations is the whole API: each module's handlers, embedded.
type operations struct {
	*coreOperations
	*assetOperations
}

// Close waits for mail still being delivered and releases the database.
func (a *App) Close() error {
	a.Core.DrainMail()
	return a.DB.Close()
}
