package rooms

import (
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
)

var _ api.RoomsHandler = (*Handlers)(nil)

// ListRooms implements GET /api/rooms.
func (h *Handlers) ListRooms(ctx context.Context, params api.ListRoomsParams) (*api.RoomList, error) {
	res, err := h.svc.ListRooms(ctx, roomFilterOf(params))
	if err != nil {
		return nil, err
	}
	out := api.RoomList(envelope.Of(ctx, res, toAPIRoom))
	return &out, nil
}

// CreateRoom implements POST /api/rooms.
func (h *Handlers) CreateRoom(ctx context.Context, req *api.RoomCreate, _ api.CreateRoomParams) (*api.RoomHeaders, error) {
	return showRoom(h.svc.CreateRoom(ctx, roomCreateOf(req)))
}

// GetRoom implements GET /api/rooms/{id}.
func (h *Handlers) GetRoom(ctx context.Context, params api.GetRoomParams) (*api.RoomHeaders, error) {
	return showRoom(h.svc.GetRoom(ctx, int(params.ID)))
}

// ReplaceRoom implements PUT /api/rooms/{id}.
func (h *Handlers) ReplaceRoom(ctx context.Context, req *api.RoomCreate, params api.ReplaceRoomParams) (api.ReplaceRoomRes, error) {
	return showRoom(h.svc.ReplaceRoom(ctx, int(params.ID), roomCreateOf(req)))
}

// UpdateRoom implements PATCH /api/rooms/{id}.
func (h *Handlers) UpdateRoom(ctx context.Context, req *api.RoomPatch, params api.UpdateRoomParams) (api.UpdateRoomRes, error) {
	return showRoom(h.svc.UpdateRoom(ctx, int(params.ID), roomPatchOf(req)))
}

// DeleteRoom implements DELETE /api/rooms/{id}.
func (h *Handlers) DeleteRoom(ctx context.Context, params api.DeleteRoomParams) (api.DeleteRoomRes, error) {
	return apiconv.NoContent[api.DeleteRoomNoContent](h.svc.DeleteRoom(ctx, int(params.ID)))
}
