package racks

import (
	"context"
	"errors"

	"github.com/binora/binora/internal/api"
)

var _ api.RacksHandler = (*Handlers)(nil)

// CreateRack implements CreateRack.
func (h *Handlers) CreateRack(_ context.Context, req *api.RackCreate) (*api.Rack, error) {
	return nil, errors.New("not built")
}

// DeleteRack implements DeleteRack.
func (h *Handlers) DeleteRack(_ context.Context, params api.DeleteRackParams) error {
	return errors.New("not built")
}

// GetRack implements GetRack.
func (h *Handlers) GetRack(_ context.Context, params api.GetRackParams) (*api.Rack, error) {
	return nil, errors.New("not built")
}

// ListRacks implements ListRacks.
func (h *Handlers) ListRacks(_ context.Context, params api.ListRacksParams) (*api.RackList, error) {
	return nil, errors.New("not built")
}

// ReplaceRack implements ReplaceRack.
func (h *Handlers) ReplaceRack(_ context.Context, req *api.RackCreate, params api.ReplaceRackParams) (*api.Rack, error) {
	return nil, errors.New("not built")
}

// UpdateRack implements UpdateRack.
func (h *Handlers) UpdateRack(_ context.Context, req *api.RackPatch, params api.UpdateRackParams) (*api.Rack, error) {
	return nil, errors.New("not built")
}
