package layout

import (
	"context"
	"errors"

	"github.com/binora/binora/internal/api"
)

var _ api.CapacityHandler = (*Handlers)(nil)

// GetDatacenterCapacity implements GetDatacenterCapacity.
func (h *Handlers) GetDatacenterCapacity(_ context.Context, params api.GetDatacenterCapacityParams) (*api.Capacity, error) {
	return nil, errors.New("not built")
}

// GetRoomCapacity implements GetRoomCapacity.
func (h *Handlers) GetRoomCapacity(_ context.Context, params api.GetRoomCapacityParams) (*api.Capacity, error) {
	return nil, errors.New("not built")
}
