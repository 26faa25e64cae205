package app

import (
	"fmt"

	binora "github.com/binora/binora"
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/database/notify"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/memo"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/modules/core/apitokens"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/core/events"
	"github.com/binora/binora/modules/core/mailtoken"
	"github.com/binora/binora/modules/core/platform"
	"github.com/binora/binora/modules/core/sessions"
)

// Core is the core module's aggregates, wired to each other.
type Core struct {
	Sessions  *sessions.Service
	Directory *directory.Service
	APITokens *apitokens.Service
	Events    *events.Service
	Platform  *platform.Service
	Mail      *mailtoken.Service
	Hasher    password.Hasher
	// Changes carries changes between the processes on the database.
	Changes notify.Feed
	// Rows tells what modules remember of rows of their changes.
	Rows *memo.Watcher
}

// buildCore builds the aggregates; the directory's lists read through
// reads.
func buildCore(db *database.DB, reads *ent.Client, changes notify.Feed, cfg *config.Config, opts Options, mailer mail.Mailer) (Core, error) {
	c := Core{Hasher: password.NewHasher(cfg.Password, cfg.PasswordHashing.Gate(cfg.Password)), Changes: changes,
		Rows: watchRows(db.Client, changes, opts.Logger)}
	recorder := events.NewRecorder(opts.Now)
	mailSvc, err := mailtoken.NewService(mailtoken.Deps{Mailer: mailer, Logger: opts.Logger, PublicURL: cfg.PublicURL,
		PasswordResetTTL: cfg.PasswordResetTTL, Events: recorder, Now: opts.Now, Secret: cfg.JWTSecret,
		Client: db.Client, Retry: opts.MailRetry})
	if err != nil {
		return Core{}, err
	}
	c.Mail = mailSvc
	dir, err := directory.NewService(directory.Deps{Client: db.Client, Reads: reads, Hasher: c.Hasher, Mail: c.Mail,
		Events: recorder, Dialect: db.Dialect, Rows: c.Rows, Now: opts.Now})
	if err != nil {
		return Core{}, err
	}
	c.Directory = dir
	c.APITokens = apitokens.NewService(apitokens.Deps{Client: db.Client, Events: recorder, Now: opts.Now})
	c.Events = events.NewService(db.Client)
	c.Platform = platform.NewService(platform.Deps{Client: db.Client, Hasher: c.Hasher, Mail: c.Mail,
		Changes: c.Changes, TenantCacheTTL: tenantCacheTTL, Now: opts.Now})
	tokens, err := authtoken.NewIssuer(cfg.JWTSecret, cfg.AccessTokenTTL, opts.Now)
	if err != nil {
		return Core{}, err
	}
	limits, err := limits(db, cfg, opts)
	if err != nil {
		return Core{}, err
	}
	c.Sessions, err = sessions.NewService(sessions.Deps{Client: db.Client, Hasher: c.Hasher, Tokens: tokens,
		RefreshTTL: cfg.RefreshTokenTTL, Mail: c.Mail, Directory: c.Directory, APITokens: c.APITokens,
		Tenants: c.Platform, Events: recorder, Limits: limits, Rows: c.Rows, Now: opts.Now,
		Logger: opts.Logger})
	if err != nil {
		return Core{}, fmt.Errorf("sessions: %w", err)
	}
	return c, nil
}

// The aggregates' handler types share a name; aliases give the embedded
// fields of coreOperations distinct ones.
type (
	sessionOperations   = sessions.Handlers
	directoryOperations = directory.Handlers
	apiTokenOperations  = apitokens.Handlers
	eventOperations     = events.Handlers
	platformOperations  = platform.Handlers
)

// coreOperations is the core module's part of the API.
type coreOperations struct {
	*sessionOperations
	*directoryOperations
	*apiTokenOperations
	*eventOperations
	*platformOperations
}

func (c Core) handlers(db *database.DB) coreOperations {
	return coreOperations{
		sessions.NewHandlers(c.Sessions),
		directory.NewHandlers(c.Directory),
		apitokens.NewHandlers(c.APITokens),
		events.NewHandlers(c.Events, c.Directory),
		platform.NewHandlers(db.SQL.PingContext, binora.OpenAPISpec),
	}
}
