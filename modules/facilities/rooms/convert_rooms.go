package rooms

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
	"github.com/binora/binora/modules/facilities/datacenters"
)

// roomFilterOf reads the list parameters of rooms.
func roomFilterOf(p api.ListRoomsParams) RoomFilter {
	return RoomFilter{DatacenterID: apiconv.ID(p.DatacenterID.Get()), Q: p.Q.Or(""),
		Params: envelope.Params(string(p.Ordering.Or("")), p.Limit, p.Offset, p.Cursor)}
}

// roomCreateOf reads a create or replace body; a floor or description that
// is omitted or null means none.
func roomCreateOf(req *api.RoomCreate) RoomCreate {
	return RoomCreate{DatacenterID: int(req.DatacenterID), Name: req.Name, Code: req.Code,
		Floor: apiconv.Ptr(req.Floor.Get()), Description: apiconv.Ptr(req.Description.Get())}
}

// roomPatchOf reads a patch body: absent fields stay, null clears.
func roomPatchOf(req *api.RoomPatch) RoomUpdate {
	in := RoomUpdate{Floor: apiconv.Ptr(req.Floor.Get()), Description: apiconv.Ptr(req.Description.Get()),
		ClearFloor: req.Floor.IsSet() && req.Floor.IsNull(), ClearDescription: req.Description.IsSet() && req.Description.IsNull()}
	if v, ok := req.Name.Get(); ok {
		in.Name = &v
	}
	if v, ok := req.Code.Get(); ok {
		in.Code = &v
	}
	return in
}

// toAPIRoom renders r, which should have its datacenter loaded.
func toAPIRoom(r *ent.Room) api.Room {
	return api.Room{ID: int64(r.ID), Datacenter: datacenters.ToAPIDatacenterRef(r.DatacenterID, r.Edges.Datacenter),
		Name: r.Name, Code: r.Code, Floor: apiconv.NilString(r.Floor), Description: apiconv.NilString(r.Description),
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// showRoom shows the answer of a call that returned one room.
func showRoom(r *ent.Room, err error) (*api.RoomHeaders, error) {
	if err != nil {
		return nil, err
	}
	out := toAPIRoom(r)
	return apiconv.Tagged[api.RoomHeaders](&out, r.ID, r.Version), nil
}
