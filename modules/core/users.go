package core

import (
	"context"
	"fmt"
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/team"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/permissions"
	"github.com/binora/binora/internal/tenancy"
)

// permissionsOf returns the codes u holds, sorted: every code of the
// catalog for a company admin, otherwise the union of their teams' codes
// (codes no longer in the catalog are dropped).
func (s *Service) permissionsOf(ctx context.Context, u *ent.User) ([]string, error) {
	if u.IsAdmin {
		return permissions.All(), nil
	}
	teams, err := s.client.TeamMembership.Query().
		Where(teammembership.UserID(u.ID)).
		QueryTeam().
		Select(team.FieldPermissions).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("permissions of user %d: %w", u.ID, err)
	}
	known := map[string]bool{}
	for _, code := range permissions.All() {
		known[code] = true
	}
	held := map[string]bool{}
	for _, t := range teams {
		for _, code := range t.Permissions {
			if known[code] {
				held[code] = true
			}
		}
	}
	out := make([]string, 0, len(held))
	for code := range held {
		out = append(out, code)
	}
	slices.Sort(out)
	return out, nil
}

func toSet(codes []string) map[string]bool {
	set := make(map[string]bool, len(codes))
	for _, c := range codes {
		set[c] = true
	}
	return set
}

// Profile is who the viewer is: GET /api/auth/me.
type Profile struct {
	User        *ent.User
	Company     *ent.Company
	Permissions []string
}

// Me returns the viewer's profile.
func (s *Service) Me(ctx context.Context) (*Profile, error) {
	v, ok := tenancy.FromContext(ctx)
	if !ok || v.UserID == 0 {
		return nil, ErrInvalidToken
	}
	u, err := s.client.User.Get(ctx, v.UserID)
	if err != nil {
		return nil, apperr.FromEnt(err, "User")
	}
	c, err := s.client.Company.Get(ctx, v.CompanyID)
	if err != nil {
		return nil, apperr.FromEnt(err, "Company")
	}
	perms, err := s.permissionsOf(ctx, u)
	if err != nil {
		return nil, err
	}
	return &Profile{User: u, Company: c, Permissions: perms}, nil
}

// UserRefs returns the users with the given ids that the viewer can see, by
// id, in one query. Audit fields (created_by, changed_by) are shown through it.
func (s *Service) UserRefs(ctx context.Context, ids []int) (map[int]*ent.User, error) {
	out := make(map[int]*ent.User, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	users, err := s.client.User.Query().Where(user.IDIn(ids...)).Select(user.FieldID, user.FieldEmail).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		out[u.ID] = u
	}
	return out, nil
}

// HashPassword hashes plain with the configured parameters.
func (s *Service) HashPassword(plain string) (string, error) { return s.hasher.Hash(plain) }
