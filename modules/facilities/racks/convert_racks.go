package racks

import (
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
	"github.com/binora/binora/modules/facilities/datacenters"
	"github.com/binora/binora/modules/facilities/rooms"
)

// filterOf reads the list parameters.
func filterOf(p api.ListRacksParams) Filter {
	f := Filter{Q: p.Q.Or(""), Params: envelope.Params(string(p.Ordering.Or("")), p.Limit, p.Offset, p.Cursor),
		DatacenterID: apiconv.ID(p.DatacenterID.Get()), RoomID: apiconv.ID(p.RoomID.Get()), RowID: apiconv.ID(p.RowID.Get())}
	for _, st := range p.Status {
		f.Statuses = append(f.Statuses, string(st))
	}
	return f
}

// createOf reads a create or replace body: an optional field omitted or
// null is none, one with a default left out is nil (the default).
func createOf(req *api.RackCreate) Create {
	in := Create{RoomID: int(req.RoomID), RowID: apiconv.ID(req.RowID.Get()), Name: req.Name, Details: Details{
		FacilityID:      apiconv.Ptr(req.FacilityID.Get()),
		UHeight:         apiconv.Ptr(req.UHeight.Get()),
		StartingUnit:    apiconv.Ptr(req.StartingUnit.Get()),
		DescendingUnits: apiconv.Ptr(req.DescendingUnits.Get()),
		SerialNumber:    apiconv.Ptr(req.SerialNumber.Get()),
		AssetTag:        apiconv.Ptr(req.AssetTag.Get()),
		MaxWeightKg:     apiconv.Ptr(req.MaxWeightKg.Get()),
		Description:     apiconv.Ptr(req.Description.Get()),
	}}
	if v, ok := req.Status.Get(); ok {
		in.Status = apiconv.Ptr(string(v), true)
	}
	return in
}

// patchOf reads a patch body: absent fields stay, null clears.
func patchOf(req *api.RackPatch) Update {
	in := Update{RowID: apiconv.ID(req.RowID.Get()), ClearRow: apiconv.Null(req.RowID), Name: apiconv.Ptr(req.Name.Get()), Details: Details{
		FacilityID:      apiconv.Ptr(req.FacilityID.Get()),
		UHeight:         apiconv.Ptr(req.UHeight.Get()),
		StartingUnit:    apiconv.Ptr(req.StartingUnit.Get()),
		DescendingUnits: apiconv.Ptr(req.DescendingUnits.Get()),
		SerialNumber:    apiconv.Ptr(req.SerialNumber.Get()),
		AssetTag:        apiconv.Ptr(req.AssetTag.Get()),
		MaxWeightKg:     apiconv.Ptr(req.MaxWeightKg.Get()),
		Description:     apiconv.Ptr(req.Description.Get()),
	},
		ClearFacilityID:   apiconv.Null(req.FacilityID),
		ClearSerialNumber: apiconv.Null(req.SerialNumber),
		ClearAssetTag:     apiconv.Null(req.AssetTag),
		ClearMaxWeightKg:  apiconv.Null(req.MaxWeightKg),
		ClearDescription:  apiconv.Null(req.Description),
	}
	if v, ok := req.RoomID.Get(); ok {
		in.RoomID = apiconv.Ptr(int(v), true)
	}
	if v, ok := req.Status.Get(); ok {
		in.Status = apiconv.Ptr(string(v), true)
	}
	return in
}

func toAPIRack(r Rack) api.Rack {
	out := api.Rack{
		UnitsUsed: r.Units.Used, UnitsReserved: r.Units.Reserved, UnitsFree: r.Units.Free,
		Utilization: r.Units.Utilization(),
		ID:          int64(r.ID), Name: r.Name, UHeight: r.UHeight, StartingUnit: r.StartingUnit,
		DescendingUnits: r.DescendingUnits, Status: api.RackStatus(r.Status),
		Datacenter: datacenters.ToAPIDatacenterRef(r.DatacenterID, r.Edges.Datacenter),
		Room:       rooms.ToAPIRoomRef(r.RoomID, r.Edges.Room),
		Row:        rooms.ToAPIRowRef(r.RowID, r.Edges.Row),
		FacilityID: apiconv.NilString(r.FacilityID), SerialNumber: apiconv.NilString(r.SerialNumber),
		AssetTag: apiconv.NilString(r.AssetTag), Description: apiconv.NilString(r.Description),
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
	if r.MaxWeightKg != nil {
		out.MaxWeightKg.SetTo(*r.MaxWeightKg)
	} else {
		out.MaxWeightKg.SetToNull()
	}
	return out
}

// toAPI shows the answer of a call that returned one rack.
func toAPI(r Rack, err error) (*api.RackHeaders, error) {
	if err != nil {
		return nil, err
	}
	out := toAPIRack(r)
	return apiconv.Tagged[api.RackHeaders](&out, r.ID, r.Version), nil
}
