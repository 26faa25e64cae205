package assets

import (
	"context"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
)

// UpdateStatus moves asset id to status and records the change with its
// reason. Repeating the current status changes and records nothing. The
// row is locked for the whole transaction, so concurrent changes of one
// asset queue and its history stays a chain: each entry starts where the
// previous one ended.
func (s *Service) UpdateStatus(ctx context.Context, id int, status int, reason string) (*ent.Asset, error) {
	to := Status(status)
	if err := checkStatus(to); err != nil {
		return nil, err
	}
	if err := checkReason(reason); err != nil {
		return nil, err
	}
	var updated *ent.Asset
	err := database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		from, err := s.lockStatus(ctx, tx, id)
		if err != nil {
			return err
		}
		changed, err := checkTransition(from, to)
		if err != nil {
			return err
		}
		if !changed {
			updated, err = tx.Asset.Get(ctx, id)
			return database.Classify(err, "Asset")
		}
		// UpdateOneID reads the row back whole after the update.
		updated, err = tx.Asset.UpdateOneID(id).SetStatus(int(to)).Save(ctx)
		if err != nil {
			return database.Classify(err, "Asset")
		}
		return recordStatusChange(ctx, tx, id, from, to, reason)
	})
	if err != nil {
		return nil, err
	}
	return s.shown(ctx, updated)
}
