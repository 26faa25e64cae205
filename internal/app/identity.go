package app

import (
	"fmt"
	"time"

	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/ratelimit"
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

// failedLogins returns a limiter of the configured failures per window for
// one email in one tenant, or nil (the core defaults) when the
// configuration sets none. Password-reset mails per email share its limits.
func failedLogins(cfg *config.Config) *ratelimit.Limiter {
	if cfg.LoginFailuresPerWindow <= 0 || cfg.LoginFailureWindow <= 0 {
		return nil
	}
	return ratelimit.New(cfg.LoginFailuresPerWindow, cfg.LoginFailureWindow)
}

// clientRequests returns a limiter of the configured login and reset
// requests per client address per minute, or nil for the default.
func clientRequests(cfg *config.Config) *ratelimit.Limiter {
	if cfg.AuthRequestsPerMinute <= 0 {
		return nil
	}
	return ratelimit.New(cfg.AuthRequestsPerMinute, time.Minute)
}
