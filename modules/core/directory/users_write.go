package directory

import (
	"context"
	"fmt"
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/events"
)

// CreateUser adds a user to the tenant. Without a password the user is
// invited: invitation_pending is set and the invitation goes out in the
// same transaction, so there is never an invited user without one. Either
// way the user can sign in after a token that created them is revoked, so
// only a person may create users.
func (s *Service) CreateUser(ctx context.Context, in UserCreate) (*ent.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkLasting(a); err != nil {
		return nil, err
	}
	if in, err = in.normalized(); err != nil {
		return nil, err
	}
	if in.IsAdmin {
		if err := checkAdminFlag(a); err != nil {
			return nil, err
		}
	}
	var hash string
	if in.Password != nil {
		if hash, err = s.hasher.Hash(ctx, *in.Password); err != nil {
			return nil, err
		}
	}
	var u *ent.User
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		joining := uniqueIDs(in.TeamIDs)
		teams, err := s.readTeams(ctx, tx, joining)
		if err != nil {
			return err
		}
		if err := checkJoin(a, teams); err != nil {
			return err
		}
		u, err = tx.User.Create().
			SetEmail(in.Email).SetFirstName(in.FirstName).SetLastName(in.LastName).
			SetPasswordHash(hash).SetIsAdmin(in.IsAdmin).SetInvitationPending(in.Password == nil).
			Save(ctx)
		if err != nil {
			return database.Classify(err, "User", "email")
		}
		return s.welcome(ctx, tx, u, joining)
	})
	if err != nil {
		return nil, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// welcome puts a new user u in the teams ids, invites them when they have
// no password, and records what they were granted.
func (s *Service) welcome(ctx context.Context, tx *ent.Tx, u *ent.User, ids []int) error {
	if err := changeTeams(ctx, tx, u.ID, ids, nil); err != nil {
		return err
	}
	if u.InvitationPending {
		if err := s.mail.Invite(ctx, tx, u); err != nil {
			return err
		}
	}
	if !u.IsAdmin && len(ids) == 0 {
		return nil
	}
	ev := events.Event{Type: events.PermissionsChanged, ActorID: tenancy.UserOf(ctx), Subject: grantSubject(u, ids)}
	return s.events.Record(ctx, tx.Client(), ev)
}

// UpdateUser changes the fields set in in (PUT and PATCH). Deactivating
// revokes the user's access at once; the last active admin can be neither
// deactivated nor demoted.
func (s *Service) UpdateUser(ctx context.Context, id int, in UserUpdate) (*ent.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if in, err = in.normalized(); err != nil {
		return nil, err
	}
	var u *ent.User
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		old, edit, admins, err := s.loadUserEdit(ctx, tx, a, id, in)
		if err != nil {
			return err
		}
		teams, err := s.planTeams(ctx, tx, a, old.ID, in.TeamIDs)
		if err != nil {
			return err
		}
		if err := checkLastAdmin(old, edit, admins); err != nil {
			return err
		}
		if u, err = userUpdate(tx, old, in).Save(ctx); err != nil {
			return database.Classify(err, "User", "email")
		}
		return s.applyUserEdit(ctx, tx, u, edit, teams)
	})
	if err != nil {
		return nil, fmt.Errorf("update user %d: %w", id, err)
	}
	return u, nil
}

// loadUserEdit locks what an update of user id decides on (the counting
// admins when the update may remove one, then the user) and asks the rules
// whether the actor may make it.
func (s *Service) loadUserEdit(ctx context.Context, tx *ent.Tx, a *tenancy.Actor, id int, in UserUpdate) (*ent.User, userEdit, []int, error) {
	var admins []int
	var err error
	if (in.IsActive != nil && !*in.IsActive) || (in.IsAdmin != nil && !*in.IsAdmin) {
		if admins, err = s.lockAdmins(ctx, tx); err != nil {
			return nil, userEdit{}, nil, err
		}
	}
	old, err := s.lockUser(ctx, tx, id)
	if err != nil {
		return nil, userEdit{}, nil, err
	}
	if err := s.checkManageUser(ctx, tx, a, old); err != nil {
		return nil, userEdit{}, nil, err
	}
	edit := editOf(old, in)
	return old, edit, admins, checkUserEdit(a, edit)
}

