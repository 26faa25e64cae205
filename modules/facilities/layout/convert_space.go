package layout

import (
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
	"github.com/binora/binora/modules/facilities/datacenters"
	"github.com/binora/binora/modules/facilities/rooms"
)

// spaceQueryOf reads the parameters of a search for space.
func spaceQueryOf(p api.FindRackSpaceParams) SpaceQuery {
	return SpaceQuery{
		Units: p.Units, Face: faceOf(p.Face.Value, p.Face.Set), FullDepth: p.FullDepth.Or(false),
		DatacenterID: apiconv.ID(p.DatacenterID.Get()), RoomID: apiconv.ID(p.RoomID.Get()), RowID: apiconv.ID(p.RowID.Get()),
		Page: envelope.Page(p.Limit, p.Offset),
	}
}

// toAPIRackSpace shows a rack with room; its datacenter, room and row are
// loaded with it.
func toAPIRackSpace(s Space) api.RackSpace {
	r := s.Rack
	return api.RackSpace{
		Rack:       rackRef(r),
		Datacenter: datacenters.ToAPIDatacenterRef(r.DatacenterID, r.Edges.Datacenter),
		Room:       rooms.ToAPIRoomRef(r.RoomID, r.Edges.Room),
		Row:        rooms.ToAPIRowRef(r.RowID, r.Edges.Row),
		Fit:        s.Fit,
		Positions:  s.Positions,
	}
}
