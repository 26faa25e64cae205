package layout

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/datacenter"
	"github.com/binora/binora/ent/predicate"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/ent/room"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// Capacity is how full the racks of a datacenter or a room are.
type Capacity struct {
	Racks int
	occupancy.Counts
	// Placed counts the assets in these racks, those that take no units
	// (a vertical PDU) included.
	Placed int
	// Unplaced counts the datacenter's assets in no rack; nil for a room.
	Unplaced *int
}

// DatacenterCapacity is the capacity of datacenter id, every rack of it
// whatever its status. It costs six statements whatever the number of
// racks: the datacenter, its racks, their assets and reservations, and the
// two counts of assets.
func (s *Service) DatacenterCapacity(ctx context.Context, id int) (Capacity, error) {
	ok, err := s.client.Datacenter.Query().Where(datacenter.ID(id)).Exist(ctx)
	if err := found(ok, err, "Datacenter"); err != nil {
		return Capacity{}, err
	}
	c, err := s.capacity(ctx, rack.DatacenterID(id))
	if err != nil {
		return Capacity{}, err
	}
	unplaced, err := s.client.Asset.Query().Where(asset.DatacenterID(id), asset.RackIDIsNil()).Count(ctx)
	if err != nil {
		return Capacity{}, fmt.Errorf("count unplaced assets: %w", err)
	}
	c.Unplaced = &unplaced
	return c, nil
}

// RoomCapacity is the capacity of room id, every rack of it whatever its
// status. It costs five statements whatever the number of racks: the room,
// its racks, their assets and reservations, and the count of assets.
func (s *Service) RoomCapacity(ctx context.Context, id int) (Capacity, error) {
	ok, err := s.client.Room.Query().Where(room.ID(id)).Exist(ctx)
	if err := found(ok, err, "Room"); err != nil {
		return Capacity{}, err
	}
	return s.capacity(ctx, rack.RoomID(id))
}

// found turns the answer of an existence check of what into an error: a
// not_found when the tenant can see no such row, as for a missing id.
func found(ok bool, err error, what string) error {
	if err != nil {
		return fmt.Errorf("find %s: %w", what, err)
	}
	if !ok {
		return apperr.NotFound(what)
	}
	return nil
}

// capacity sums the units of the racks matching where and counts the
// assets in them, in four statements (three when there is no rack).
func (s *Service) capacity(ctx context.Context, where predicate.Rack) (Capacity, error) {
	racks, err := s.client.Rack.Query().Where(where).
		Select(rack.FieldStartingUnit, rack.FieldUHeight, rack.FieldDescendingUnits).
		All(ctx)
	if err != nil {
		return Capacity{}, fmt.Errorf("read racks: %w", err)
	}
	maps, err := occupancy.Load(ctx, s.source(), racks, s.now())
	if err != nil {
		return Capacity{}, err
	}
	c := Capacity{Racks: len(racks)}
	for _, m := range maps {
		c.Counts = c.Counts.Add(m.Counts())
	}
	if len(racks) == 0 {
		return c, nil
	}
	ids := make([]int, len(racks))
	for i, r := range racks {
		ids[i] = r.ID
	}
	c.Placed, err = s.client.Asset.Query().Where(asset.RackIDIn(ids...)).Count(ctx)
	if err != nil {
		return Capacity{}, fmt.Errorf("count placed assets: %w", err)
	}
	return c, nil
}
