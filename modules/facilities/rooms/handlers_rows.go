package rooms

import (
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
)

var _ api.RowsHandler = (*Handlers)(nil)

// ListRows implements GET /api/rows.
func (h *Handlers) ListRows(ctx context.Context, params api.ListRowsParams) (*api.RowList, error) {
	res, err := h.svc.ListRows(ctx, rowFilterOf(params))
	if err != nil {
		return nil, err
	}
	out := api.RowList(envelope.Of(ctx, res, toAPIRow))
	return &out, nil
}

// CreateRow implements POST /api/rows.
func (h *Handlers) CreateRow(ctx context.Context, req *api.RowCreate, _ api.CreateRowParams) (*api.RowHeaders, error) {
	return showRow(h.svc.CreateRow(ctx, rowCreateOf(req)))
}

// GetRow implements GET /api/rows/{id}.
func (h *Handlers) GetRow(ctx context.Context, params api.GetRowParams) (*api.RowHeaders, error) {
	return showRow(h.svc.GetRow(ctx, int(params.ID)))
}

// ReplaceRow implements PUT /api/rows/{id}.
func (h *Handlers) ReplaceRow(ctx context.Context, req *api.RowCreate, params api.ReplaceRowParams) (api.ReplaceRowRes, error) {
	return showRow(h.svc.ReplaceRow(ctx, int(params.ID), rowCreateOf(req)))
}

// UpdateRow implements PATCH /api/rows/{id}.
func (h *Handlers) UpdateRow(ctx context.Context, req *api.RowPatch, params api.UpdateRowParams) (api.UpdateRowRes, error) {
	return showRow(h.svc.UpdateRow(ctx, int(params.ID), rowPatchOf(req)))
}

// DeleteRow implements DELETE /api/rows/{id}.
func (h *Handlers) DeleteRow(ctx context.Context, params api.DeleteRowParams) (api.DeleteRowRes, error) {
	return apiconv.NoContent[api.DeleteRowNoContent](h.svc.DeleteRow(ctx, int(params.ID)))
}
