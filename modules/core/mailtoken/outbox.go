package mailtoken

import (
	"context"
	"fmt"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/mail"
)

// queue writes msg to the tenant's outbox inside tx, so the message exists
// exactly when the token it carries does, and hands it to delivery once
// tx has committed (delivery.go). A delivery failure is logged and counted,
// not returned: the outbox keeps the message, marked unsent.
func (s *Service) queue(ctx context.Context, tx *ent.Tx, msg mail.Message) error {
	// A subject is one line whatever a company name holds.
	msg.Subject = strings.Join(strings.Fields(msg.Subject), " ")
	if err := msg.Validate(); err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	// Stored sealed (see seal.go); delivery sends msg from memory.
	row, err := tx.MailMessage.Create().
		SetToAddress(msg.To).SetSubject(msg.Subject).SetBody(s.sealer.seal(msg.To, msg.Body)).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("write outbox: %w", err)
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(cctx context.Context, tx *ent.Tx) error {
			if err := next.Commit(cctx, tx); err != nil {
				return err
			}
			s.deliver(ctx, outboxRow{id: row.ID, companyID: row.CompanyID}, msg)
			return nil
		})
	})
	return nil
}
