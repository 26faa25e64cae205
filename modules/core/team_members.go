package core

import (
	"context"
	"fmt"
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/team"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
)

// AddTeamMember puts user userID in team teamID. The caller must hold every
// code of the team. Adding a member again changes nothing.
func (s *Service) AddTeamMember(ctx context.Context, teamID, userID int) error {
	v, err := actingViewer(ctx)
	if err != nil {
		return err
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if _, err := tx.Team.Get(ctx, teamID); err != nil {
			return database.Classify(err, "Team")
		}
		// The user id comes from the body: a foreign key alone would accept
		// another tenant's user, so it must be visible through the tenant
		// filter. Locking the user serialises the changes of their teams;
		// users are locked before teams everywhere, so no two writers wait
		// for each other.
		u, err := s.lockUser(ctx, tx, userID)
		if apperr.IsKind(err, apperr.KindNotFound) {
			return apperr.Invalid("user_id", "No user with this id.")
		}
		if err != nil {
			return err
		}
		t, err := s.lockTeam(ctx, tx, teamID, false)
		if err != nil {
			return err
		}
		if err := mayJoin(v, []*ent.Team{t}); err != nil {
			return err
		}
		member, err := tx.TeamMembership.Query().
			Where(teammembership.TeamID(t.ID), teammembership.UserID(u.ID)).Exist(ctx)
		if err != nil || member {
			return err
		}
		if err := changeTeams(ctx, tx, u.ID, []int{t.ID}, nil); err != nil {
			return err
		}
		return record(ctx, tx.Client(), Event{Type: EventPermissionsChanged, ActorID: actor(v),
			Subject: fmt.Sprintf("%s added to %s", userSubject(u), teamSubject(t))})
	})
}

// RemoveTeamMember takes user userID out of team teamID. A non-admin cannot
// take out a user who holds more than they do. Removing a non-member
// changes nothing.
func (s *Service) RemoveTeamMember(ctx context.Context, teamID, userID int) error {
	v, err := actingViewer(ctx)
	if err != nil {
		return err
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		t, err := tx.Team.Get(ctx, teamID)
		if err != nil {
			return database.Classify(err, "Team")
		}
		u, err := s.lockUser(ctx, tx, userID)
		if err != nil {
			return err
		}
		if err := mayManage(ctx, tx.Client(), v, u); err != nil {
			return err
		}
		n, err := tx.TeamMembership.Delete().
			Where(teammembership.TeamID(t.ID), teammembership.UserID(u.ID)).Exec(ctx)
		if err != nil || n == 0 {
			return err
		}
		return record(ctx, tx.Client(), Event{Type: EventPermissionsChanged, ActorID: actor(v),
			Subject: fmt.Sprintf("%s removed from %s", userSubject(u), teamSubject(t))})
	})
}

// visibleTeams reads the teams ids (team_ids of a request) through the
// tenant filter: an id of another tenant's team is refused like a missing
// one, which a foreign key alone would not do.
// On PostgreSQL they are share-locked, so a concurrent delete of one of them
// waits for the new memberships instead of failing on them.
func (s *Service) visibleTeams(ctx context.Context, tx *ent.Tx, ids []int) ([]*ent.Team, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return nil, nil
	}
	q := tx.Team.Query().Where(team.IDIn(ids...)).Order(team.ByID())
	if s.rowLocks {
		q = q.ForShare()
	}
	teams, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read teams: %w", err)
	}
	if len(teams) != len(ids) {
		return nil, apperr.Invalid("team_ids", "Each id must name a team of the company.")
	}
	return teams, nil
}

// lockTeam reads team id inside tx. On PostgreSQL the row is locked until
// the end of tx: exclusively by a writer of the team, shared by a writer
// of its memberships, so that a team is not deleted under a new member.
func (s *Service) lockTeam(ctx context.Context, tx *ent.Tx, id int, exclusive bool) (*ent.Team, error) {
	q := tx.Team.Query().Where(team.ID(id))
	switch {
	case s.rowLocks && exclusive:
		q = q.ForUpdate()
	case s.rowLocks:
		q = q.ForShare()
	}
	t, err := q.Only(ctx)
	return t, database.Classify(err, "Team")
}

// changeTeams puts user userID in the teams add and takes them out of the
// teams remove; the ids are already checked as visible.
func changeTeams(ctx context.Context, tx *ent.Tx, userID int, add, remove []int) error {
	if len(remove) > 0 {
		if _, err := tx.TeamMembership.Delete().
			Where(teammembership.UserID(userID), teammembership.TeamIDIn(remove...)).Exec(ctx); err != nil {
			return fmt.Errorf("leave teams: %w", err)
		}
	}
	if len(add) == 0 {
		return nil
	}
	builders := make([]*ent.TeamMembershipCreate, len(add))
	for i, id := range add {
		builders[i] = tx.TeamMembership.Create().SetUserID(userID).SetTeamID(id)
	}
	if err := tx.TeamMembership.CreateBulk(builders...).Exec(ctx); err != nil {
		return fmt.Errorf("join teams: %w", err)
	}
	return nil
}

func teamIDs(teams []*ent.Team) []int {
	ids := make([]int, len(teams))
	for i, t := range teams {
		ids[i] = t.ID
	}
	return ids
}

// diffIDs returns the ids in next but not in prev, and those in prev but not in next.
func diffIDs(prev, next []int) (added, removed []int) {
	for _, id := range next {
		if !slices.Contains(prev, id) {
			added = append(added, id)
		}
	}
	for _, id := range prev {
		if !slices.Contains(next, id) {
			removed = append(removed, id)
		}
	}
	return added, removed
}

func sortedCodes(codes []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(codes)))
}

func teamSubject(t *ent.Team) string {
	return fmt.Sprintf("team %d (%s)", t.ID, t.Name)
}

// removedCodes are the codes of prev that next no longer has.
func removedCodes(prev, next []string) []string {
	var out []string
	for _, c := range prev {
		if !slices.Contains(next, c) {
			out = append(out, c)
		}
	}
	return out
}
