package sessions

import (
	"context"
	"fmt"
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
	attempts *ratelimit.Limiter
	ceiling  *ratelimit.Limiter
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
		email: key, client: key + "\x00" + addressKey(reqinfo.From(ctx).ClientIP), shownAs: email,
		attempts: s.limits.FailedLogins, ceiling: s.limits.EmailFailures,
	}
	if ok, wait := c.attempts.Allow(c.client); !ok {
		return nil, apperr.RateLimited(wait)
	}
	if ok, wait := c.ceiling.Allow(c.email); !ok {
		c.attempts.Refund(c.client)
		return nil, apperr.RateLimited(wait)
	}
	return c, nil
}

// passed gives the slots back: the password was right, or the check could
// not run (no hashing capacity), which is no guess either.
func (c *passwordCheck) passed() {
	c.attempts.Refund(c.client)
	c.ceiling.Refund(c.email)
}

// failed keeps the slots, and records a security event when this failure
// used up a limit, so that a block is seen once when it starts rather
// than once for every refused request.
func (s *Service) failed(ctx context.Context, c *passwordCheck) error {
	if blocked, wait := c.attempts.Blocked(c.client); blocked {
		if err := s.recordBlock(ctx, c.shownAs+" from this address", wait); err != nil {
			return err
		}
	}
	if blocked, wait := c.ceiling.Blocked(c.email); blocked {
		return s.recordBlock(ctx, c.shownAs+" from every address", wait)
	}
	return nil
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
// address: its owner has just proved they hold the mailbox.
func (s *Service) liftBlocks(companyID int, email string) {
	key := emailKey(companyID, email)
	s.limits.FailedLogins.ResetPrefix(key + "\x00")
	s.limits.EmailFailures.Reset(key)
}
