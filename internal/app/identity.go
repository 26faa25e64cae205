package app

import (
	"errors"
	"fmt"
	"time"

	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/database/ratelimitdb"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/modules/core/sessions"
)

// newMailer chooses how mail leaves: the mailer of opts (tests), SMTP when
// BINORA_SMTP_HOST is set, else the log mailer, which names recipient and
// subject only and leaves the message in the outbox.
func newMailer(cfg *config.Config, opts Options) (mail.Mailer, error) {
	if opts.Mailer != nil {
		return opts.Mailer, nil
	}
	if cfg.SMTP.Host == "" {
		return mail.NewLogMailer(opts.Logger), nil
	}
	m, err := mail.NewSMTPMailer(cfg.SMTP)
	if err != nil {
		return nil, fmt.Errorf("mailer: %w", err)
	}
	return m, nil
}

// limits are the sign-in limits the configuration sets, the defaults
// where it sets none. On PostgreSQL they count in the database, so that
// every server on it allows what one would; on the embedded SQLite file,
// served by one process, they count in memory. Password-reset mails per
// email share the failed-login numbers.
func limits(db *database.DB, cfg *config.Config, opts Options) (sessions.Limits, error) {
	perWindow := orDefault(cfg.LoginFailuresPerWindow, config.DefaultLoginFailuresPerWindow)
	window := orDefault(cfg.LoginFailureWindow, config.DefaultLoginFailureWindow)
	newLimiter := func(name string, limit int, window time.Duration) (ratelimit.Limiter, error) {
		if db.Dialect != database.DialectPostgres {
			return ratelimit.New(limit, window, opts.Now), nil
		}
		return ratelimitdb.New(db.SQL, ratelimitdb.Config{Name: opts.RateLimitScope + name, Limit: limit,
			Window: window, Secret: cfg.JWTSecret, Now: opts.Now})
	}
	var l sessions.Limits
	var errs [4]error
	l.FailedLogins, errs[0] = newLimiter("failed_logins", perWindow, window)
	l.ResetRequests, errs[1] = newLimiter("reset_requests", perWindow, window)
	l.EmailFailures, errs[2] = newLimiter("email_failures",
		orDefault(cfg.EmailFailuresPerHour, config.DefaultEmailFailuresPerHour), time.Hour)
	l.ClientRequests, errs[3] = newLimiter("client_requests",
		orDefault(cfg.AuthRequestsPerMinute, config.DefaultAuthRequestsPerMinute), time.Minute)
	if err := errors.Join(errs[:]...); err != nil {
		return sessions.Limits{}, fmt.Errorf("sign-in limits: %w", err)
	}
	return l, nil
}

// orDefault is v, or def when v is not set.
func orDefault[T int | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}
