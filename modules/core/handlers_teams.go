package core

import (
	"context"

	"github.com/binora/binora/internal/api"
)

// ListTeams implements GET /api/teams.
func (h *Handlers) ListTeams(ctx context.Context, params api.ListTeamsParams) (*api.TeamList, error) {
	return nil, errNotBuilt
}

// CreateTeam implements POST /api/teams.
func (h *Handlers) CreateTeam(ctx context.Context, req *api.TeamCreate) (*api.Team, error) {
	return nil, errNotBuilt
}

// GetTeam implements GET /api/teams/{id}.
func (h *Handlers) GetTeam(ctx context.Context, params api.GetTeamParams) (*api.Team, error) {
	return nil, errNotBuilt
}

// ReplaceTeam implements PUT /api/teams/{id}.
func (h *Handlers) ReplaceTeam(ctx context.Context, req *api.TeamCreate, params api.ReplaceTeamParams) (*api.Team, error) {
	return nil, errNotBuilt
}

// UpdateTeam implements PATCH /api/teams/{id}.
func (h *Handlers) UpdateTeam(ctx context.Context, req *api.TeamPatch, params api.UpdateTeamParams) (*api.Team, error) {
	return nil, errNotBuilt
}

// DeleteTeam implements DELETE /api/teams/{id}.
func (h *Handlers) DeleteTeam(ctx context.Context, params api.DeleteTeamParams) error {
	return errNotBuilt
}

// AddTeamMember implements POST /api/teams/{id}/members.
func (h *Handlers) AddTeamMember(ctx context.Context, req *api.TeamMemberAdd, params api.AddTeamMemberParams) error {
	return errNotBuilt
}

// RemoveTeamMember implements DELETE /api/teams/{id}/members/{user_id}.
func (h *Handlers) RemoveTeamMember(ctx context.Context, params api.RemoveTeamMemberParams) error {
	return errNotBuilt
}
