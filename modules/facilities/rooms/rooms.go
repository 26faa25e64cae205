// Package rooms is the halls of the company's datacenters and the rows of
// racks in them. A room stays in its datacenter and a row in its room for
// good; neither is deleted while it holds anything.
package rooms

import (
	"cmp"
	"context"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/ent/rackrow"
	"github.com/binora/binora/ent/room"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
)

// Deps are what the rooms service needs.
type Deps struct {
	Client *ent.Client
	// Reads serves the read-only lists: a read replica's client, whose
	// rows may trail writes by its lag; Client when nil. Nothing that
	// writes, or reads what was just written, uses it.
	Reads *ent.Client
}

// Service implements the use cases of rooms and rows.
type Service struct {
	client *ent.Client
	// reads is the client of the lists (Deps.Reads).
	reads *ent.Client
}

// NewService returns the rooms and rows service.
func NewService(d Deps) *Service { return &Service{client: d.Client, reads: cmp.Or(d.Reads, d.Client)} }

var roomOrdering = listing.Ordering[room.OrderOption]{Default: "name", ByID: room.ByID,
	Fields: listing.Fields[room.OrderOption]{"name": room.ByName, "code": room.ByCode, "created_at": room.ByCreatedAt}}

// ListRooms returns a page of the tenant's rooms matching f, each with its
// datacenter: three statements whatever the page's size (the count, the
// page and the datacenters).
func (s *Service) ListRooms(ctx context.Context, f RoomFilter) (listing.Result[*ent.Room], error) {
	q := s.reads.Room.Query()
	if f.DatacenterID != nil {
		q = q.Where(room.DatacenterID(*f.DatacenterID))
	}
	if f.Q != "" {
		q = q.Where(room.Or(room.NameContainsFold(f.Q), room.CodeContainsFold(f.Q)))
	}
	res, err := listing.FetchSorted(ctx, q.WithDatacenter(), roomOrdering, f.Params)
	if err != nil {
		return res, fmt.Errorf("list rooms: %w", err)
	}
	return res, nil
}

// CreateRoom adds a room to one of the tenant's datacenters; the data layer
// refuses a datacenter the tenant cannot see as no such datacenter.
func (s *Service) CreateRoom(ctx context.Context, in RoomCreate) (*ent.Room, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	r, err := s.client.Room.Create().
		SetDatacenterID(in.DatacenterID).SetName(in.Name).SetCode(in.Code).
		SetNillableFloor(in.Floor).SetNillableDescription(in.Description).
		Save(ctx)
	if err != nil {
		return nil, database.Classify(err, "Room", "code")
	}
	return s.withDatacenter(ctx, r)
}

// GetRoom returns one room of the tenant with its datacenter.
func (s *Service) GetRoom(ctx context.Context, id int) (*ent.Room, error) {
	r, err := s.client.Room.Query().Where(room.ID(id)).WithDatacenter().Only(ctx)
	return r, database.Classify(err, "Room")
}

// ReplaceRoom sets every field of a room (PUT). in.DatacenterID must be
// the room's own: ErrRoomMoves otherwise.
func (s *Service) ReplaceRoom(ctx context.Context, id int, in RoomCreate) (*ent.Room, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	return s.updateRoom(ctx, id, &in.DatacenterID, in.asUpdate())
}

// UpdateRoom changes the fields set in in (PATCH).
func (s *Service) UpdateRoom(ctx context.Context, id int, in RoomUpdate) (*ent.Room, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	return s.updateRoom(ctx, id, nil, in)
}

// updateRoom writes in, a normalized update, to room id; with datacenterID
// set, only while the room is in that datacenter. The datacenter is a
// condition of the update rather than a read before it, so a replace that
// stays in place costs no statement more than a patch.
func (s *Service) updateRoom(ctx context.Context, id int, datacenterID *int, in RoomUpdate) (*ent.Room, error) {
	u := s.client.Room.UpdateOneID(id).
		SetNillableName(in.Name).SetNillableCode(in.Code).
		SetNillableFloor(in.Floor).SetNillableDescription(in.Description)
	if datacenterID != nil {
		u.Where(room.DatacenterID(*datacenterID))
	}
	if in.ClearFloor {
		u.ClearFloor()
	}
	if in.ClearDescription {
		u.ClearDescription()
	}
	r, err := u.Save(ctx)
	if datacenterID != nil && ent.IsNotFound(err) {
		return nil, missingOrMoved(ctx, s.client.Room.Query().Where(room.ID(id)).Exist, "Room", ErrRoomMoves, err)
	}
	if err != nil {
		return nil, database.Classify(err, "Room", "code")
	}
	return s.withDatacenter(ctx, r)
}

// DeleteRoom removes an empty room. The keys from rows and racks decide
// emptiness; a refusal names how many of each the room holds.
func (s *Service) DeleteRoom(ctx context.Context, id int) error {
	return database.DeleteHolder(ctx, "Room", ErrRoomInUse, s.client.Room.DeleteOneID(id).Exec,
		database.Held{Noun: "row", Count: s.client.RackRow.Query().Where(rackrow.RoomID(id)).Count},
		database.Held{Noun: "rack", Count: s.client.Rack.Query().Where(rack.RoomID(id)).Count})
}

// withDatacenter loads the datacenter of r, which a write returns without.
func (s *Service) withDatacenter(ctx context.Context, r *ent.Room) (*ent.Room, error) {
	dc, err := r.QueryDatacenter().Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("load the datacenter of room %d: %w", r.ID, err)
	}
	r.Edges.Datacenter = dc
	return r, nil
}

// missingOrMoved explains an update that was to keep a row where it is and
// matched nothing (err): moved when the row exists, for then it is
// elsewhere; not found otherwise, also for another tenant's row.
func missingOrMoved(ctx context.Context, exists func(context.Context) (bool, error), what string, moved *apperr.Error, err error) error {
	found, xerr := exists(ctx)
	if xerr != nil {
		return fmt.Errorf("find %s: %w", what, xerr)
	}
	if found {
		return moved.Wrap(err)
	}
	return database.Classify(err, what)
}
