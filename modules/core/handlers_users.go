package core

import (
	"context"
	"errors"

	"github.com/binora/binora/internal/api"
)

var errNotBuilt = errors.New("not built yet")

// ListUsers implements GET /api/users.
func (h *Handlers) ListUsers(ctx context.Context, params api.ListUsersParams) (*api.UserList, error) {
	return nil, errNotBuilt
}

// CreateUser implements POST /api/users.
func (h *Handlers) CreateUser(ctx context.Context, req *api.UserCreate) (*api.User, error) {
	return nil, errNotBuilt
}

// GetUser implements GET /api/users/{id}.
func (h *Handlers) GetUser(ctx context.Context, params api.GetUserParams) (*api.User, error) {
	return nil, errNotBuilt
}

// ReplaceUser implements PUT /api/users/{id}.
func (h *Handlers) ReplaceUser(ctx context.Context, req *api.UserReplace, params api.ReplaceUserParams) (*api.User, error) {
	return nil, errNotBuilt
}

// UpdateUser implements PATCH /api/users/{id}.
func (h *Handlers) UpdateUser(ctx context.Context, req *api.UserPatch, params api.UpdateUserParams) (*api.User, error) {
	return nil, errNotBuilt
}

// DeleteUser implements DELETE /api/users/{id}: the user is deactivated.
func (h *Handlers) DeleteUser(ctx context.Context, params api.DeleteUserParams) error {
	return errNotBuilt
}
