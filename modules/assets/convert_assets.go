package assets

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/facilities/datacenters"
)

// filterOf turns the list parameters into a service filter.
func filterOf(p api.ListAssetsParams) Filter {
	f := Filter{Q: p.Q.Or(""), Params: envelope.Params(string(p.Ordering.Or("")), p.Limit, p.Offset, p.Cursor)}
	for _, s := range p.Status {
		f.Statuses = append(f.Statuses, int(s))
	}
	for _, t := range p.AssetType {
		f.Types = append(f.Types, string(t))
	}
	f.DatacenterID = apiconv.ID(p.DatacenterID.Get())
	f.ParentID = apiconv.ID(p.ParentID.Get())
	f.RoomID = apiconv.ID(p.RoomID.Get())
	f.RowID = apiconv.ID(p.RowID.Get())
	f.RackID = apiconv.ID(p.RackID.Get())
	f.Unit = apiconv.Ptr(p.Unit.Get())
	return f
}

func createInput(req *api.AssetCreate) CreateInput {
	in := CreateInput{
		Name:         req.Name,
		AssetType:    string(req.AssetType),
		DatacenterID: int(req.DatacenterID.Or(0)),
		SerialNumber: apiconv.Ptr(req.SerialNumber.Get()),
		ParentID:     apiconv.ID(req.ParentID.Get()),
		PlacementInput: placementInput(req.RackID, req.Position, req.Face,
			req.UHeight, req.FullDepth, req.ReservationID),
	}
	if v, ok := req.Status.Get(); ok {
		s := int(v)
		in.Status = &s
	}
	return in
}

// replaceInput sets every writable field: a PUT that omits (or nulls) an
// optional field clears it, except the status, which only changes through
// the lifecycle rules and stays as it is when omitted, and the asset's size
// (u_height, full_depth), which stays as it is too.
func replaceInput(req *api.AssetReplace) UpdateInput {
	name := req.Name
	assetType := string(req.AssetType)
	dc := int(req.DatacenterID)
	in := UpdateInput{
		Name:         &name,
		AssetType:    &assetType,
		DatacenterID: &dc,
		SerialNumber: apiconv.Ptr(req.SerialNumber.Get()),
		ParentID:     apiconv.ID(req.ParentID.Get()),
		PlacementInput: placementInput(req.RackID, req.Position, req.Face,
			req.UHeight, req.FullDepth, req.ReservationID),
	}
	if v, ok := req.Status.Get(); ok {
		status := int(v)
		in.Status = &status
	}
	in.ClearSerialNumber = in.SerialNumber == nil
	in.ClearParent = in.ParentID == nil
	in.ClearRack = in.RackID == nil
	in.ClearPosition = in.Position == nil
	in.ClearFace = in.Face == nil
	return in
}

// patchInput sets only what the PATCH sent; an explicit null clears.
func patchInput(req *api.AssetPatch) UpdateInput {
	var in UpdateInput
	if v, ok := req.Name.Get(); ok {
		in.Name = &v
	}
	if v, ok := req.AssetType.Get(); ok {
		t := string(v)
		in.AssetType = &t
	}
	if v, ok := req.Status.Get(); ok {
		s := int(v)
		in.Status = &s
	}
	if v, ok := req.DatacenterID.Get(); ok {
		id := int(v)
		in.DatacenterID = &id
	}
	in.SerialNumber = apiconv.Ptr(req.SerialNumber.Get())
	in.ClearSerialNumber = req.SerialNumber.Set && req.SerialNumber.Null
	in.ParentID = apiconv.ID(req.ParentID.Get())
	in.ClearParent = req.ParentID.Set && req.ParentID.Null
	in.PlacementInput = placementInput(req.RackID, req.Position, req.Face,
		req.UHeight, req.FullDepth, req.ReservationID)
	in.ClearRack = req.RackID.Set && req.RackID.Null
	in.ClearPosition = req.Position.Set && req.Position.Null
	in.ClearFace = req.Face.Set && req.Face.Null
	return in
}

// toAPIAsset renders a, which should have its datacenter and rack loaded; users
// holds the authors that could be resolved.
func toAPIAsset(a *ent.Asset, users map[int]*ent.User) api.Asset {
	out := api.Asset{
		ID:               int64(a.ID),
		Code:             a.Code,
		Name:             a.Name,
		AssetType:        api.AssetType(a.AssetType),
		AssetTypeDisplay: Type(a.AssetType).Label(),
		Status:           api.AssetStatus(a.Status),
		StatusDisplay:    Status(a.Status).Label(),
		Datacenter:       datacenters.ToAPIDatacenterRef(a.DatacenterID, a.Edges.Datacenter),
		CreatedAt:        a.CreatedAt,
		UpdatedAt:        a.UpdatedAt,
		CreatedBy:        directory.ToAPIUserRef(a.CreatedBy, users),
		UpdatedBy:        directory.ToAPIUserRef(a.UpdatedBy, users),
	}
	if a.SerialNumber != nil {
		out.SerialNumber.SetTo(*a.SerialNumber)
	} else {
		out.SerialNumber.SetToNull()
	}
	if a.ParentID != nil {
		out.ParentID.SetTo(int64(*a.ParentID))
	} else {
		out.ParentID.SetToNull()
	}
	setAPIPlacement(&out, a)
	return out
}

func toAPIStatusChange(c *ent.AssetStatusChange, users map[int]*ent.User) api.StatusChange {
	return api.StatusChange{
		ID:         int64(c.ID),
		FromStatus: api.AssetStatus(c.FromStatus),
		ToStatus:   api.AssetStatus(c.ToStatus),
		Reason:     c.Reason,
		ChangedBy:  directory.ToAPIUserRef(c.CreatedBy, users),
		ChangedAt:  c.CreatedAt,
	}
}
