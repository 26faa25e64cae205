package core

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/predicate"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/password"
)

// UserInput is the body of a user create or update. On update a nil field
// is left as it is; TeamIDs nil leaves the teams alone, while an empty
// non-nil slice takes the user out of every team.
type UserInput struct {
	Email     *string
	FirstName *string
	LastName  *string
	// Password is for create only; without one the user is invited.
	Password *string
	IsAdmin  *bool
	// IsActive is for update only; false deactivates the user.
	IsActive *bool
	TeamIDs  []int
}

// Validate checks what is set; create additionally requires Email.
func (in UserInput) Validate(create bool) error {
	var errs []apperr.FieldError
	add := func(field, msg string) { errs = append(errs, apperr.FieldError{Field: field, Message: msg}) }
	email := ""
	switch {
	case in.Email == nil && create:
		add("email", "This field is required.")
	case in.Email != nil:
		var err error
		if email, err = normalizeEmail(*in.Email); err != nil {
			add("email", "Give a valid email address.")
		}
	}
	for field, v := range map[string]*string{"first_name": in.FirstName, "last_name": in.LastName} {
		if v != nil && utf8.RuneCountInString(*v) > 150 {
			add(field, "Give at most 150 characters.")
		}
	}
	if in.Password != nil {
		if !create {
			add("password", "The password is changed through change-password or a password reset.")
		} else if err := password.CheckPolicy(*in.Password, email); err != nil {
			add("password", err.Error())
		}
	}
	if slices.ContainsFunc(in.TeamIDs, func(id int) bool { return id <= 0 }) {
		add("team_ids", "Give positive team ids.")
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b apperr.FieldError) int { return strings.Compare(a.Field, b.Field) })
		return apperr.InvalidFields(errs...)
	}
	return nil
}

// UserFilter selects and orders a page of users.
type UserFilter struct {
	// Q is searched in the email, first and last name, ignoring case.
	Q        string
	IsActive *bool
	// TeamID keeps the members of one team; 0 keeps everyone.
	TeamID   int
	Ordering string
	Page     listing.Page
}

var userOrdering = listing.Ordering[user.OrderOption]{
	Fields: map[string]func(...sql.OrderTermOption) user.OrderOption{
		"email":      user.ByEmail,
		"last_name":  user.ByLastName,
		"created_at": user.ByCreatedAt,
	},
	Default: "email",
	ByID:    user.ByID,
}

// ListUsers returns a page of the tenant's users and how many match in all.
func (s *Service) ListUsers(ctx context.Context, f UserFilter) (listing.Result[*ent.User], error) {
	order, err := userOrdering.Terms(f.Ordering)
	if err != nil {
		return listing.Result[*ent.User]{}, err
	}
	q := s.client.User.Query()
	if f.Q != "" {
		q = q.Where(user.Or(user.EmailContainsFold(f.Q), user.FirstNameContainsFold(f.Q), user.LastNameContainsFold(f.Q)))
	}
	if f.IsActive != nil {
		q = q.Where(user.IsActive(*f.IsActive))
	}
	if f.TeamID != 0 {
		q = q.Where(memberOf(f.TeamID))
	}
	res, err := listing.Fetch(ctx, q.Order(order...), f.Page)
	if err != nil {
		return res, fmt.Errorf("list users: %w", err)
	}
	return res, nil
}

// memberOf keeps the users in team teamID. The subquery runs no tenant
// rule, but it only yields user ids and the outer query is confined to the
// viewer's company, so another tenant's team matches none of its users.
func memberOf(teamID int) predicate.User {
	return func(s *sql.Selector) {
		m := sql.Table(teammembership.Table)
		s.Where(sql.In(s.C(user.FieldID),
			sql.Select(m.C(teammembership.FieldUserID)).From(m).Where(sql.EQ(m.C(teammembership.FieldTeamID), teamID))))
	}
}

// GetUser returns one user of the tenant.
func (s *Service) GetUser(ctx context.Context, id int) (*ent.User, error) {
	u, err := s.client.User.Get(ctx, id)
	return u, database.Classify(err, "User")
}

