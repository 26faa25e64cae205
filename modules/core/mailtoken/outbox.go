package mailtoken

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/mail"
)

// mailSendTimeout bounds one delivery attempt.
const mailSendTimeout = time.Minute

// queue writes msg to the tenant's outbox inside tx, so the message exists
// exactly when the token it carries does, and hands it to the mailer once
// tx has committed. A delivery failure is logged, not returned: the outbox
// keeps the message.
func (s *Service) queue(ctx context.Context, tx *ent.Tx, msg mail.Message) error {
	// A subject is one line whatever a company name holds.
	msg.Subject = strings.Join(strings.Fields(msg.Subject), " ")
	if err := msg.Validate(); err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	// Stored sealed (see seal.go); delivery sends msg from memory.
	err := tx.MailMessage.Create().
		SetToAddress(msg.To).SetSubject(msg.Subject).SetBody(s.sealer.seal(msg.To, msg.Body)).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("write outbox: %w", err)
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(cctx context.Context, tx *ent.Tx) error {
			if err := next.Commit(cctx, tx); err != nil {
				return err
			}
			s.deliver(ctx, msg)
			return nil
		})
	})
	return nil
}

// deliver sends msg in the background: the answer to a request must not
// wait for a mail server, nor take longer when an email is known (which
// would tell who has an account).
func (s *Service) deliver(ctx context.Context, msg mail.Message) {
	ctx = context.WithoutCancel(ctx)
	s.sending.Go(func() {
		ctx, cancel := context.WithTimeout(ctx, mailSendTimeout)
		defer cancel()
		if err := s.mailer.Send(ctx, msg); err != nil {
			// Recipient and subject only: the body carries a token.
			s.logger.ErrorContext(ctx, "mail not delivered; it stays in the outbox",
				slog.String("to", msg.To), slog.String("subject", msg.Subject), slog.String("error", err.Error()))
		}
	})
}

// Drain waits until the mail handed to the mailer so far has been sent (or
// has failed). Call it before the process exits.
func (s *Service) Drain() { s.sending.Wait() }
