package racks

import (
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
)

var _ api.RacksHandler = (*Handlers)(nil)

// ListRacks implements GET /api/racks.
func (h *Handlers) ListRacks(ctx context.Context, params api.ListRacksParams) (*api.RackList, error) {
	res, err := h.svc.List(ctx, filterOf(params))
	if err != nil {
		return nil, err
	}
	out := api.RackList(envelope.Of(ctx, res, toAPIRack))
	return &out, nil
}

// CreateRack implements POST /api/racks.
func (h *Handlers) CreateRack(ctx context.Context, req *api.RackCreate, _ api.CreateRackParams) (*api.RackHeaders, error) {
	return toAPI(h.svc.Create(ctx, createOf(req)))
}

// GetRack implements GET /api/racks/{id}.
func (h *Handlers) GetRack(ctx context.Context, params api.GetRackParams) (*api.RackHeaders, error) {
	return toAPI(h.svc.Get(ctx, int(params.ID)))
}

// ReplaceRack implements PUT /api/racks/{id}.
func (h *Handlers) ReplaceRack(ctx context.Context, req *api.RackCreate, params api.ReplaceRackParams) (api.ReplaceRackRes, error) {
	return toAPI(h.svc.Replace(ctx, int(params.ID), createOf(req)))
}

// UpdateRack implements PATCH /api/racks/{id}.
func (h *Handlers) UpdateRack(ctx context.Context, req *api.RackPatch, params api.UpdateRackParams) (api.UpdateRackRes, error) {
	return toAPI(h.svc.Update(ctx, int(params.ID), patchOf(req)))
}

// DeleteRack implements DELETE /api/racks/{id}.
func (h *Handlers) DeleteRack(ctx context.Context, params api.DeleteRackParams) (api.DeleteRackRes, error) {
	return apiconv.NoContent[api.DeleteRackNoContent](h.svc.Delete(ctx, int(params.ID)))
}
