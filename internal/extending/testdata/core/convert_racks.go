package core

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

func toAPIRack(r *ent.Rack) api.Rack {
	return api.Rack{
		ID: int64(r.ID), Name: r.Name, DatacenterID: int64(r.DatacenterID), Units: r.Units,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

// rackCreateInput reads a create body, which sets every field.
func rackCreateInput(req *api.RackCreate) RackInput {
	dc, units := int(req.DatacenterID), req.Units
	return RackInput{Name: &req.Name, DatacenterID: &dc, Units: &units}
}

// rackPatchInput reads a PATCH body: an absent field stays nil, unchanged.
func rackPatchInput(req *api.RackPatch) RackInput {
	in := RackInput{Name: optString(req.Name)}
	if v, ok := req.DatacenterID.Get(); ok {
		dc := int(v)
		in.DatacenterID = &dc
	}
	if v, ok := req.Units.Get(); ok {
		in.Units = &v
	}
	return in
}
