package assets

import (
	"context"
	"fmt"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/internal/database"
)

// Update changes the fields set in in, for both PUT and PATCH. A status
// change follows the same rules as UpdateStatus and leaves one history
// entry (without a reason); repeating the current status leaves none. A
// change of rack, position or face follows the placement rules and leaves
// one placement history entry. The asset comes back with its datacenter
// and rack loaded.
func (s *Service) Update(ctx context.Context, id int, in UpdateInput) (*ent.Asset, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var updated *ent.Asset
	err := database.WithTx(ctx, s.client, func(tx *ent.Tx) (err error) {
		updated, err = s.update(ctx, tx, id, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.shown(ctx, updated)
}

// update is Update inside tx.
func (s *Service) update(ctx context.Context, tx *ent.Tx, id int, in UpdateInput) (*ent.Asset, error) {
	cur, err := s.lockAsset(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if in.AssetType != nil && *in.AssetType != cur.AssetType {
		return nil, ErrTypeImmutable
	}
	from := Status(cur.Status)
	to := from
	if in.Status != nil {
		to = Status(*in.Status)
	}
	changed, err := checkTransition(from, to)
	if err != nil {
		return nil, err
	}
	m, r, err := s.planMove(ctx, tx, cur, &in)
	if err != nil {
		return nil, err
	}

	// Written first: the data layer refuses a datacenter, parent or rack
	// the tenant cannot see, and the rules of the hierarchy and of the
	// rack's units are then checked on the rows as they now are.
	a, err := assetUpdate(tx, cur, in, to, changed, m).Save(ctx)
	if err != nil {
		return nil, database.Classify(err, "Asset", "code")
	}
	if err := s.checkHierarchy(ctx, tx, cur, in); err != nil {
		return nil, err
	}
	if err := s.settle(ctx, tx, a, m, r, racksByID{}); err != nil {
		return nil, err
	}
	if changed {
		if err := recordStatusChange(ctx, tx, id, from, to, ""); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// assetUpdate sets on cur the fields in carries, the status to when it
// changed, and the placement m leads to.
func assetUpdate(tx *ent.Tx, cur *ent.Asset, in UpdateInput, to Status, changed bool, m move) *ent.AssetUpdateOne {
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
	setPlacement(u, m)
	return u
}

// setPlacement sets on u what m changes of the placement, and nothing
// else: an unchanged rack costs no check of the reference.
func setPlacement(u *ent.AssetUpdateOne, m move) {
	from, to := m.from, m.to
	switch {
	case equalPtr(from.RackID, to.RackID):
	case to.RackID != nil:
		u.SetRackID(*to.RackID)
	default:
		u.ClearRackID()
	}
	switch {
	case equalPtr(from.Position, to.Position):
	case to.Position != nil:
		u.SetPosition(*to.Position)
	default:
		u.ClearPosition()
	}
	switch {
	case equalPtr(from.Face, to.Face):
	case to.Face != nil:
		u.SetFace(asset.Face(*to.Face))
	default:
		u.ClearFace()
	}
	if from.UHeight != to.UHeight {
		u.SetUHeight(to.UHeight)
	}
	if from.FullDepth != to.FullDepth {
		u.SetFullDepth(to.FullDepth)
	}
}

// checkHierarchy verifies the datacenter and parent an update asked for,
// given the asset as it was (cur, locked) and once the update is written.
// Only what changes is checked, so a PUT that sends back the current values
// costs no extra queries.
func (s *Service) checkHierarchy(ctx context.Context, tx *ent.Tx, cur *ent.Asset, in UpdateInput) error {
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
