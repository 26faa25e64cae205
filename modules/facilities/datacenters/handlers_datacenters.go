package datacenters

import (
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
)

// Handlers implements the Datacenters operations of the API: it decodes,
// calls the Service and encodes.
type Handlers struct {
	svc *Service
}

var _ api.DatacentersHandler = (*Handlers)(nil)

// NewHandlers returns the datacenters' handlers over svc.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// ListDatacenters implements GET /api/datacenters.
func (h *Handlers) ListDatacenters(ctx context.Context, params api.ListDatacentersParams) (*api.DatacenterList, error) {
	res, err := h.svc.List(ctx, Filter{Q: params.Q.Or(""),
		Params: envelope.Params(string(params.Ordering.Or("")), params.Limit, params.Offset, params.Cursor)})
	if err != nil {
		return nil, err
	}
	out := api.DatacenterList(envelope.Of(ctx, res, toAPIDatacenter))
	return &out, nil
}

// CreateDatacenter implements POST /api/datacenters.
func (h *Handlers) CreateDatacenter(ctx context.Context, req *api.DatacenterCreate, _ api.CreateDatacenterParams) (*api.DatacenterHeaders, error) {
	return toAPI(h.svc.Create(ctx, createOf(req)))
}

// GetDatacenter implements GET /api/datacenters/{id}.
func (h *Handlers) GetDatacenter(ctx context.Context, params api.GetDatacenterParams) (*api.DatacenterHeaders, error) {
	return toAPI(h.svc.Get(ctx, int(params.ID)))
}

// ReplaceDatacenter implements PUT /api/datacenters/{id}.
func (h *Handlers) ReplaceDatacenter(ctx context.Context, req *api.DatacenterCreate, params api.ReplaceDatacenterParams) (api.ReplaceDatacenterRes, error) {
	return toAPI(h.svc.Replace(ctx, int(params.ID), createOf(req)))
}

// UpdateDatacenter implements PATCH /api/datacenters/{id}.
func (h *Handlers) UpdateDatacenter(ctx context.Context, req *api.DatacenterPatch, params api.UpdateDatacenterParams) (api.UpdateDatacenterRes, error) {
	return toAPI(h.svc.Update(ctx, int(params.ID), patchOf(req)))
}

// DeleteDatacenter implements DELETE /api/datacenters/{id}.
func (h *Handlers) DeleteDatacenter(ctx context.Context, params api.DeleteDatacenterParams) (api.DeleteDatacenterRes, error) {
	return apiconv.NoContent[api.DeleteDatacenterNoContent](h.svc.Delete(ctx, int(params.ID)))
}