// teamChange is how an update moves a user between teams.
type teamChange struct {
	final, added, removed []int
}

// planTeams works out the team change that requested (nil: none) makes to
// user userID, and refuses teams the actor may not put anyone in, and any
// change at all through an API token.
func (s *Service) planTeams(ctx context.Context, tx *ent.Tx, a *tenancy.Actor, userID int, requested []int) (teamChange, error) {
	current, err := tx.TeamMembership.Query().Where(teammembership.UserID(userID)).
		Select(teammembership.FieldTeamID).Ints(ctx)
	if err != nil {
		return teamChange{}, fmt.Errorf("teams of user %d: %w", userID, err)
	}
	if requested == nil {
		return teamChange{final: current}, nil
	}
	final := uniqueIDs(requested)
	teams, err := s.readTeams(ctx, tx, final)
	if err != nil {
		return teamChange{}, err
	}
	c := teamChange{final: final}
	c.added, c.removed = diffIDs(current, c.final)
	if len(c.added) > 0 || len(c.removed) > 0 {
		if err := checkLasting(a); err != nil {
			return teamChange{}, err
		}
	}
	joined := slices.DeleteFunc(teams, func(t *ent.Team) bool { return !slices.Contains(c.added, t.ID) })
	return c, checkJoin(a, joined)
}

// applyUserEdit writes what follows from an update of u: team changes,
// the end of tokens mailed to an old address, revoked access, and the
// security events.
func (s *Service) applyUserEdit(ctx context.Context, tx *ent.Tx, u *ent.User, edit userEdit, teams teamChange) error {
	if err := changeTeams(ctx, tx, u.ID, teams.added, teams.removed); err != nil {
		return err
	}
	if edit.emailChange {
		if err := s.readdress(ctx, tx, u); err != nil {
			return err
		}
	}
	by := tenancy.UserOf(ctx)
	if edit.deactivating {
		if err := s.revokeAccess(ctx, tx, u); err != nil {
			return err
		}
		ev := events.Event{Type: events.UserDeactivated, ActorID: by, Subject: events.UserSubject(u)}
		if err := s.events.Record(ctx, tx.Client(), ev); err != nil {
			return err
		}
	}
	if !edit.adminChange && len(teams.added) == 0 && len(teams.removed) == 0 {
		return nil
	}
	slices.Sort(teams.final)
	ev := events.Event{Type: events.PermissionsChanged, ActorID: by, Subject: grantSubject(u, teams.final)}
	return s.events.Record(ctx, tx.Client(), ev)
}

// readdress voids the tokens mailed to u's old address, which must not
// outlive it; an invited user is invited again at the new one.
func (s *Service) readdress(ctx context.Context, tx *ent.Tx, u *ent.User) error {
	if err := s.mail.SpendOpen(ctx, tx, u.ID); err != nil {
		return err
	}
	if u.InvitationPending {
		return s.mail.Invite(ctx, tx, u)
	}
	return nil
}

// userUpdate sets on old the plain fields that in carries.
func userUpdate(tx *ent.Tx, old *ent.User, in UserUpdate) *ent.UserUpdateOne {
	upd := tx.User.UpdateOne(old)
	if in.Email != nil {
		upd.SetEmail(*in.Email)
	}
	if in.FirstName != nil {
		upd.SetFirstName(*in.FirstName)
	}
	if in.LastName != nil {
		upd.SetLastName(*in.LastName)
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
	_, err := s.UpdateUser(ctx, id, UserUpdate{IsActive: &inactive})
	return err
}
