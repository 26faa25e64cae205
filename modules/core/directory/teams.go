package directory

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/team"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/permissions"
	"github.com/binora/binora/internal/validation"
	"github.com/binora/binora/modules/core/events"
)

// TeamCreate is the body of a team create (and of a PUT, which sets every
// field).
type TeamCreate struct {
	Name        string
	Description string
	Permissions []string
}

// normalized checks in and returns it with the name trimmed and the codes
// sorted and unique.
func (in TeamCreate) normalized() (TeamCreate, error) {
	var errs validation.Errors
	errs.RequiredText("name", &in.Name, validation.Name)
	errs.Text("description", &in.Description, validation.Description)
	checkCodes(&errs, in.Permissions)
	in.Name = strings.TrimSpace(in.Name)
	in.Permissions = sortedCodes(in.Permissions)
	return in, errs.Err()
}

// TeamUpdate is the body of a PATCH: a nil field is left as it is;
// Permissions nil leaves the codes alone.
type TeamUpdate struct {
	Name        *string
	Description *string
	Permissions []string
}

// normalized checks what is set and returns it in normal form.
func (in TeamUpdate) normalized() (TeamUpdate, error) {
	var errs validation.Errors
	errs.Text("name", in.Name, validation.Name)
	errs.Text("description", in.Description, validation.Description)
	checkCodes(&errs, in.Permissions)
	in.Name = validation.Trim(in.Name)
	if in.Permissions != nil {
		in.Permissions = sortedCodes(in.Permissions)
	}
	return in, errs.Err()
}

// checkCodes refuses codes that are not in the catalog.
func checkCodes(errs *validation.Errors, codes []string) {
	if unknown := permissions.Unknown(codes); len(unknown) > 0 {
		errs.Add("permissions", "Unknown permission codes: "+strings.Join(unknown, ", ")+". See GET /api/permissions.")
	}
}

// TeamFilter selects and orders a page of teams.
type TeamFilter struct {
	Q string
	listing.Params
}

var teamOrdering = listing.Ordering[team.OrderOption]{Default: "name", ByID: team.ByID,
	Fields: listing.Fields[team.OrderOption]{"name": team.ByName, "created_at": team.ByCreatedAt}}

// ListTeams returns a page of the tenant's teams and how many match in all.
func (s *Service) ListTeams(ctx context.Context, f TeamFilter) (listing.Result[*ent.Team], error) {
	q := s.reads.Team.Query()
	if f.Q != "" {
		q = q.Where(team.NameContainsFold(f.Q))
	}
	res, err := listing.FetchSorted(ctx, q, teamOrdering, f.Params)
	if err != nil {
		return res, fmt.Errorf("list teams: %w", err)
	}
	return res, nil
}

// GetTeam returns one team of the tenant.
func (s *Service) GetTeam(ctx context.Context, id int) (*ent.Team, error) {
	t, err := s.client.Team.Get(ctx, id)
	return t, database.Classify(err, "Team")
}

// CreateTeam adds a team. Its codes must come from the catalog, and the
// caller must hold every one of them.
func (s *Service) CreateTeam(ctx context.Context, in TeamCreate) (*ent.Team, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if in, err = in.normalized(); err != nil {
		return nil, err
	}
	if err := checkGrant(a, in.Permissions); err != nil {
		return nil, err
	}
	t, err := s.client.Team.Create().
		SetName(in.Name).SetDescription(in.Description).SetPermissions(in.Permissions).
		Save(ctx)
	return t, database.Classify(err, "Team", "name")
}

// ReplaceTeam sets every field of a team (PUT).
func (s *Service) ReplaceTeam(ctx context.Context, id int, in TeamCreate) (*ent.Team, error) {
	return s.UpdateTeam(ctx, id, TeamUpdate{Name: &in.Name, Description: &in.Description, Permissions: in.Permissions})
}

// UpdateTeam changes the fields set in in. Codes it sends, and codes it
// takes away, must all be held by the caller; a change of the codes is a
// permission change for every member, recorded, and not for an API token.
func (s *Service) UpdateTeam(ctx context.Context, id int, in TeamUpdate) (*ent.Team, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if in, err = in.normalized(); err != nil {
		return nil, err
	}
	var t *ent.Team
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		old, err := s.lockTeam(ctx, tx, id, true)
		if err != nil {
			return err
		}
		changed := in.Permissions != nil && !slices.Equal(in.Permissions, sortedCodes(old.Permissions))
		if changed {
			if err := checkLasting(a); err != nil {
				return err
			}
		}
		if in.Permissions != nil {
			if err := checkTeamCodes(a, old.Permissions, in.Permissions); err != nil {
				return err
			}
		}
		if t, err = teamUpdate(tx, old, in).Save(ctx); err != nil {
			return database.Classify(err, "Team", "name")
		}
		if !changed {
			return nil
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.PermissionsChanged, ActorID: a.UserID,
			Subject: fmt.Sprintf("%s: permissions=%v", teamSubject(t), t.Permissions)})
	})
	if err != nil {
		return nil, fmt.Errorf("update team %d: %w", id, err)
	}
	return t, nil
}

// teamUpdate sets on old the fields that in carries.
func teamUpdate(tx *ent.Tx, old *ent.Team, in TeamUpdate) *ent.TeamUpdateOne {
	upd := tx.Team.UpdateOne(old)
	if in.Name != nil {
		upd.SetName(*in.Name)
	}
	if in.Description != nil {
		upd.SetDescription(*in.Description)
	}
	if in.Permissions != nil {
		upd.SetPermissions(in.Permissions)
	}
	return upd
}

// DeleteTeam removes a team; its members lose what it granted, so the
// caller must hold every code of it. The loss is recorded when it had
// members; an API token may delete only a team without members.
func (s *Service) DeleteTeam(ctx context.Context, id int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		t, err := s.lockTeam(ctx, tx, id, true)
		if err != nil {
			return err
		}
		// Deleting takes every code of the team from its members.
		if err := checkGrant(a, t.Permissions); err != nil {
			return err
		}
		n, err := tx.TeamMembership.Delete().Where(teammembership.TeamID(t.ID)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("delete members of team %d: %w", t.ID, err)
		}
		// The delete counts the members; a refusal rolls it back.
		if n > 0 {
			if err := checkLasting(a); err != nil {
				return err
			}
		}
		if err := tx.Team.DeleteOne(t).Exec(ctx); err != nil {
			return database.Classify(err, "Team")
		}
		if n == 0 {
			return nil
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.PermissionsChanged, ActorID: a.UserID,
			Subject: fmt.Sprintf("%s deleted with %d members", teamSubject(t), n)})
	})
}

// sortedCodes returns codes sorted and unique, never nil: an empty list
// given is an empty list kept.
func sortedCodes(codes []string) []string {
	return append([]string{}, slices.Compact(slices.Sorted(slices.Values(codes)))...)
}

func teamSubject(t *ent.Team) string {
	return fmt.Sprintf("team %d (%s)", t.ID, t.Name)
}
