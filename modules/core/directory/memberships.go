package directory

import (
	"context"
	"fmt"
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/team"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/modules/core/events"
)

// AddTeamMember puts user userID in team teamID. The caller must hold every
// code of the team, and be a person. Adding a member again changes nothing.
func (s *Service) AddTeamMember(ctx context.Context, teamID, userID int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := checkLasting(a); err != nil {
		return err
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if _, err := tx.Team.Get(ctx, teamID); err != nil {
			return database.Classify(err, "Team")
		}
		// The user is locked before the team (see locks.go). A user the
		// tenant cannot see is not there to lock: the membership below
		// names it, and the data layer refuses that.
		u, err := s.lockUser(ctx, tx, userID)
		if err != nil && !apperr.IsKind(err, apperr.KindNotFound) {
			return err
		}
		t, err := s.lockTeam(ctx, tx, teamID, false)
		if err != nil {
			return err
		}
		if err := checkJoin(a, []*ent.Team{t}); err != nil {
			return err
		}
		member, err := tx.TeamMembership.Query().
			Where(teammembership.TeamID(t.ID), teammembership.UserID(userID)).Exist(ctx)
		if err != nil || member {
			return err
		}
		if err := changeTeams(ctx, tx, userID, []int{t.ID}, nil); err != nil {
			return err
		}
		if u == nil {
			return fmt.Errorf("add team member: user %d joined without being read", userID)
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.PermissionsChanged, ActorID: a.UserID,
			Subject: fmt.Sprintf("%s added to %s", events.UserSubject(u), teamSubject(t))})
	})
}

// RemoveTeamMember takes user userID out of team teamID. A non-admin cannot
// take out a user who holds more than they do, and an API token cannot
// take out anyone (see checkLasting). Removing a non-member changes nothing.
func (s *Service) RemoveTeamMember(ctx context.Context, teamID, userID int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := checkLasting(a); err != nil {
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
		if err := s.checkManageUser(ctx, tx, a, u); err != nil {
			return err
		}
		n, err := tx.TeamMembership.Delete().
			Where(teammembership.TeamID(t.ID), teammembership.UserID(u.ID)).Exec(ctx)
		if err != nil || n == 0 {
			return err
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.PermissionsChanged, ActorID: a.UserID,
			Subject: fmt.Sprintf("%s removed from %s", events.UserSubject(u), teamSubject(t))})
	})
}

// readTeams reads the teams ids (team_ids of a request) that the actor's
// rights are checked against. On PostgreSQL they are share-locked, so a
// concurrent delete of one of them waits for the new memberships instead
// of failing on them. An id the tenant cannot see is simply not among
// them: the data layer refuses the membership that names it.
func (s *Service) readTeams(ctx context.Context, tx *ent.Tx, ids []int) ([]*ent.Team, error) {
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
	return teams, nil
}

// uniqueIDs returns ids sorted, without repeats.
func uniqueIDs(ids []int) []int {
	return slices.Compact(slices.Sorted(slices.Values(ids)))
}

// changeTeams puts user userID in the teams add and takes them out of the
// teams remove. A team the tenant cannot see is refused as errNoTeams.
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
	err := tx.TeamMembership.CreateBulk(builders...).Exec(ctx)
	switch {
	case database.IsReference(err, teammembership.FieldTeamID):
		return errNoTeams.Wrap(err)
	case err != nil:
		return fmt.Errorf("join teams: %w", database.Classify(err, "Team membership"))
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
