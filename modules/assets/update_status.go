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
		cur, err := s.lockAsset(ctx, tx, id)
		if err != nil {
			return err
		}
		from := Status(cur.Status)
		changed, err := checkTransition(from, to)
		if err != nil || !changed {
			updated = cur
			return err
		}
		// The row is locked and read whole already: the answer is built
		// from it and the write, without Ent's SELECT after the UPDATE.
		update := tx.Asset.UpdateOneID(id).SetStatus(int(to))
		if err := update.ExecWithoutReadBack(ctx); err != nil {
			return database.Classify(err, "Asset")
		}
		updated = withStatus(cur, update.Mutation())
		return recordStatusChange(ctx, tx, id, from, to, reason)
	})
	if err != nil {
		return nil, err
	}
	return s.shown(ctx, updated)
}

// withStatus is the asset cur after m, a status change, as the database
// now holds it: the status, and what the hooks and defaults of every
// update write (the version, updated_at and updated_by).
func withStatus(cur *ent.Asset, m *ent.AssetMutation) *ent.Asset {
	a := *cur
	if st, ok := m.Status(); ok {
		a.Status = st
	}
	if n, ok := m.AddedVersion(); ok {
		a.Version += n
	}
	if t, ok := m.UpdatedAt(); ok {
		a.UpdatedAt = t
	}
	if by, ok := m.UpdatedBy(); ok {
		a.UpdatedBy = &by
	}
	return &a
}
