package assets

import (
	"context"
	"fmt"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/assetcodecounter"
	"github.com/binora/binora/internal/database"
)

// Create adds an asset to the tenant and gives it the next code of its
// type. An asset created in a rack is in the rack's datacenter, and its
// placement history starts with a move from nowhere. The asset comes back
// with its datacenter and rack loaded.
func (s *Service) Create(ctx context.Context, in CreateInput) (*ent.Asset, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	status := DefaultStatus
	if in.Status != nil {
		status = Status(*in.Status)
	}
	m := move{to: in.placement(), reservationID: in.ReservationID}
	var created *ent.Asset
	err := database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		// The code is allocated first: the counter row stays locked from
		// here to the commit, and every create of this type in the company
		// waits on it.
		code, err := nextCode(ctx, tx, Type(in.AssetType))
		if err != nil {
			return err
		}
		r, dcID, err := s.rackFor(ctx, tx, m, in.DatacenterID)
		if err != nil {
			return err
		}
		// The data layer refuses a datacenter, parent or rack the tenant
		// cannot see; what is left to check here are the rules of the
		// hierarchy and of the rack's units.
		a, err := tx.Asset.Create().
			SetCode(code).
			SetName(strings.TrimSpace(in.Name)).
			SetAssetType(in.AssetType).
			SetStatus(int(status)).
			SetNillableSerialNumber(in.SerialNumber).
			SetDatacenterID(dcID).
			SetNillableParentID(in.ParentID).
			SetNillableRackID(m.to.RackID).
			SetNillablePosition(m.to.Position).
			SetNillableFace((*asset.Face)(m.to.Face)).
			SetUHeight(m.to.UHeight).
			SetFullDepth(m.to.FullDepth).
			Save(ctx)
		if err != nil {
			return database.Classify(err, "Asset", "code")
		}
		if in.ParentID != nil {
			if err := s.shareParent(ctx, tx, *in.ParentID, dcID); err != nil {
				return err
			}
		}
		racks := racksByID{}
		if err := s.settle(ctx, tx, a, m, r, racks); err != nil {
			return err
		}
		created = a
		return s.showInTx(ctx, tx, a, racks)
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

// shareParent checks that the parent a new asset names is in its
// datacenter dcID. Sharing the parent's row keeps it from moving to
// another datacenter before the child commits.
func (s *Service) shareParent(ctx context.Context, tx *ent.Tx, parentID, dcID int) error {
	q := tx.Asset.Query().Where(asset.ID(parentID))
	if s.rowLocks {
		q = q.ForShare()
	}
	_, err := readParent(ctx, q, dcID)
	return err
}

// nextCode takes the next number of the tenant's counter for type t and
// formats the code. The upsert both creates the counter on first use and
// increments it atomically; on PostgreSQL it also locks the row until the
// transaction ends, so concurrent creates queue instead of reading the same
// value, and on SQLite the transaction already holds the database's write
// lock. A rolled-back create gives its number back; a committed one never
// does, so codes are not reused.
func nextCode(ctx context.Context, tx *ent.Tx, t Type) (string, error) {
	err := tx.AssetCodeCounter.Create().
		SetAssetType(string(t)).
		SetLastValue(1).
		OnConflictColumns(assetcodecounter.FieldCompanyID, assetcodecounter.FieldAssetType).
		AddLastValue(1).
		Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("increment asset code counter: %w", err)
	}
	last, err := tx.AssetCodeCounter.Query().
		Where(assetcodecounter.AssetType(string(t))).
		Select(assetcodecounter.FieldLastValue).
		Int(ctx)
	if err != nil {
		return "", fmt.Errorf("read asset code counter: %w", err)
	}
	return codeOf(t, last), nil
}
