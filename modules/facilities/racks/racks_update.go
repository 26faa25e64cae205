package racks

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// place is where a rack stands: its room and its row (nil for none).
type place struct {
	room *ent.Room
	row  *ent.RackRow
}

// readPlace reads room roomID and row rowID (nil for none) inside tx and
// checks that the row is in the room. A room or row the tenant cannot see
// is answered like a missing one.
func readPlace(ctx context.Context, tx *ent.Tx, roomID int, rowID *int) (place, error) {
	room, err := tx.Room.Get(ctx, roomID)
	if ent.IsNotFound(err) {
		return place{}, errNoRoom.Wrap(err)
	}
	if err != nil {
		return place{}, fmt.Errorf("read room: %w", err)
	}
	at := place{room: room}
	if rowID != nil {
		at.row, err = tx.RackRow.Get(ctx, *rowID)
		if ent.IsNotFound(err) {
			return place{}, errNoRow.Wrap(err)
		}
		if err != nil {
			return place{}, fmt.Errorf("read row: %w", err)
		}
	}
	return at, checkRow(at.row, room)
}

// withPlace completes r, as written in tx, into what an answer shows: its
// datacenter, room and row, and the unit counts of m.
func withPlace(ctx context.Context, tx *ent.Tx, r *ent.Rack, at place, m occupancy.Map) (Rack, error) {
	dc, err := tx.Datacenter.Get(ctx, r.DatacenterID)
	if err != nil {
		return Rack{}, fmt.Errorf("read datacenter of rack: %w", err)
	}
	r.Edges.Datacenter, r.Edges.Room, r.Edges.Row = dc, at.room, at.row
	return Rack{Rack: r, Units: m.Counts()}, nil
}

// Update changes the fields set in in, for both PUT and PATCH. The rack is
// locked first, so that no asset or reservation arrives while its
// geometry or datacenter is checked against what it holds.
func (s *Service) Update(ctx context.Context, id int, in Update) (Rack, error) {
	in, err := in.normalized()
	if err != nil {
		return Rack{}, err
	}
	now := s.now()
	var out Rack
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		cur, err := s.lock(ctx, tx, id)
		if err != nil {
			return err
		}
		at, err := readPlace(ctx, tx, valueOr(in.RoomID, cur.RoomID), rowAfter(cur, in))
		if err != nil {
			return err
		}
		if err := checkChange(ctx, tx, cur, in, at, now); err != nil {
			return err
		}
		r, err := rackUpdate(tx, cur, in, at).Save(ctx)
		if err != nil {
			return database.Classify(err, "Rack", uniqueFields...)
		}
		m, err := occupancy.LoadOne(ctx, occupancy.FromTx(tx), r, now)
		if err != nil {
			return err
		}
		out, err = withPlace(ctx, tx, r, at, m)
		return err
	})
	return out, err
}

func valueOr[T any](v *T, def T) T {
	if v != nil {
		return *v
	}
	return def
}

// rowAfter is the row the rack is in once in applies. A kept row must
// still be in the room: a move to another room without a new row is
// refused by readPlace rather than leave the rack in a row elsewhere.
func rowAfter(cur *ent.Rack, in Update) *int {
	switch {
	case in.RowID != nil:
		return in.RowID
	case in.ClearRow:
		return nil
	default:
		return cur.RowID
	}
}

// checkChange verifies that what the locked rack cur holds stays inside it
// and in its datacenter once in applies, reading only what the change
// needs: nothing when neither the geometry nor the datacenter changes.
func checkChange(ctx context.Context, tx *ent.Tx, cur *ent.Rack, in Update, at place, now time.Time) error {
	to := occupancy.RackOf(cur)
	to.Height = valueOr(in.UHeight, cur.UHeight)
	to.StartingUnit = valueOr(in.StartingUnit, cur.StartingUnit)
	if to.Height != cur.UHeight || to.StartingUnit != cur.StartingUnit {
		m, err := occupancy.LoadOne(ctx, occupancy.FromTx(tx), cur, now)
		if err != nil {
			return err
		}
		if err := checkGeometry(m, to, geometryField(cur, in)); err != nil {
			return err
		}
	}
	if at.room.DatacenterID == cur.DatacenterID {
		return nil
	}
	h, err := holdingsOf(ctx, tx, cur.ID, now)
	if err != nil {
		return err
	}
	return checkMove(cur.DatacenterID, at.room.DatacenterID, h)
}

// rackUpdate sets on cur the fields in carries, and the datacenter of the
// room it stands in at. Links are set only when they change, so a PUT that
// sends back the current room and row costs no reference check.
func rackUpdate(tx *ent.Tx, cur *ent.Rack, in Update, at place) *ent.RackUpdateOne {
	u := tx.Rack.UpdateOne(cur)
	if at.room.ID != cur.RoomID {
		u.SetRoomID(at.room.ID)
	}
	if at.room.DatacenterID != cur.DatacenterID {
		u.SetDatacenterID(at.room.DatacenterID)
	}
	switch {
	case at.row == nil && cur.RowID != nil:
		u.ClearRowID()
	case at.row != nil && (cur.RowID == nil || *cur.RowID != at.row.ID):
		u.SetRowID(at.row.ID)
	}
	d := in.Details
	u.SetNillableName(in.Name).SetNillableUHeight(d.UHeight).SetNillableStartingUnit(d.StartingUnit).
		SetNillableDescendingUnits(d.DescendingUnits)
	if d.Status != nil {
		u.SetStatus(rack.Status(*d.Status))
	}
	setOrClear(d.FacilityID, in.ClearFacilityID, u.SetFacilityID, u.ClearFacilityID)
	setOrClear(d.SerialNumber, in.ClearSerialNumber, u.SetSerialNumber, u.ClearSerialNumber)
	setOrClear(d.AssetTag, in.ClearAssetTag, u.SetAssetTag, u.ClearAssetTag)
	setOrClear(d.MaxWeightKg, in.ClearMaxWeightKg, u.SetMaxWeightKg, u.ClearMaxWeightKg)
	setOrClear(d.Description, in.ClearDescription, u.SetDescription, u.ClearDescription)
	return u
}

// setOrClear sets an optional field to v, or clears it when v is nil and
// clearing is asked for; otherwise the field stays as it is.
func setOrClear[T any](v *T, clearing bool, set func(T) *ent.RackUpdateOne, clr func() *ent.RackUpdateOne) {
	switch {
	case v != nil:
		set(*v)
	case clearing:
		clr()
	}
}
