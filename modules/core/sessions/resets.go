package sessions

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
)

// A reset request must not tell who has an account, by its answer or by
// its time. Finding a user and writing their token and mail in a
// transaction takes milliseconds longer than finding nobody, so the
// request does only what is the same for every email (the per-address and
// per-email limits, a hand-off to the backlog) and answers; the lookup and
// the write run in the background, for every request alike.
const (
	// resetWorkers is how many reset requests are handled at once: each
	// holds a database connection for a short transaction.
	resetWorkers = 2
	// resetBacklog bounds the reset requests waiting or being handled.
	// Past it a request is dropped, whatever its email, with the same
	// answer as any other: a flood costs no memory and reveals nothing.
	resetBacklog = 256
	// resetTimeout bounds the handling of one request, which no longer has
	// its client's context to end it, so that shutdown does not wait long.
	resetTimeout = 30 * time.Second
)

// RequestPasswordReset mails a reset token to email if it belongs to an
// active user of the tenant of ctx who has accepted their invitation. It
// answers before it knows: the lookup and the mail happen in the
// background (Drain waits for them), so that the answer and its time are
// the same whoever the email belongs to. Past the per-address limit it
// answers 429; past the per-email limit, which counts every email whether
// or not it has an account, or when the backlog is full, it answers as
// usual and nothing is sent.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	companyID, ok := tenancy.TenantOf(ctx)
	if !ok {
		return ErrTenantRequired
	}
	// The request's context ends with its answer, or earlier if the
	// client leaves; the counting and the work must not.
	work := context.WithoutCancel(ctx)
	if err := s.admitClient(work); err != nil {
		return err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	key := emailKey(companyID, email)
	ok, _, err := s.limits.ResetRequests.Allow(work, key)
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	if !ok {
		return nil
	}
	if !s.resets.offer(func() { s.handleReset(work, email) }) {
		s.refund(work, s.limits.ResetRequests, key) // nothing was sent
		s.logger.WarnContext(ctx, "password reset request dropped: too many are waiting")
	}
	return nil
}

// handleReset is the background part of a reset request: it logs what
// fails, there being no client left to answer.
func (s *Service) handleReset(ctx context.Context, email string) {
	ctx, cancel := context.WithTimeout(ctx, resetTimeout)
	defer cancel()
	if err := s.mailReset(ctx, email); err != nil {
		s.logger.ErrorContext(ctx, "password reset not sent", slog.String("error", err.Error()))
	}
}

// mailReset issues a reset token for the user with email in the tenant of
// ctx and queues its mail, if that user may reset their password.
func (s *Service) mailReset(ctx context.Context, email string) error {
	u, err := s.client.User.Query().Where(user.Email(email)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	if !u.IsActive || u.InvitationPending {
		return nil
	}
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		_, _, err := s.mail.MailPasswordReset(ctx, tx, u)
		return err
	})
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	return nil
}

// Drain waits until the reset requests answered so far have been handled
// (their mail, if any, handed to the mail service, whose own Drain waits
// for delivery). Call it before the mail service's Drain and before the
// database closes; tests call it before they read the outbox.
func (s *Service) Drain() { s.resets.wait() }
