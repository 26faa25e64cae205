package layout

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/validation"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// SpaceQuery asks for racks with Units contiguous free units on Face
// (front when ""), on both faces when FullDepth, optionally within a
// datacenter, a room or a row.
type SpaceQuery struct {
	Units        int
	Face         occupancy.Face
	FullDepth    bool
	DatacenterID *int
	RoomID       *int
	RowID        *int
	Page         listing.Page
}

// normalized checks q and returns it with its face defaulted.
func (q SpaceQuery) normalized() (SpaceQuery, error) {
	var errs validation.Errors
	errs.Int("units", &q.Units, validation.WantedUnits)
	errs.ID("datacenter_id", q.DatacenterID)
	errs.ID("room_id", q.RoomID)
	errs.ID("row_id", q.RowID)
	face, ok := faceOr(q.Face, occupancy.Front)
	if !ok {
		errs.Add("face", msgFace)
	}
	q.Face = face
	return q, errs.Err()
}

// Space is a rack with room: where the units fit, and the rack with its
// datacenter, room and row loaded.
type Space struct {
	Rack *ent.Rack
	occupancy.Space
}

// FindSpace lists the planned and active racks matching q that have room,
// best fit first. It costs six statements whatever the number of racks:
// the racks, their datacenters, rooms and rows, their assets and their
// reservations. Every candidate rack is read, because the fit is known only
// from its blocks; the page is cut from the ordered result.
func (s *Service) FindSpace(ctx context.Context, q SpaceQuery) (listing.Result[Space], error) {
	q, err := q.normalized()
	if err != nil {
		return listing.Result[Space]{}, err
	}
	racks, err := s.candidates(q).WithDatacenter().WithRoom().WithRow().All(ctx)
	if err != nil {
		return listing.Result[Space]{}, fmt.Errorf("read racks: %w", err)
	}
	maps, err := occupancy.Load(ctx, s.source(), racks, s.now())
	if err != nil {
		return listing.Result[Space]{}, err
	}
	fitting := make([]Space, 0, len(racks))
	for i, m := range maps {
		if sp, ok := m.Fits(q.Units, q.Face, q.FullDepth); ok {
			fitting = append(fitting, Space{Rack: racks[i], Space: sp})
		}
	}
	slices.SortFunc(fitting, bestFit)
	return listing.Window(fitting, q.Page)
}

// candidates are the racks that may take an asset: planned or active, and
// within the filters of q. The tenant's interceptor confines them, so a
// filter naming another tenant's datacenter simply matches nothing.
func (s *Service) candidates(q SpaceQuery) *ent.RackQuery {
	rq := s.client.Rack.Query().Where(rack.StatusIn(rack.StatusPlanned, rack.StatusActive))
	if q.DatacenterID != nil {
		rq = rq.Where(rack.DatacenterID(*q.DatacenterID))
	}
	if q.RoomID != nil {
		rq = rq.Where(rack.RoomID(*q.RoomID))
	}
	if q.RowID != nil {
		rq = rq.Where(rack.RowID(*q.RowID))
	}
	return rq
}

// bestFit orders racks with room: the smallest fitting block of free units
// first (it leaves the larger blocks whole for larger equipment), then by
// rack name, then by id so that equal names keep one order.
func bestFit(a, b Space) int {
	return cmp.Or(cmp.Compare(a.Fit, b.Fit), cmp.Compare(a.Rack.Name, b.Rack.Name), cmp.Compare(a.Rack.ID, b.Rack.ID))
}
