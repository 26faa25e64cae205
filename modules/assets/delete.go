package assets

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/assetplacementchange"
	"github.com/binora/binora/ent/assetstatuschange"
	"github.com/binora/binora/internal/database"
)

// Delete removes asset id and its status and placement histories. An asset that other
// assets still hang from is refused: deleting it would orphan them.
func (s *Service) Delete(ctx context.Context, id int) error {
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		// Locking the row makes a concurrent child create, which shares
		// its parent's row, either finish first (and be seen below) or
		// find the parent gone.
		if _, err := s.lockStatus(ctx, tx, id); err != nil {
			return err
		}
		hasChildren, err := tx.Asset.Query().Where(asset.ParentID(id)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("find child assets: %w", err)
		}
		if hasChildren {
			return ErrHasChildren
		}
		// The histories reference the asset; they go with it.
		if _, err := tx.AssetStatusChange.Delete().Where(assetstatuschange.AssetID(id)).Exec(ctx); err != nil {
			return fmt.Errorf("delete status history: %w", err)
		}
		if _, err := tx.AssetPlacementChange.Delete().Where(assetplacementchange.AssetID(id)).Exec(ctx); err != nil {
			return fmt.Errorf("delete placement history: %w", err)
		}
		err = tx.Asset.DeleteOneID(id).Exec(ctx)
		if ent.IsConstraintError(err) {
			return ErrHasChildren.Wrap(err)
		}
		return database.Classify(err, "Asset")
	})
}
