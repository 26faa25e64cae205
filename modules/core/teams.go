package core

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/team"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/permissions"
)

// TeamInput is the body of a team create or update. On update a nil field
// is left as it is; Permissions nil leaves the codes alone.
type TeamInput struct {
	Name        *string
	Description *string
	Permissions []string
}

// Validate checks what is set; create additionally requires Name.
func (in TeamInput) Validate(create bool) error {
	var errs []apperr.FieldError
	switch {
	case in.Name == nil && create:
		errs = append(errs, apperr.FieldError{Field: "name", Message: "This field is required."})
	case in.Name != nil && (strings.TrimSpace(*in.Name) == "" || utf8.RuneCountInString(*in.Name) > 100):
		errs = append(errs, apperr.FieldError{Field: "name", Message: "Give 1 to 100 characters."})
	}
	if in.Description != nil && utf8.RuneCountInString(*in.Description) > 500 {
		errs = append(errs, apperr.FieldError{Field: "description", Message: "Give at most 500 characters."})
	}
	known := toSet(permissions.All())
	var unknown []string
	for _, code := range in.Permissions {
		if !known[code] {
			unknown = append(unknown, code)
		}
	}
	if len(unknown) > 0 {
		errs = append(errs, apperr.FieldError{Field: "permissions",
			Message: "Unknown permission codes: " + strings.Join(unknown, ", ") + ". See GET /api/permissions."})
	}
	if len(errs) > 0 {
		return apperr.InvalidFields(errs...)
	}
	return nil
}

// TeamFilter selects and orders a page of teams.
type TeamFilter struct {
	Q        string
	Ordering string
	Page     listing.Page
}

var teamOrdering = listing.Ordering[team.OrderOption]{
	Fields: map[string]func(...sql.OrderTermOption) team.OrderOption{
		"name":       team.ByName,
		"created_at": team.ByCreatedAt,
	},
	Default: "name",
	ByID:    team.ByID,
}

// ListTeams returns a page of the tenant's teams and how many match in all.
func (s *Service) ListTeams(ctx context.Context, f TeamFilter) (listing.Result[*ent.Team], error) {
	order, err := teamOrdering.Terms(f.Ordering)
	if err != nil {
		return listing.Result[*ent.Team]{}, err
	}
	q := s.client.Team.Query()
	if f.Q != "" {
		q = q.Where(team.NameContainsFold(f.Q))
	}
	res, err := listing.Fetch(ctx, q.Order(order...), f.Page)
	if err != nil {
		return res, fmt.Errorf("list teams: %w", err)
	}
	return res, nil
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

// GetTeam returns one team of the tenant.
func (s *Service) GetTeam(ctx context.Context, id int) (*ent.Team, error) {
	t, err := s.client.Team.Get(ctx, id)
	return t, database.Classify(err, "Team")
}

// CreateTeam adds a team. Its codes must come from the catalog, and the
// caller must hold every one of them.
func (s *Service) CreateTeam(ctx context.Context, in TeamInput) (*ent.Team, error) {
	v, err := actingViewer(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	codes := sortedCodes(in.Permissions)
	if err := mayGrant(v, codes); err != nil {
		return nil, err
	}
	t, err := s.client.Team.Create().
		SetName(strings.TrimSpace(*in.Name)).
		SetDescription(deref(in.Description)).
		SetPermissions(codes).
		Save(ctx)
	return t, database.Classify(err, "Team", "name")
}

// UpdateTeam changes the fields set in in (PUT and PATCH). Codes it sends,
// and codes it takes away, must all be held by the caller; a change of the
// codes is a permission change for every member and is recorded.
func (s *Service) UpdateTeam(ctx context.Context, id int, in TeamInput) (*ent.Team, error) {
	v, err := actingViewer(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	var t *ent.Team
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		old, err := s.lockTeam(ctx, tx, id, true)
		if err != nil {
			return err
		}
		upd := tx.Team.UpdateOne(old)
		if in.Name != nil {
			upd.SetName(strings.TrimSpace(*in.Name))
		}
		if in.Description != nil {
			upd.SetDescription(*in.Description)
		}
		changed := false
		if in.Permissions != nil {
			codes := sortedCodes(in.Permissions)
			if err := mayGrant(v, codes); err != nil {
				return err
			}
			// Taking a code away from the members is as much a permission
			// change as granting one: only someone who holds it may.
			if err := mayGrant(v, removedCodes(old.Permissions, codes)); err != nil {
				return err
			}
			changed = !slices.Equal(codes, sortedCodes(old.Permissions))
			upd.SetPermissions(codes)
		}
		if t, err = upd.Save(ctx); err != nil {
			return database.Classify(err, "Team", "name")
		}
		if !changed {
			return nil
		}
		return record(ctx, tx.Client(), Event{Type: EventPermissionsChanged, ActorID: actor(v),
			Subject: fmt.Sprintf("%s: permissions=%v", teamSubject(t), t.Permissions)})
	})
	if err != nil {
		return nil, fmt.Errorf("update team %d: %w", id, err)
	}
	return t, nil
}

// DeleteTeam removes a team; its members lose what it granted, so the
// caller must hold every code of it. The loss is recorded when it had
// members.
func (s *Service) DeleteTeam(ctx context.Context, id int) error {
	v, err := actingViewer(ctx)
	if err != nil {
		return err
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		t, err := s.lockTeam(ctx, tx, id, true)
		if err != nil {
			return err
		}
		// Deleting takes every code of the team from its members.
		if err := mayGrant(v, t.Permissions); err != nil {
			return err
		}
		n, err := tx.TeamMembership.Delete().Where(teammembership.TeamID(t.ID)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("delete members of team %d: %w", t.ID, err)
		}
		if err := tx.Team.DeleteOne(t).Exec(ctx); err != nil {
			return database.Classify(err, "Team")
		}
		if n == 0 {
			return nil
		}
		return record(ctx, tx.Client(), Event{Type: EventPermissionsChanged, ActorID: actor(v),
			Subject: fmt.Sprintf("%s deleted with %d members", teamSubject(t), n)})
	})
}
