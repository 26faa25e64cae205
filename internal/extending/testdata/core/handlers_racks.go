package core

import (
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing"
)

// ListRacks implements GET /api/racks.
func (h *Handlers) ListRacks(ctx context.Context, params api.ListRacksParams) (*api.RackList, error) {
	page := listing.Page{Limit: params.Limit.Or(50), Offset: params.Offset.Or(0)}
	f := RackFilter{Page: page}
	if v, ok := params.DatacenterID.Get(); ok {
		id := int(v)
		f.DatacenterID = &id
	}
	list, total, err := h.svc.ListRacks(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &api.RackList{Count: total, Results: make([]api.Rack, len(list))}
	for i, r := range list {
		out.Results[i] = toAPIRack(r)
	}
	out.Next, out.Previous = listing.APILinks(ctx, page, total)
	return out, nil
}

// CreateRack implements POST /api/racks.
func (h *Handlers) CreateRack(ctx context.Context, req *api.RackCreate) (*api.Rack, error) {
	r, err := h.svc.CreateRack(ctx, rackCreateInput(req))
	if err != nil {
		return nil, err
	}
	out := toAPIRack(r)
	return &out, nil
}

// GetRack implements GET /api/racks/{id}.
func (h *Handlers) GetRack(ctx context.Context, params api.GetRackParams) (*api.Rack, error) {
	r, err := h.svc.GetRack(ctx, int(params.ID))
	if err != nil {
		return nil, err
	}
	out := toAPIRack(r)
	return &out, nil
}

// UpdateRack implements PATCH /api/racks/{id}.
func (h *Handlers) UpdateRack(ctx context.Context, req *api.RackPatch, params api.UpdateRackParams) (*api.Rack, error) {
	r, err := h.svc.UpdateRack(ctx, int(params.ID), rackPatchInput(req))
	if err != nil {
		return nil, err
	}
	out := toAPIRack(r)
	return &out, nil
}

// DeleteRack implements DELETE /api/racks/{id}.
func (h *Handlers) DeleteRack(ctx context.Context, params api.DeleteRackParams) error {
	return h.svc.DeleteRack(ctx, int(params.ID))
}
