package layout

import (
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing/envelope"
)

// spaceQueryOf reads the parameters of a search for space.
func spaceQueryOf(p api.FindRackSpaceParams) SpaceQuery {
	return SpaceQuery{
		Units: p.Units, Face: faceOf(p.Face.Value, p.Face.Set), FullDepth: p.FullDepth.Or(false),
		DatacenterID: optID(p.DatacenterID), RoomID: optID(p.RoomID), RowID: optID(p.RowID),
		Page: envelope.Page(p.Limit, p.Offset),
	}
}

// toAPIRackSpace shows a rack with room; its datacenter, room and row are
// loaded with it.
func toAPIRackSpace(s Space) api.RackSpace {
	r := s.Rack
	dc, room := r.Edges.Datacenter, r.Edges.Room
	out := api.RackSpace{
		Rack:       rackRef(r),
		Datacenter: api.DatacenterRef{ID: int64(dc.ID), Code: dc.Code, Name: dc.Name},
		Room:       api.RoomRef{ID: int64(room.ID), Code: room.Code, Name: room.Name},
		Fit:        s.Fit,
		Positions:  s.Positions,
	}
	if row := r.Edges.Row; row != nil {
		out.Row.SetTo(api.RowRef{ID: int64(row.ID), Name: row.Name})
	} else {
		out.Row.SetToNull()
	}
	return out
}

func optID(v api.OptInt64) *int {
	if !v.Set {
		return nil
	}
	id := int(v.Value)
	return &id
}
