package core

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/internal/reqinfo"
)

// Token lifetimes and the default limits of the sign-in endpoints.
const (
	invitationTTL              = 7 * 24 * time.Hour
	defaultPasswordResetTTL    = time.Hour
	defaultFailuresPerWindow   = 5
	defaultFailureWindow       = 15 * time.Minute
	defaultClientRequestsLimit = 30
)

// accessGuard is what the identity use cases share: the mailer, the
// lifetime of reset tokens and the rate limits of login and password reset.
// Its counters live in memory, per process.
type accessGuard struct {
	mailer    mail.Mailer
	logger    *slog.Logger
	publicURL string
	resetTTL  time.Duration
	// failedLogins is keyed by tenant and email; once full, every login
	// for that email waits for the window to end.
	failedLogins *ratelimit.Limiter
	// resetRequests bounds the reset mails one address receives: past it
	// the request still answers 202 but nothing is sent.
	resetRequests *ratelimit.Limiter
	// clientRequests is keyed by client address, for login and reset.
	clientRequests *ratelimit.Limiter
	// sending tracks deliveries running after their transaction committed.
	sending sync.WaitGroup
}

func newAccessGuard(d Deps) *accessGuard {
	g := &accessGuard{
		mailer:         d.Mailer,
		logger:         d.Logger,
		publicURL:      d.PublicURL,
		resetTTL:       d.PasswordResetTTL,
		failedLogins:   d.FailedLogins,
		resetRequests:  d.ResetRequests,
		clientRequests: d.ClientRequests,
	}
	if g.logger == nil {
		g.logger = slog.Default()
	}
	if g.mailer == nil {
		g.mailer = mail.NewLogMailer(g.logger)
	}
	if g.resetTTL <= 0 {
		g.resetTTL = defaultPasswordResetTTL
	}
	if g.failedLogins == nil {
		g.failedLogins = ratelimit.New(defaultFailuresPerWindow, defaultFailureWindow)
	}
	if g.resetRequests == nil {
		g.resetRequests = ratelimit.New(defaultFailuresPerWindow, defaultFailureWindow)
	}
	if g.clientRequests == nil {
		g.clientRequests = ratelimit.New(defaultClientRequestsLimit, time.Minute)
	}
	return g
}

// emailKey names one email in one tenant for the per-account limits.
func emailKey(companyID int, email string) string {
	return strconv.Itoa(companyID) + "\x00" + email
}

// admitClient counts a login or password-reset request against the client
// address of ctx and refuses it past the limit. Outside an HTTP request
// there is no address, and nothing to count.
func (s *Service) admitClient(ctx context.Context) error {
	ip := reqinfo.From(ctx).ClientIP
	if ip == "" {
		return nil
	}
	if ok, wait := s.access.clientRequests.Allow(ip); !ok {
		return apperr.RateLimited(wait)
	}
	return nil
}

// admitLogin refuses a login before any password is checked when the
// client address sent too many requests, or the email has used up its
// failed logins in this window: then even the right password answers 429,
// so that guessing stops paying. Each admitted attempt takes one of the
// email's slots at once, before the slow password check, so a burst of
// parallel guesses cannot all pass the limit together; a login that
// succeeds gives its slot back (loginSucceeded).
func (s *Service) admitLogin(ctx context.Context, companyID int, email string) error {
	if err := s.admitClient(ctx); err != nil {
		return err
	}
	if ok, wait := s.access.failedLogins.Allow(emailKey(companyID, email)); !ok {
		return apperr.RateLimited(wait)
	}
	return nil
}

// loginSucceeded gives back the slot admitLogin took for a login that
// turned out not to be a failure.
func (s *Service) loginSucceeded(companyID int, email string) {
	s.access.failedLogins.Refund(emailKey(companyID, email))
}

// loginFailed records a failed login for email (admitLogin has counted it
// already); the event names no actor, whether or not the email belongs to
// someone. It returns the error the login answers.
func (s *Service) loginFailed(ctx context.Context, email string) error {
	if err := record(ctx, s.client, Event{Type: EventLoginFailed, Subject: email}); err != nil {
		return fmt.Errorf("login: %w", err)
	}
	return ErrBadCredentials
}

// forgetFailedLogins lifts the failed-login block of an email once its
// owner proved who they are another way (a completed password reset).
func (s *Service) forgetFailedLogins(companyID int, email string) {
	s.access.failedLogins.Reset(emailKey(companyID, email))
}