// CreateUser adds a user to the tenant. Without a password the user is
// invited: invitation_pending is set and the invitation goes out in the
// same transaction, so there is never an invited user without one.
func (s *Service) CreateUser(ctx context.Context, in UserInput) (*ent.User, error) {
	v, err := actingViewer(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	admin := in.IsAdmin != nil && *in.IsAdmin
	if admin {
		if err := mayChangeAdminFlag(v); err != nil {
			return nil, err
		}
	}
	email, _ := normalizeEmail(*in.Email)
	var hash string
	if in.Password != nil {
		if hash, err = s.hasher.Hash(*in.Password); err != nil {
			return nil, err
		}
	}
	var u *ent.User
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		teams, err := s.visibleTeams(ctx, tx, in.TeamIDs)
		if err != nil {
			return err
		}
		if err := mayJoin(v, teams); err != nil {
			return err
		}
		u, err = tx.User.Create().
			SetEmail(email).
			SetFirstName(strings.TrimSpace(deref(in.FirstName))).
			SetLastName(strings.TrimSpace(deref(in.LastName))).
			SetPasswordHash(hash).
			SetIsAdmin(admin).
			SetInvitationPending(in.Password == nil).
			Save(ctx)
		if err != nil {
			return database.Classify(err, "User", "email")
		}
		ids := teamIDs(teams)
		if err := changeTeams(ctx, tx, u.ID, ids, nil); err != nil {
			return err
		}
		if in.Password == nil {
			if err := s.invite(ctx, tx, u); err != nil {
				return err
			}
		}
		if !admin && len(ids) == 0 {
			return nil
		}
		return record(ctx, tx.Client(), Event{Type: EventPermissionsChanged, ActorID: actor(v), Subject: grantSubject(u, ids)})
	})
	if err != nil {
		return nil, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// UpdateUser changes the fields set in in (PUT and PATCH). Deactivating
// revokes the user's access at once; the last active admin can be neither
// deactivated nor demoted.
func (s *Service) UpdateUser(ctx context.Context, id int, in UserInput) (*ent.User, error) {
	v, err := actingViewer(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	var u *ent.User
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		var admins []int
		if (in.IsActive != nil && !*in.IsActive) || (in.IsAdmin != nil && !*in.IsAdmin) {
			if admins, err = s.lockAdmins(ctx, tx); err != nil {
				return err
			}
		}
		old, err := s.lockUser(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := mayManage(ctx, tx.Client(), v, old); err != nil {
			return err
		}
		emailChange := in.Email != nil && normalizedOr(*in.Email) != old.Email
		if emailChange && v.APITokenID != 0 {
			return ErrEmailByToken
		}
		adminChange := in.IsAdmin != nil && *in.IsAdmin != old.IsAdmin
		if adminChange {
			if err := mayChangeAdminFlag(v); err != nil {
				return err
			}
		}
		current, err := tx.TeamMembership.Query().Where(teammembership.UserID(old.ID)).
			Select(teammembership.FieldTeamID).Ints(ctx)
		if err != nil {
			return fmt.Errorf("teams of user %d: %w", old.ID, err)
		}
		final, added, removed := current, []int(nil), []int(nil)
		if in.TeamIDs != nil {
			teams, err := s.visibleTeams(ctx, tx, in.TeamIDs)
			if err != nil {
				return err
			}
			final = teamIDs(teams)
			added, removed = diffIDs(current, final)
			joined := slices.DeleteFunc(teams, func(t *ent.Team) bool { return !slices.Contains(added, t.ID) })
			if err := mayJoin(v, joined); err != nil {
				return err
			}
		}
		deactivating := in.IsActive != nil && !*in.IsActive && old.IsActive
		if countsAsAdmin(old) && (deactivating || (adminChange && !*in.IsAdmin)) &&
			!slices.ContainsFunc(admins, func(a int) bool { return a != old.ID }) {
			return ErrLastAdmin
		}
		if u, err = userUpdate(tx, old, in).Save(ctx); err != nil {
			return database.Classify(err, "User", "email")
		}
		if err := changeTeams(ctx, tx, u.ID, added, removed); err != nil {
			return err
		}
		if emailChange {
			// A reset or invitation mailed to the old address must not
			// outlive the address; an invited user is invited again at the
			// new one.
			if err := spendOpenTokens(ctx, tx, u.ID, s.now()); err != nil {
				return err
			}
			if u.InvitationPending {
				if err := s.invite(ctx, tx, u); err != nil {
					return err
				}
			}
		}
		if deactivating {
			if err := s.revokeAccess(ctx, tx, u); err != nil {
				return err
			}
			ev := Event{Type: EventUserDeactivated, ActorID: actor(v), Subject: userSubject(u)}
			if err := record(ctx, tx.Client(), ev); err != nil {
				return err
			}
		}
		if !adminChange && len(added) == 0 && len(removed) == 0 {
			return nil
		}
		slices.Sort(final)
		return record(ctx, tx.Client(), Event{Type: EventPermissionsChanged, ActorID: actor(v), Subject: grantSubject(u, final)})
	})
	if err != nil {
		return nil, fmt.Errorf("update user %d: %w", id, err)
	}
	return u, nil
}

// normalizedOr is the normalized form of a validated email.
func normalizedOr(raw string) string {
	email, _ := normalizeEmail(raw)
	return email
}

// userUpdate sets on old the plain fields that in carries.
func userUpdate(tx *ent.Tx, old *ent.User, in UserInput) *ent.UserUpdateOne {
	upd := tx.User.UpdateOne(old)
	if in.Email != nil {
		email, _ := normalizeEmail(*in.Email) // validated
		upd.SetEmail(email)
	}
	if in.FirstName != nil {
		upd.SetFirstName(strings.TrimSpace(*in.FirstName))
	}
	if in.LastName != nil {
		upd.SetLastName(strings.TrimSpace(*in.LastName))
	}
	if in.IsAdmin != nil {
		upd.SetIsAdmin(*in.IsAdmin)
	}
	if in.IsActive != nil {
		upd.SetIsActive(*in.IsActive)
	}
	return upd
}

// DeactivateUser deactivates a user (DELETE): the row stays, and their
// sessions and API tokens stop working at once. An inactive user is left
// as it is.
func (s *Service) DeactivateUser(ctx context.Context, id int) error {
	inactive := false
	_, err := s.UpdateUser(ctx, id, UserInput{IsActive: &inactive})
	return err
}

// grantSubject names a user and what they now hold, for permissions_changed.
func grantSubject(u *ent.User, teamIDs []int) string {
	return fmt.Sprintf("%s: admin=%t teams=%v", userSubject(u), u.IsAdmin, teamIDs)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
