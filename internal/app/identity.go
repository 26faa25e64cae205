package app

import (
	"fmt"
	"time"

	"github.com/binora/binora/internal/config"
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

// limits are the sign-in limits the configuration sets; those it leaves
// unset get the sessions' defaults. Password-reset mails per email share
// the failed-login numbers.
func limits(cfg *config.Config, now func() time.Time) sessions.Limits {
	var l sessions.Limits
	if cfg.LoginFailuresPerWindow > 0 && cfg.LoginFailureWindow > 0 {
		l.FailedLogins = ratelimit.New(cfg.LoginFailuresPerWindow, cfg.LoginFailureWindow, now)
		l.ResetRequests = ratelimit.New(cfg.LoginFailuresPerWindow, cfg.LoginFailureWindow, now)
	}
	if cfg.EmailFailuresPerHour > 0 {
		l.EmailFailures = ratelimit.New(cfg.EmailFailuresPerHour, time.Hour, now)
	}
	if cfg.AuthRequestsPerMinute > 0 {
		l.ClientRequests = ratelimit.New(cfg.AuthRequestsPerMinute, time.Minute, now)
	}
	return l
}
