package datacenters

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
)

func toAPIDatacenter(dc *ent.Datacenter) api.Datacenter {
	out := api.Datacenter{ID: int64(dc.ID), Name: dc.Name, Code: dc.Code, CreatedAt: dc.CreatedAt, UpdatedAt: dc.UpdatedAt}
	if dc.Address != nil {
		out.Address.SetTo(*dc.Address)
	} else {
		out.Address.SetToNull()
	}
	return out
}

// toAPI shows the answer of a call that returned one datacenter.
func toAPI(dc *ent.Datacenter, err error) (*api.DatacenterHeaders, error) {
	if err != nil {
		return nil, err
	}
	out := toAPIDatacenter(dc)
	return apiconv.Tagged[api.DatacenterHeaders](&out, dc.ID, dc.Version), nil
}

// createOf reads a create or replace body; an address that is omitted or
// null means none.
func createOf(req *api.DatacenterCreate) Create {
	in := Create{Name: req.Name, Code: req.Code}
	if v, ok := req.Address.Get(); ok {
		in.Address = &v
	}
	return in
}

// patchOf reads a patch body: absent fields stay, a null address clears.
func patchOf(req *api.DatacenterPatch) Update {
	in := Update{ClearAddress: req.Address.IsSet() && req.Address.IsNull()}
	if v, ok := req.Name.Get(); ok {
		in.Name = &v
	}
	if v, ok := req.Code.Get(); ok {
		in.Code = &v
	}
	if v, ok := req.Address.Get(); ok {
		in.Address = &v
	}
	return in
}
