package directory

import (
	"context"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
)

// ErrNotInvited refuses to (re)send an invitation to a user who has
// accepted one, or is deactivated.
var ErrNotInvited = apperr.Conflict("", "This user has no pending invitation.")

// ResendInvitation issues a new invitation to a user who has not accepted
// theirs yet; the earlier one stops working. Only a person may invite
// (see checkLasting).
func (s *Service) ResendInvitation(ctx context.Context, userID int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := checkLasting(a); err != nil {
		return err
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		u, err := tx.User.Get(ctx, userID)
		if err != nil {
			return database.Classify(err, "User")
		}
		if !u.InvitationPending || !u.IsActive {
			return ErrNotInvited
		}
		return s.mail.Invite(ctx, tx, u)
	})
}
