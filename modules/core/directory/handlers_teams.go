package directory

import (
	"context"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
)

// ListTeams implements GET /api/teams.
func (h *Handlers) ListTeams(ctx context.Context, params api.ListTeamsParams) (*api.TeamList, error) {
	res, err := h.svc.ListTeams(ctx, TeamFilter{Q: params.Q.Or(""),
		Params: envelope.Params(string(params.Ordering.Or("")), params.Limit, params.Offset, params.Cursor)})
	if err != nil {
		return nil, err
	}
	counts, err := h.svc.MemberCounts(ctx, teamIDs(res.Items)...)
	if err != nil {
		return nil, err
	}
	out := api.TeamList(envelope.Of(ctx, res, func(t *ent.Team) api.Team { return toAPITeam(t, counts[t.ID]) }))
	return &out, nil
}

// CreateTeam implements POST /api/teams.
func (h *Handlers) CreateTeam(ctx context.Context, req *api.TeamCreate, _ api.CreateTeamParams) (*api.TeamHeaders, error) {
	t, err := h.svc.CreateTeam(ctx, teamCreate(req))
	return h.team(ctx, t, err)
}

// GetTeam implements GET /api/teams/{id}.
func (h *Handlers) GetTeam(ctx context.Context, params api.GetTeamParams) (*api.TeamHeaders, error) {
	t, err := h.svc.GetTeam(ctx, int(params.ID))
	return h.team(ctx, t, err)
}

// ReplaceTeam implements PUT /api/teams/{id}.
func (h *Handlers) ReplaceTeam(ctx context.Context, req *api.TeamCreate, params api.ReplaceTeamParams) (api.ReplaceTeamRes, error) {
	t, err := h.svc.ReplaceTeam(ctx, int(params.ID), teamCreate(req))
	return h.team(ctx, t, err)
}

// UpdateTeam implements PATCH /api/teams/{id}.
func (h *Handlers) UpdateTeam(ctx context.Context, req *api.TeamPatch, params api.UpdateTeamParams) (api.UpdateTeamRes, error) {
	t, err := h.svc.UpdateTeam(ctx, int(params.ID), teamPatch(req))
	return h.team(ctx, t, err)
}

// DeleteTeam implements DELETE /api/teams/{id}.
func (h *Handlers) DeleteTeam(ctx context.Context, params api.DeleteTeamParams) (api.DeleteTeamRes, error) {
	return apiconv.NoContent[api.DeleteTeamNoContent](h.svc.DeleteTeam(ctx, int(params.ID)))
}

// AddTeamMember implements POST /api/teams/{id}/members.
func (h *Handlers) AddTeamMember(ctx context.Context, req *api.TeamMemberAdd, params api.AddTeamMemberParams) error {
	return h.svc.AddTeamMember(ctx, int(params.ID), int(req.UserID))
}

// RemoveTeamMember implements DELETE /api/teams/{id}/members/{user_id}.
func (h *Handlers) RemoveTeamMember(ctx context.Context, params api.RemoveTeamMemberParams) error {
	return h.svc.RemoveTeamMember(ctx, int(params.ID), int(params.UserID))
}

// team encodes the answer of a service call that returned one team, with
// its member count.
func (h *Handlers) team(ctx context.Context, t *ent.Team, err error) (*api.TeamHeaders, error) {
	if err != nil {
		return nil, err
	}
	counts, err := h.svc.MemberCounts(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	out := toAPITeam(t, counts[t.ID])
	return apiconv.Tagged[api.TeamHeaders](&out, t.ID, t.Version), nil
}
