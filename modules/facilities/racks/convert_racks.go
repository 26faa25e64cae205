package racks

import (
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing/envelope"
	"github.com/binora/binora/modules/facilities/datacenters"
	"github.com/binora/binora/modules/facilities/rooms"
)

// filterOf reads the list parameters.
func filterOf(p api.ListRacksParams) Filter {
	f := Filter{Q: p.Q.Or(""), Params: envelope.Params(string(p.Ordering.Or("")), p.Limit, p.Offset),
		DatacenterID: optID(p.DatacenterID), RoomID: optID(p.RoomID), RowID: optID(p.RowID)}
	for _, st := range p.Status {
		f.Statuses = append(f.Statuses, string(st))
	}
	return f
}

// createOf reads a create or replace body: an optional field omitted or
// null is none, one with a default left out is nil (the default).
func createOf(req *api.RackCreate) Create {
	in := Create{RoomID: int(req.RoomID), RowID: optNilID(req.RowID), Name: req.Name, Details: Details{
		FacilityID:      opt(req.FacilityID.Get()),
		UHeight:         opt(req.UHeight.Get()),
		StartingUnit:    opt(req.StartingUnit.Get()),
		DescendingUnits: opt(req.DescendingUnits.Get()),
		SerialNumber:    opt(req.SerialNumber.Get()),
		AssetTag:        opt(req.AssetTag.Get()),
		MaxWeightKg:     opt(req.MaxWeightKg.Get()),
		Description:     opt(req.Description.Get()),
	}}
	if v, ok := req.Status.Get(); ok {
		in.Status = opt(string(v), true)
	}
	return in
}

// patchOf reads a patch body: absent fields stay, null clears.
func patchOf(req *api.RackPatch) Update {
	in := Update{RowID: optNilID(req.RowID), ClearRow: isNull(req.RowID), Name: opt(req.Name.Get()), Details: Details{
		FacilityID:      opt(req.FacilityID.Get()),
		UHeight:         opt(req.UHeight.Get()),
		StartingUnit:    opt(req.StartingUnit.Get()),
		DescendingUnits: opt(req.DescendingUnits.Get()),
		SerialNumber:    opt(req.SerialNumber.Get()),
		AssetTag:        opt(req.AssetTag.Get()),
		MaxWeightKg:     opt(req.MaxWeightKg.Get()),
		Description:     opt(req.Description.Get()),
	},
		ClearFacilityID:   isNull(req.FacilityID),
		ClearSerialNumber: isNull(req.SerialNumber),
		ClearAssetTag:     isNull(req.AssetTag),
		ClearMaxWeightKg:  isNull(req.MaxWeightKg),
		ClearDescription:  isNull(req.Description),
	}
	if v, ok := req.RoomID.Get(); ok {
		in.RoomID = opt(int(v), true)
	}
	if v, ok := req.Status.Get(); ok {
		in.Status = opt(string(v), true)
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
		FacilityID: nilString(r.FacilityID), SerialNumber: nilString(r.SerialNumber),
		AssetTag: nilString(r.AssetTag), Description: nilString(r.Description),
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
func toAPI(r Rack, err error) (*api.Rack, error) {
	if err != nil {
		return nil, err
	}
	out := toAPIRack(r)
	return &out, nil
}
