package directory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/team"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/permissions"
)

// PermissionsOf returns the codes u holds, sorted: every code of the
// catalog for a company admin, otherwise the union of their teams' codes
// (codes no longer in the catalog are dropped). client may be a
// transaction's, which then sees its own uncommitted memberships.
func PermissionsOf(ctx context.Context, client *ent.Client, u *ent.User) ([]string, error) {
	if u.IsAdmin {
		return permissions.All(), nil
	}
	teams, err := client.TeamMembership.Query().
		Where(teammembership.UserID(u.ID)).
		QueryTeam().
		Select(team.FieldPermissions).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("permissions of user %d: %w", u.ID, err)
	}
	var held []string
	for _, t := range teams {
		held = append(held, t.Permissions...)
	}
	held = slices.Compact(slices.Sorted(slices.Values(held)))
	return slices.DeleteFunc(held, func(c string) bool { return !permissions.Known(c) }), nil
}

// TeamsOf returns the teams of each of the users ids (id and name only),
// sorted by name, in one query. A user in no team has no entry.
func (s *Service) TeamsOf(ctx context.Context, ids ...int) (map[int][]*ent.Team, error) {
	out := make(map[int][]*ent.Team, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ms, err := s.client.TeamMembership.Query().
		Where(teammembership.UserIDIn(ids...)).
		WithTeam(func(q *ent.TeamQuery) { q.Select(team.FieldID, team.FieldName) }).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("teams of users: %w", err)
	}
	for _, m := range ms {
		out[m.UserID] = append(out[m.UserID], m.Edges.Team)
	}
	for _, teams := range out {
		slices.SortFunc(teams, func(a, b *ent.Team) int {
			return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
		})
	}
	return out, nil
}

// maxRememberedUsers bounds the user references remembered.
const maxRememberedUsers = 100_000

// UserRefs returns the users with the given ids of the tenant (id and
// email only), by id. Audit fields (created_by, changed_by) and event
// actors are shown through it, so it remembers them (memo): at most one
// query, none when every user was shown before.
func (s *Service) UserRefs(ctx context.Context, ids []int) (map[int]*ent.User, error) {
	if len(ids) == 0 {
		return map[int]*ent.User{}, nil
	}
	return s.userRefs.Of(ctx, ids)
}

// loadUserRefs reads the users ids of ctx's tenant, id and email only.
func (s *Service) loadUserRefs(ctx context.Context, ids []int) (map[int]*ent.User, error) {
	out := make(map[int]*ent.User, len(ids))
	users, err := s.client.User.Query().Where(user.IDIn(ids...)).Select(user.FieldID, user.FieldEmail).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		out[u.ID] = u
	}
	return out, nil
}

// MemberCounts returns how many members each of the teams ids has, in one
// query; a team without members has no entry.
func (s *Service) MemberCounts(ctx context.Context, ids ...int) (map[int]int, error) {
	out := make(map[int]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		TeamID int `json:"team_id"`
		Count  int `json:"count"`
	}
	err := s.client.TeamMembership.Query().
		Where(teammembership.TeamIDIn(ids...)).
		GroupBy(teammembership.FieldTeamID).
		Aggregate(ent.Count()).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("count team members: %w", err)
	}
	for _, r := range rows {
		out[r.TeamID] = r.Count
	}
	return out, nil
}
