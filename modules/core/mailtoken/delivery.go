package mailtoken

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/tenancy"
)

// mailSendTimeout bounds one delivery attempt.
const mailSendTimeout = time.Minute

// Retry is how this process tries a failed delivery again: Attempts sends
// in all, waiting Backoff after the first failure and twice as long after
// each next one. Retries live in memory: a message still failing when the
// process stops (or gives up) stays unsent in the outbox.
type Retry struct {
	Attempts int
	Backoff  time.Duration
}

// DefaultRetry sends up to 5 times over about 30 seconds: enough to ride
// out a mail server's restart, short next to a token's lifetime.
var DefaultRetry = Retry{Attempts: 5, Backoff: 2 * time.Second}

// outboxRow names the outbox row of a message being delivered.
type outboxRow struct{ id, companyID int }

// delivery is the background sending of committed mail and what it counts.
type delivery struct {
	retry Retry
	// sending tracks deliveries running after their transaction committed.
	sending sync.WaitGroup
	// stopping is closed by Shutdown: no further retries.
	stopping chan struct{}
	stopOnce sync.Once
	pending  atomic.Int64
	failures atomic.Uint64
	gaveUp   atomic.Uint64
}

// deliver sends msg in the background: the answer to a request must not
// wait for a mail server, nor take longer when an email is known (which
// would tell who has an account). It then records the outcome on row.
func (s *Service) deliver(ctx context.Context, row outboxRow, msg mail.Message) {
	// The delivery outlives the request and is nobody's act: it runs in
	// the message's tenant with nobody acting, which the tenant walls allow
	// for the tenant's own outbox row.
	ctx = tenancy.WithTenant(context.WithoutCancel(ctx), row.companyID)
	s.pending.Add(1)
	s.sending.Go(func() {
		defer s.pending.Add(-1)
		attempts, err := s.sendWithRetry(ctx, msg)
		s.record(ctx, row, attempts, err == nil)
		if err != nil {
			s.gaveUp.Add(1)
			// Recipient and subject only: the body carries a token.
			s.logger.ErrorContext(ctx, "mail not delivered; it stays in the outbox",
				slog.String("to", msg.To), slog.String("subject", msg.Subject),
				slog.Int("attempts", attempts), slog.String("error", err.Error()))
		}
	})
}

// sendWithRetry sends msg until the mailer accepts it, the attempts run
// out or Shutdown is called, and returns the attempts made.
func (s *Service) sendWithRetry(ctx context.Context, msg mail.Message) (int, error) {
	wait := s.retry.Backoff
	for attempt := 1; ; attempt++ {
		err := s.sendOnce(ctx, msg)
		if err == nil {
			return attempt, nil
		}
		s.failures.Add(1)
		if attempt >= s.retry.Attempts || !s.pause(wait) {
			return attempt, err
		}
		s.logger.WarnContext(ctx, "mail delivery failed; trying again",
			slog.String("to", msg.To), slog.Int("attempt", attempt), slog.String("error", err.Error()))
		wait *= 2
	}
}

func (s *Service) sendOnce(ctx context.Context, msg mail.Message) error {
	ctx, cancel := context.WithTimeout(ctx, mailSendTimeout)
	defer cancel()
	return s.mailer.Send(ctx, msg)
}

// pause waits d, unless the service is shutting down; it reports whether
// to try again.
func (s *Service) pause(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.stopping:
		return false
	}
}

// record writes the attempts made on the outbox row and, when the mailer
// accepted the message, when it did.
func (s *Service) record(ctx context.Context, row outboxRow, attempts int, sent bool) {
	upd := s.client.MailMessage.UpdateOneID(row.id).SetAttempts(attempts)
	if sent {
		upd.SetSentAt(s.now())
	}
	if err := upd.Exec(ctx); err != nil {
		s.logger.ErrorContext(ctx, "outbox row not updated", slog.Int("mail_message_id", row.id),
			slog.Bool("sent", sent), slog.String("error", err.Error()))
	}
}

// Drain waits until the mail handed to the mailer so far has been sent or
// given up on, retries included.
func (s *Service) Drain() { s.sending.Wait() }

// Shutdown stops retrying failed deliveries (their messages stay unsent in
// the outbox) and waits, until ctx ends, for the sends in progress. Call
// it before the process exits.
func (s *Service) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() { close(s.stopping) })
	done := make(chan struct{})
	go func() {
		s.sending.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// Pending counts the messages this process has queued and neither
// delivered nor given up on yet.
func (s *Service) Pending() int64 { return s.pending.Load() }

// FailedAttempts counts the sends the mailer refused or that timed out.
func (s *Service) FailedAttempts() uint64 { return s.failures.Load() }

// Undelivered counts the messages this process gave up on: every attempt
// failed, or it was stopping.
func (s *Service) Undelivered() uint64 { return s.gaveUp.Load() }
