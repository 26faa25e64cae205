package rooms

import (
	"context"
	"errors"

	"github.com/binora/binora/internal/api"
)

var _ api.RoomsHandler = (*Handlers)(nil)

// CreateRoom implements CreateRoom.
func (h *Handlers) CreateRoom(_ context.Context, req *api.RoomCreate) (*api.Room, error) {
	return nil, errors.New("not built")
}

// DeleteRoom implements DeleteRoom.
func (h *Handlers) DeleteRoom(_ context.Context, params api.DeleteRoomParams) error {
	return errors.New("not built")
}

// GetRoom implements GetRoom.
func (h *Handlers) GetRoom(_ context.Context, params api.GetRoomParams) (*api.Room, error) {
	return nil, errors.New("not built")
}

// ListRooms implements ListRooms.
func (h *Handlers) ListRooms(_ context.Context, params api.ListRoomsParams) (*api.RoomList, error) {
	return nil, errors.New("not built")
}

// ReplaceRoom implements ReplaceRoom.
func (h *Handlers) ReplaceRoom(_ context.Context, req *api.RoomCreate, params api.ReplaceRoomParams) (*api.Room, error) {
	return nil, errors.New("not built")
}

// UpdateRoom implements UpdateRoom.
func (h *Handlers) UpdateRoom(_ context.Context, req *api.RoomPatch, params api.UpdateRoomParams) (*api.Room, error) {
	return nil, errors.New("not built")
}
