package rooms

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/ent/rackrow"
	"github.com/binora/binora/ent/room"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
)

var rowOrdering = listing.Ordering[rackrow.OrderOption]{Default: "name", ByID: rackrow.ByID,
	Fields: listing.Fields[rackrow.OrderOption]{"name": rackrow.ByName, "created_at": rackrow.ByCreatedAt}}

// ListRows returns a page of the tenant's rows matching f, each with its
// room: three statements whatever the page's size (the count, the page and
// the rooms).
func (s *Service) ListRows(ctx context.Context, f RowFilter) (listing.Result[*ent.RackRow], error) {
	q := s.reads.RackRow.Query()
	if f.RoomID != nil {
		q = q.Where(rackrow.RoomID(*f.RoomID))
	}
	if f.DatacenterID != nil {
		// The subquery on rooms carries no tenant condition of its own
		// (no interceptor sees it), and needs none: the rows are the
		// tenant's, and a row's room is always of the row's tenant (the
		// data layer checks the link, a composite key backs it).
		q = q.Where(rackrow.HasRoomWith(room.DatacenterID(*f.DatacenterID)))
	}
	if f.Q != "" {
		q = q.Where(rackrow.NameContainsFold(f.Q))
	}
	res, err := listing.FetchSorted(ctx, q.WithRoom(), rowOrdering, f.Params)
	if err != nil {
		return res, fmt.Errorf("list rows: %w", err)
	}
	return res, nil
}

// CreateRow adds a row to one of the tenant's rooms; the data layer refuses
// a room the tenant cannot see as no such room.
func (s *Service) CreateRow(ctx context.Context, in RowCreate) (*ent.RackRow, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	r, err := s.client.RackRow.Create().SetRoomID(in.RoomID).SetName(in.Name).Save(ctx)
	if err != nil {
		return nil, database.Classify(err, "Row", "name")
	}
	return s.withRoom(ctx, r)
}

// GetRow returns one row of the tenant with its room.
func (s *Service) GetRow(ctx context.Context, id int) (*ent.RackRow, error) {
	r, err := s.client.RackRow.Query().Where(rackrow.ID(id)).WithRoom().Only(ctx)
	return r, database.Classify(err, "Row")
}

// ReplaceRow sets every field of a row (PUT). in.RoomID must be the row's
// own: ErrRowMoves otherwise.
func (s *Service) ReplaceRow(ctx context.Context, id int, in RowCreate) (*ent.RackRow, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	return s.updateRow(ctx, id, &in.RoomID, RowUpdate{Name: &in.Name})
}

// UpdateRow changes the fields set in in (PATCH).
func (s *Service) UpdateRow(ctx context.Context, id int, in RowUpdate) (*ent.RackRow, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	return s.updateRow(ctx, id, nil, in)
}

// updateRow writes in, a normalized update, to row id; with roomID set,
// only while the row is in that room (see updateRoom).
func (s *Service) updateRow(ctx context.Context, id int, roomID *int, in RowUpdate) (*ent.RackRow, error) {
	u := s.client.RackRow.UpdateOneID(id).SetNillableName(in.Name)
	if roomID != nil {
		u.Where(rackrow.RoomID(*roomID))
	}
	r, err := u.Save(ctx)
	if roomID != nil && ent.IsNotFound(err) {
		return nil, missingOrMoved(ctx, s.client.RackRow.Query().Where(rackrow.ID(id)).Exist, "Row", ErrRowMoves, err)
	}
	if err != nil {
		return nil, database.Classify(err, "Row", "name")
	}
	return s.withRoom(ctx, r)
}

// DeleteRow removes a row in which no rack stands. The key from racks
// decides; a refusal names how many stand in it.
func (s *Service) DeleteRow(ctx context.Context, id int) error {
	return database.DeleteHolder(ctx, "Row", ErrRowInUse, s.client.RackRow.DeleteOneID(id).Exec,
		database.Held{Noun: "rack", Count: s.client.Rack.Query().Where(rack.RowID(id)).Count})
}

// withRoom loads the room of r, which a write returns without.
func (s *Service) withRoom(ctx context.Context, r *ent.RackRow) (*ent.RackRow, error) {
	rm, err := r.QueryRoom().Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("load the room of row %d: %w", r.ID, err)
	}
	r.Edges.Room = rm
	return r, nil
}
