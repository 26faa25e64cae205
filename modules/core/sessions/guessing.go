package sessions

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/modules/core/events"
)

// passwordCheck is one check of a password a user typed (a login, the
// current password of a password change), counted by the one failure
// accounting they all share. Failures count twice: per email and client
// address, with the small limit that stops one guesser; and per email
// alone, with a ceiling far above it that stops guessing spread over many
// addresses. Failures from an attacker's address thus do not lock the
// owner out of their own address unless the ceiling is reached.
type passwordCheck struct {
	email    string // the email in its tenant: the key of the ceiling
	client   string // the email from the client's address
	shownAs  string // the email, as events name it
	attempts ratelimit.Limiter
	ceiling  ratelimit.Limiter
}

// beginPasswordCheck admits a check of email's password in companyID from
// the client address of ctx, or refuses it with 429 when either limit is
// used up: then even the right password waits, so that guessing stops
// paying. An admitted check takes its slots at once, before the slow
// hash, so a burst of parallel guesses cannot all slip past the limit;
// the caller ends it with passed or failed.
func (s *Service) beginPasswordCheck(ctx context.Context, companyID int, email string) (*passwordCheck, error) {
	key := emailKey(companyID, email)
	c := &passwordCheck{
		email: key, client: ratelimit.Join(key, addressKey(reqinfo.From(ctx).ClientIP)), shownAs: email,
		attempts: s.limits.FailedLogins, ceiling: s.limits.EmailFailures,
	}
	if err := admit(ctx, c.attempts, c.client); err != nil {
		return nil, err
	}
	if err := admit(ctx, c.ceiling, c.email); err != nil {
		s.refund(ctx, c.attempts, c.client)
		return nil, err
	}
	return c, nil
}

// admit counts an event of key in l: a refusal is a 429, a limiter that
// cannot count (its database is unreachable) fails the request rather
// than let guesses through uncounted.
func admit(ctx context.Context, l ratelimit.Limiter, key string) error {
	ok, wait, err := l.Allow(ctx, key)
	if err != nil {
		return fmt.Errorf("sign-in limit: %w", err)
	}
	if !ok {
		return apperr.RateLimited(wait)
	}
	return nil
}

// refund gives back an event of key in l. A refund that fails leaves one
// event too many until the window ends, which the answer need not wait
// for: it is logged.
func (s *Service) refund(ctx context.Context, l ratelimit.Limiter, key string) {
	// A client that left does not keep the slot it no longer needs.
	if err := l.Refund(context.WithoutCancel(ctx), key); err != nil {
		s.logger.WarnContext(ctx, "sign-in limit: event not given back", slog.String("error", err.Error()))
	}
}

// passed gives the slots back: the password was right, or the check could
// not run (no hashing capacity), which is no guess either.
func (s *Service) passed(ctx context.Context, c *passwordCheck) {
	s.refund(ctx, c.attempts, c.client)
	s.refund(ctx, c.ceiling, c.email)
}

// failed keeps the slots, and records a security event when this failure
// used up a limit, so that a block is seen once when it starts rather
// than once for every refused request.
func (s *Service) failed(ctx context.Context, c *passwordCheck) error {
	if err := s.recordIfBlocked(ctx, c.attempts, c.client, c.shownAs+" from this address"); err != nil {
		return err
	}
	return s.recordIfBlocked(ctx, c.ceiling, c.email, c.shownAs+" from every address")
}

// recordIfBlocked records a block of who when key has used up l.
func (s *Service) recordIfBlocked(ctx context.Context, l ratelimit.Limiter, key, who string) error {
	blocked, wait, err := l.Blocked(ctx, key)
	if err != nil {
		return fmt.Errorf("sign-in limit: %w", err)
	}
	if !blocked {
		return nil
	}
	return s.recordBlock(ctx, who, wait)
}

// recordBlock records that password checks for who are refused for wait.
// It is a login_failed event: the contract's event types are a closed
// list, and a block is what repeated failed logins lead to.
func (s *Service) recordBlock(ctx context.Context, who string, wait time.Duration) error {
	subject := fmt.Sprintf("password checks blocked for %s for %s", who, wait.Round(time.Second))
	if err := s.events.Record(ctx, s.client, events.Event{Type: events.LoginFailed, Subject: subject}); err != nil {
		return fmt.Errorf("password check: %w", err)
	}
	return nil
}

// liftBlocks forgets every failure of email in companyID, from every
// address: its owner has just proved they hold the mailbox. A lift that
// fails is logged: the blocks then end with their windows.
func (s *Service) liftBlocks(ctx context.Context, companyID int, email string) {
	key := emailKey(companyID, email)
	ctx = context.WithoutCancel(ctx) // the password is set: the lift goes with it
	err := errors.Join(s.limits.FailedLogins.ResetChildren(ctx, key+ratelimit.Sep),
		s.limits.EmailFailures.Reset(ctx, key))
	if err != nil {
		s.logger.WarnContext(ctx, "sign-in limit: blocks not lifted", slog.String("error", err.Error()))
	}
}
