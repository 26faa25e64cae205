package directory

import (
	"context"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
)

// ListUsers implements GET /api/users.
func (h *Handlers) ListUsers(ctx context.Context, params api.ListUsersParams) (*api.UserList, error) {
	res, err := h.svc.ListUsers(ctx, userFilter(params))
	if err != nil {
		return nil, err
	}
	teams, err := h.svc.TeamsOf(ctx, userIDs(res.Items)...)
	if err != nil {
		return nil, err
	}
	out := api.UserList(envelope.Of(ctx, res, func(u *ent.User) api.User { return ToAPIUser(u, teams[u.ID]) }))
	return &out, nil
}

// CreateUser implements POST /api/users.
func (h *Handlers) CreateUser(ctx context.Context, req *api.UserCreate, _ api.CreateUserParams) (*api.UserHeaders, error) {
	u, err := h.svc.CreateUser(ctx, userCreate(req))
	return h.user(ctx, u, err)
}

// GetUser implements GET /api/users/{id}.
func (h *Handlers) GetUser(ctx context.Context, params api.GetUserParams) (*api.UserHeaders, error) {
	u, err := h.svc.GetUser(ctx, int(params.ID))
	return h.user(ctx, u, err)
}

// ReplaceUser implements PUT /api/users/{id}.
func (h *Handlers) ReplaceUser(ctx context.Context, req *api.UserReplace, params api.ReplaceUserParams) (api.ReplaceUserRes, error) {
	u, err := h.svc.UpdateUser(ctx, int(params.ID), userReplace(req))
	return h.user(ctx, u, err)
}

// UpdateUser implements PATCH /api/users/{id}.
func (h *Handlers) UpdateUser(ctx context.Context, req *api.UserPatch, params api.UpdateUserParams) (api.UpdateUserRes, error) {
	u, err := h.svc.UpdateUser(ctx, int(params.ID), userPatch(req))
	return h.user(ctx, u, err)
}

// DeleteUser implements DELETE /api/users/{id}: the user is deactivated.
func (h *Handlers) DeleteUser(ctx context.Context, params api.DeleteUserParams) (api.DeleteUserRes, error) {
	return apiconv.NoContent[api.DeleteUserNoContent](h.svc.DeactivateUser(ctx, int(params.ID)))
}

// user encodes the answer of a service call that returned one user, with
// the user's teams.
func (h *Handlers) user(ctx context.Context, u *ent.User, err error) (*api.UserHeaders, error) {
	if err != nil {
		return nil, err
	}
	teams, err := h.svc.TeamsOf(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	out := ToAPIUser(u, teams[u.ID])
	return apiconv.Tagged[api.UserHeaders](&out, u.ID, u.Version), nil
}
