package rooms

import (
	"context"
	"errors"

	"github.com/binora/binora/internal/api"
)

var _ api.RowsHandler = (*Handlers)(nil)

// CreateRow implements CreateRow.
func (h *Handlers) CreateRow(_ context.Context, req *api.RowCreate) (*api.Row, error) {
	return nil, errors.New("not built")
}

// DeleteRow implements DeleteRow.
func (h *Handlers) DeleteRow(_ context.Context, params api.DeleteRowParams) error {
	return errors.New("not built")
}

// GetRow implements GetRow.
func (h *Handlers) GetRow(_ context.Context, params api.GetRowParams) (*api.Row, error) {
	return nil, errors.New("not built")
}

// ListRows implements ListRows.
func (h *Handlers) ListRows(_ context.Context, params api.ListRowsParams) (*api.RowList, error) {
	return nil, errors.New("not built")
}

// ReplaceRow implements ReplaceRow.
func (h *Handlers) ReplaceRow(_ context.Context, req *api.RowCreate, params api.ReplaceRowParams) (*api.Row, error) {
	return nil, errors.New("not built")
}

// UpdateRow implements UpdateRow.
func (h *Handlers) UpdateRow(_ context.Context, req *api.RowPatch, params api.UpdateRowParams) (*api.Row, error) {
	return nil, errors.New("not built")
}
