package assets

import (
	"context"
	"fmt"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/assetstatuschange"
	"github.com/binora/binora/internal/database"
)

// Update changes the fields set in in, for both PUT and PATCH. A status
// change follows the same rules as UpdateStatus and leaves one history
// entry (without a reason); repeating the current status leaves none. The
// asset comes back with its datacenter loaded.
func (s *Service) Update(ctx context.Context, id int, in UpdateInput) (*ent.Asset, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var updated *ent.Asset
	err := database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		cur, err := s.lockAsset(ctx, tx, id)
		if err != nil {
			return err
		}
		if in.AssetType != nil && *in.AssetType != cur.AssetType {
			return ErrTypeImmutable
		}
		from := Status(cur.Status)
		to := from
		if in.Status != nil {
			to = Status(*in.Status)
		}
		changed, err := checkTransition(from, to)
		if err != nil {
			return err
		}

		// Written first: the data layer refuses a datacenter or parent the
		// tenant cannot see, and the rules of the hierarchy are then
		// checked on the rows as they now are.
		a, err := assetUpdate(tx, cur, in, to, changed).Save(ctx)
		if err != nil {
			return database.Classify(err, "Asset", "code")
		}
		if err := s.checkPlacement(ctx, tx, cur, in); err != nil {
			return err
		}
		if changed {
			if err := recordStatusChange(ctx, tx, id, from, to, ""); err != nil {
				return err
			}
		}
		updated, err = withDatacenter(ctx, tx, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// assetUpdate sets on cur the fields in carries, and the status to when it
// changed.
func assetUpdate(tx *ent.Tx, cur *ent.Asset, in UpdateInput, to Status, changed bool) *ent.AssetUpdateOne {
	u := tx.Asset.UpdateOne(cur)
	if in.Name != nil {
		u.SetName(strings.TrimSpace(*in.Name))
	}
	if changed {
		u.SetStatus(int(to))
	}
	if in.SerialNumber != nil {
		u.SetSerialNumber(*in.SerialNumber)
	} else if in.ClearSerialNumber {
		u.ClearSerialNumber()
	}
	// Only a link that changes is set, so a PUT that sends back the
	// current datacenter and parent costs no check of them.
	if in.DatacenterID != nil && *in.DatacenterID != cur.DatacenterID {
		u.SetDatacenterID(*in.DatacenterID)
	}
	if in.ParentID != nil && (cur.ParentID == nil || *cur.ParentID != *in.ParentID) {
		u.SetParentID(*in.ParentID)
	} else if in.ClearParent {
		u.ClearParentID()
	}
	return u
}

// checkPlacement verifies the datacenter and parent an update asked for,
// given the asset as it was (cur, locked) and once the update is written.
// Only what changes is checked, so a PUT that sends back the current values
// costs no extra queries.
func (s *Service) checkPlacement(ctx context.Context, tx *ent.Tx, cur *ent.Asset, in UpdateInput) error {
	dcID := cur.DatacenterID
	moved := in.DatacenterID != nil && *in.DatacenterID != cur.DatacenterID
	if moved {
		dcID = *in.DatacenterID
	}
	parent := cur.ParentID
	reparented := false
	switch {
	case in.ParentID != nil:
		reparented = cur.ParentID == nil || *cur.ParentID != *in.ParentID
		parent = in.ParentID
	case in.ClearParent:
		parent = nil
	}
	// A kept parent is checked again on a move: it stays behind in the
	// old datacenter.
	checkNewParent := parent != nil && (reparented || moved)

	// Lock the datacenter being left (its assets might be attaching to
	// this one) and the one whose hierarchy changes, then read.
	var locks []int
	if moved {
		locks = append(locks, cur.DatacenterID)
	}
	if checkNewParent {
		locks = append(locks, dcID)
	}
	if err := s.lockDatacenters(ctx, tx, locks...); err != nil {
		return err
	}
	if moved {
		// Children must share their parent's datacenter; moving them
		// along silently would surprise more than refusing.
		hasChildren, err := tx.Asset.Query().Where(asset.ParentID(cur.ID)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("find child assets: %w", err)
		}
		if hasChildren {
			return ErrMoveWithChildren
		}
	}
	if checkNewParent {
		return checkParent(ctx, tx, cur.ID, *parent, dcID)
	}
	return nil
}

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
		if err != nil {
			return err
		}
		a := cur
		if changed {
			a, err = tx.Asset.UpdateOne(cur).SetStatus(int(to)).Save(ctx)
			if err != nil {
				return database.Classify(err, "Asset")
			}
			if err := recordStatusChange(ctx, tx, id, from, to, reason); err != nil {
				return err
			}
		}
		updated, err = withDatacenter(ctx, tx, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// Delete removes asset id and its status history. An asset that other
// assets still hang from is refused: deleting it would orphan them.
func (s *Service) Delete(ctx context.Context, id int) error {
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		// Locking the row makes a concurrent child create, which shares
		// its parent's row, either finish first (and be seen below) or
		// find the parent gone.
		if _, err := s.lockAsset(ctx, tx, id); err != nil {
			return err
		}
		hasChildren, err := tx.Asset.Query().Where(asset.ParentID(id)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("find child assets: %w", err)
		}
		if hasChildren {
			return ErrHasChildren
		}
		// The history references the asset; it goes with it.
		if _, err := tx.AssetStatusChange.Delete().Where(assetstatuschange.AssetID(id)).Exec(ctx); err != nil {
			return fmt.Errorf("delete status history: %w", err)
		}
		err = tx.Asset.DeleteOneID(id).Exec(ctx)
		if ent.IsConstraintError(err) {
			return ErrHasChildren.Wrap(err)
		}
		return database.Classify(err, "Asset")
	})
}
