package assets

import (
	"context"
	"fmt"
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/assetplacementchange"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// Placement inside a write's transaction. The rack is read before the
// asset is written, because the asset's datacenter may come from it; when
// the asset is to take units, the read locks the rack, so that two writes
// taking units of one rack run one after the other and the second sees
// what the first took. The units are checked after the write, on the
// rack's blocks as the transaction sees them (the asset's own block is not
// a clash). Lock order: the asset row (on an update), then the rack, then
// the datacenters (checkHierarchy); no write in this module takes them the
// other way round.

// rackFor reads the rack m puts the asset in, when m needs it (see
// move.needsRack), and applies its rules; dcID is the datacenter the
// request names (0 for none). It returns the rack, nil when none was read,
// and the asset's datacenter: the rack's, or dcID when no rack was read.
func (s *Service) rackFor(ctx context.Context, tx *ent.Tx, m move, dcID int) (*ent.Rack, int, error) {
	if !m.needsRack() {
		return nil, dcID, nil
	}
	r, err := occupancy.Lock(ctx, tx, *m.to.RackID, s.rowLocks && m.checksUnits())
	switch {
	case ent.IsNotFound(err):
		// Another tenant's rack and a missing one answer alike, as the
		// data layer's reference check would.
		return nil, 0, errNoRack.Wrap(err)
	case err != nil:
		return nil, 0, fmt.Errorf("read rack: %w", err)
	}
	dc, err := checkRack(r, m.entering(), dcID)
	if err != nil {
		return nil, 0, err
	}
	return r, dc, nil
}

// settle finishes the placement of a, just written by m into rack r (read
// by rackFor): it checks the units a now takes and records the move.
func (s *Service) settle(ctx context.Context, tx *ent.Tx, a *ent.Asset, m move, r *ent.Rack, racks racksByID) error {
	if r != nil {
		racks[r.ID] = r
	}
	if m.checksUnits() {
		om, err := occupancy.LoadOne(ctx, occupancy.FromTx(tx), r, s.now())
		if err != nil {
			return err
		}
		if err := checkUnits(om, occupancy.AssetBlock(a), m.reservationID); err != nil {
			return err
		}
	}
	if !m.moved() {
		return nil
	}
	return recordMove(ctx, tx, a.ID, m.from, m.to, racks)
}

// recordMove writes one placement history entry, the racks named as they
// are now; the author and the time come from the audit mixin.
func recordMove(ctx context.Context, tx *ent.Tx, assetID int, from, to placement, racks racksByID) error {
	if err := racks.load(ctx, tx, from.RackID, to.RackID); err != nil {
		return err
	}
	c := tx.AssetPlacementChange.Create().SetAssetID(assetID)
	if from.RackID != nil {
		c.SetFromRackID(*from.RackID).
			SetNillableFromRackName(racks.name(*from.RackID)).
			SetNillableFromPosition(from.Position).
			SetNillableFromFace((*assetplacementchange.FromFace)(from.Face))
	}
	if to.RackID != nil {
		c.SetToRackID(*to.RackID).
			SetNillableToRackName(racks.name(*to.RackID)).
			SetNillableToPosition(to.Position).
			SetNillableToFace((*assetplacementchange.ToFace)(to.Face))
	}
	return database.Classify(c.Exec(ctx), "Placement change")
}

// racksByID holds the racks a write has read, so that each is read at
// most once.
type racksByID map[int]*ent.Rack

// load reads, in one statement, the racks ids (nil ones skipped) not yet
// held.
func (rs racksByID) load(ctx context.Context, tx *ent.Tx, ids ...*int) error {
	var missing []int
	for _, id := range ids {
		if id != nil && rs[*id] == nil && !slices.Contains(missing, *id) {
			missing = append(missing, *id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	found, err := tx.Rack.Query().Where(rack.IDIn(missing...)).All(ctx)
	if err != nil {
		return fmt.Errorf("read racks: %w", err)
	}
	for _, r := range found {
		rs[r.ID] = r
	}
	return nil
}

// name is the name of rack id, nil when it is not held.
func (rs racksByID) name(id int) *string {
	if r := rs[id]; r != nil {
		return &r.Name
	}
	return nil
}

// planMove works out, before the write, what update in changes in where
// cur (locked) is, applies the rules that need no row, and reads the rack
// the asset is to be in when the move needs it. An asset that enters a
// rack follows it: in.DatacenterID becomes the rack's (a request that
// names another datacenter is refused).
func (s *Service) planMove(ctx context.Context, tx *ent.Tx, cur *ent.Asset, in *UpdateInput) (move, *ent.Rack, error) {
	from := placementOf(cur)
	m := move{from: from, to: in.placement(from), reservationID: in.ReservationID,
		dcChanged: in.DatacenterID != nil && *in.DatacenterID != cur.DatacenterID}
	if err := checkShape(m.to, in.hasParent(cur.ParentID), in.ReservationID); err != nil {
		return m, nil, err
	}
	dcID := 0
	if in.DatacenterID != nil {
		dcID = *in.DatacenterID
	}
	r, dc, err := s.rackFor(ctx, tx, m, dcID)
	if err != nil {
		return m, nil, err
	}
	if r != nil {
		in.DatacenterID = &dc
	}
	return m, r, nil
}
