package racks

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/ent/rackreservation"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/modules/facilities/occupancy"
)

var rackOrdering = listing.Ordering[rack.OrderOption]{Default: "name", ByID: rack.ByID,
	Fields: listing.Fields[rack.OrderOption]{"name": rack.ByName, "status": rack.ByStatus, "created_at": rack.ByCreatedAt}}

// List returns a page of the tenant's racks matching f, and how many match
// in all. A page costs the same statements whatever its size: the count,
// the page, its datacenters, rooms and rows, and its racks' blocks (2).
func (s *Service) List(ctx context.Context, f Filter) (listing.Result[Rack], error) {
	q := s.reads.Rack.Query()
	if f.DatacenterID != nil {
		q = q.Where(rack.DatacenterID(*f.DatacenterID))
	}
	if f.RoomID != nil {
		q = q.Where(rack.RoomID(*f.RoomID))
	}
	if f.RowID != nil {
		q = q.Where(rack.RowID(*f.RowID))
	}
	if len(f.Statuses) > 0 {
		statuses := make([]rack.Status, len(f.Statuses))
		for i, st := range f.Statuses {
			statuses[i] = rack.Status(st)
		}
		q = q.Where(rack.StatusIn(statuses...))
	}
	if f.Q != "" {
		q = q.Where(rack.Or(rack.NameContainsFold(f.Q), rack.FacilityIDContainsFold(f.Q), rack.AssetTagContainsFold(f.Q)))
	}
	page, err := listing.FetchSorted(ctx, q.WithDatacenter().WithRoom().WithRow(), rackOrdering, f.Params)
	if err != nil {
		return listing.Result[Rack]{}, fmt.Errorf("list racks: %w", err)
	}
	// The units taken are read where the page was, so that both come from
	// the same data.
	maps, err := occupancy.Load(ctx, occupancy.FromClient(s.reads), page.Items, s.now())
	if err != nil {
		return listing.Result[Rack]{}, err
	}
	out := listing.WithItems(page, make([]Rack, len(page.Items)))
	for i, r := range page.Items {
		out.Items[i] = Rack{Rack: r, Units: maps[i].Counts()}
	}
	return out, nil
}

// Get returns one rack of the tenant.
func (s *Service) Get(ctx context.Context, id int) (Rack, error) {
	r, err := s.client.Rack.Query().Where(rack.ID(id)).WithDatacenter().WithRoom().WithRow().Only(ctx)
	if err != nil {
		return Rack{}, database.Classify(err, "Rack")
	}
	m, err := occupancy.LoadOne(ctx, occupancy.FromClient(s.client), r, s.now())
	if err != nil {
		return Rack{}, err
	}
	return Rack{Rack: r, Units: m.Counts()}, nil
}

// Create adds a rack to the room in.RoomID, in that room's datacenter.
func (s *Service) Create(ctx context.Context, in Create) (Rack, error) {
	in, err := in.normalized()
	if err != nil {
		return Rack{}, err
	}
	var out Rack
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		// The room is read in the transaction that writes the rack, so the
		// datacenter copied from it is the room's (a room never moves).
		at, err := readPlace(ctx, tx, in.RoomID, in.RowID)
		if err != nil {
			return err
		}
		d := in.Details
		r, err := tx.Rack.Create().
			SetDatacenterID(at.room.DatacenterID).SetRoomID(at.room.ID).SetNillableRowID(in.RowID).
			SetName(in.Name).SetNillableFacilityID(d.FacilityID).
			SetUHeight(*d.UHeight).SetStartingUnit(*d.StartingUnit).SetDescendingUnits(*d.DescendingUnits).
			SetStatus(rack.Status(*d.Status)).SetNillableSerialNumber(d.SerialNumber).
			SetNillableAssetTag(d.AssetTag).SetNillableMaxWeightKg(d.MaxWeightKg).
			SetNillableDescription(d.Description).
			Save(ctx)
		if err != nil {
			return database.Classify(err, "Rack", uniqueFields...)
		}
		// A new rack holds nothing: every unit is free.
		out, err = withPlace(ctx, tx, r, at, occupancy.Map{Rack: occupancy.RackOf(r)})
		return err
	})
	return out, err
}

// Replace sets every field of rack id (PUT); the rules of Update apply.
func (s *Service) Replace(ctx context.Context, id int, in Create) (Rack, error) {
	in, err := in.normalized()
	if err != nil {
		return Rack{}, err
	}
	return s.Update(ctx, id, in.replacement())
}

// Delete removes an empty rack, with its expired reservations.
func (s *Service) Delete(ctx context.Context, id int) error {
	now := s.now()
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if _, err := s.lock(ctx, tx, id); err != nil {
			return err
		}
		h, err := holdingsOf(ctx, tx, id, now)
		if err != nil {
			return err
		}
		if err := checkDelete(h); err != nil {
			return err
		}
		expired := rackreservation.And(rackreservation.RackID(id), rackreservation.Not(occupancy.Live(now)))
		if _, err := tx.RackReservation.Delete().Where(expired).Exec(ctx); err != nil {
			return fmt.Errorf("delete expired reservations: %w", err)
		}
		// The foreign keys (NO ACTION) have the last word: an asset or a
		// reservation that names the rack without taking its lock still
		// makes the delete fail rather than be orphaned.
		err = tx.Rack.DeleteOneID(id).Exec(ctx)
		if ent.IsConstraintError(err) {
			return ErrStillHolds.Wrap(err)
		}
		return database.Classify(err, "Rack")
	})
}

// holdingsOf counts what rack id holds at now, in two statements.
func holdingsOf(ctx context.Context, tx *ent.Tx, id int, now time.Time) (holdings, error) {
	assets, err := tx.Asset.Query().Where(asset.RackID(id)).Count(ctx)
	if err != nil {
		return holdings{}, fmt.Errorf("count assets in rack: %w", err)
	}
	reservations, err := tx.RackReservation.Query().Where(rackreservation.RackID(id), occupancy.Live(now)).Count(ctx)
	if err != nil {
		return holdings{}, fmt.Errorf("count live reservations of rack: %w", err)
	}
	return holdings{assets: assets, reservations: reservations}, nil
}
