package layout

import (
	"context"

	"github.com/binora/binora/internal/api"
)

var _ api.CapacityHandler = (*Handlers)(nil)

// GetDatacenterCapacity implements GET /api/datacenters/{id}/capacity.
func (h *Handlers) GetDatacenterCapacity(ctx context.Context, params api.GetDatacenterCapacityParams) (*api.Capacity, error) {
	return toAPICapacity(h.svc.DatacenterCapacity(ctx, int(params.ID)))
}

// GetRoomCapacity implements GET /api/rooms/{id}/capacity.
func (h *Handlers) GetRoomCapacity(ctx context.Context, params api.GetRoomCapacityParams) (*api.Capacity, error) {
	return toAPICapacity(h.svc.RoomCapacity(ctx, int(params.ID)))
}
