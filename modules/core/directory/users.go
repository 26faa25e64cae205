package directory

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/predicate"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/validation"
	"github.com/binora/binora/modules/core/events"
)

// UserCreate is the body of a user create.
type UserCreate struct {
	Email     string
	FirstName string
	LastName  string
	// Password is nil for a user who is invited instead.
	Password *string
	IsAdmin  bool
	TeamIDs  []int
}

// normalized checks in and returns it in normal form: the email lower
// case, the names trimmed.
func (in UserCreate) normalized() (UserCreate, error) {
	var errs validation.Errors
	in.Email = errs.Email("email", in.Email)
	errs.Text("first_name", &in.FirstName, validation.PersonName)
	errs.Text("last_name", &in.LastName, validation.PersonName)
	if in.Password != nil {
		if err := password.CheckPolicy(*in.Password, in.Email); err != nil {
			errs.Add("password", err.Error())
		}
	}
	errs.IDs("team_ids", in.TeamIDs)
	in.FirstName, in.LastName = strings.TrimSpace(in.FirstName), strings.TrimSpace(in.LastName)
	return in, errs.Err()
}

// UserUpdate is the body of a PUT or PATCH: a nil field is left as it is;
// TeamIDs nil leaves the teams alone, while an empty non-nil slice takes
// the user out of every team. IsActive false deactivates the user.
type UserUpdate struct {
	Email     *string
	FirstName *string
	LastName  *string
	IsAdmin   *bool
	IsActive  *bool
	TeamIDs   []int
}

// normalized checks what is set and returns it in normal form.
func (in UserUpdate) normalized() (UserUpdate, error) {
	var errs validation.Errors
	if in.Email != nil {
		email := errs.Email("email", *in.Email)
		in.Email = &email
	}
	errs.Text("first_name", in.FirstName, validation.PersonName)
	errs.Text("last_name", in.LastName, validation.PersonName)
	errs.IDs("team_ids", in.TeamIDs)
	in.FirstName, in.LastName = validation.Trim(in.FirstName), validation.Trim(in.LastName)
	return in, errs.Err()
}

// UserFilter selects and orders a page of users.
type UserFilter struct {
	// Q is searched in the email, first and last name, ignoring case.
	Q        string
	IsActive *bool
	// TeamID keeps the members of one team; 0 keeps everyone.
	TeamID int
	listing.Params
}

var userOrdering = listing.Ordering[user.OrderOption]{Default: "email", ByID: user.ByID,
	Fields: listing.Fields[user.OrderOption]{"email": user.ByEmail, "last_name": user.ByLastName, "created_at": user.ByCreatedAt}}

// ListUsers returns a page of the tenant's users and how many match in all.
func (s *Service) ListUsers(ctx context.Context, f UserFilter) (listing.Result[*ent.User], error) {
	q := s.reads.User.Query()
	if f.Q != "" {
		q = q.Where(user.Or(user.EmailContainsFold(f.Q), user.FirstNameContainsFold(f.Q), user.LastNameContainsFold(f.Q)))
	}
	if f.IsActive != nil {
		q = q.Where(user.IsActive(*f.IsActive))
	}
	if f.TeamID != 0 {
		q = q.Where(memberOf(f.TeamID))
	}
	res, err := listing.FetchSorted(ctx, q, userOrdering, f.Params)
	if err != nil {
		return res, fmt.Errorf("list users: %w", err)
	}
	return res, nil
}

// memberOf keeps the users in team teamID. The subquery runs no tenant
// rule, but it only yields user ids and the outer query is confined to the
// tenant, so another tenant's team matches none of its users.
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

// grantSubject names a user and what they now hold, for permissions_changed.
func grantSubject(u *ent.User, teamIDs []int) string {
	return fmt.Sprintf("%s: admin=%t teams=%v", events.UserSubject(u), u.IsAdmin, teamIDs)
}
