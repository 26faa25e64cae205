package directory

import (
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/tenancy"
)

// checkGrant refuses codes the actor does not hold.
func checkGrant(a *tenancy.Actor, codes []string) error {
	for _, c := range codes {
		if !a.Can(c) {
			return ErrGrantBeyondOwn
		}
	}
	return nil
}

// checkJoin refuses to put a user in teams whose codes the actor does not
// all hold: membership grants every one of them.
func checkJoin(a *tenancy.Actor, teams []*ent.Team) error {
	for _, t := range teams {
		if err := checkGrant(a, t.Permissions); err != nil {
			return err
		}
	}
	return nil
}

// checkAdminFlag refuses a change of is_admin by anyone but an admin signed
// in as a person.
func checkAdminFlag(a *tenancy.Actor) error {
	if a.ByToken() {
		return ErrAdminFlagByToken
	}
	if !a.Admin {
		return ErrAdminFlag
	}
	return nil
}

// checkLasting refuses, through an API token, a change that would outlive
// the token: a person's password or invitation, a reactivation, a team
// membership, what a team grants. A person signed in may make it (within
// the other rules). What stays open to a token cannot leave anyone able to
// sign in or holding more once it is revoked: reading, renaming, creating
// an empty team, deactivating.
func checkLasting(a *tenancy.Actor) error {
	if a.ByToken() {
		return ErrLastingByToken
	}
	return nil
}

// checkManage refuses a non-admin's change to target, who holds the codes
// held, when target is an admin or holds a code the actor lacks. Holding
// every code of the catalog is not the same as being an admin: a team or
// an API token can grant them all, and must still not reach an admin's
// account (its email decides where resets go).
func checkManage(a *tenancy.Actor, target *ent.User, held []string) error {
	if a.Admin {
		return nil
	}
	if target.IsAdmin {
		return ErrAdminTarget
	}
	if checkGrant(a, held) != nil {
		return ErrUserBeyondOwn
	}
	return nil
}

// userEdit is what an update does to a user, worked out from the request
// and the user as it is.
type userEdit struct {
	emailChange  bool
	adminChange  bool
	deactivating bool
	reactivating bool
	// demoting is true when the user stops counting as an admin.
	demoting bool
}

// editOf works out what in does to old; in is normalized.
func editOf(old *ent.User, in UserUpdate) userEdit {
	e := userEdit{
		emailChange:  in.Email != nil && *in.Email != old.Email,
		adminChange:  in.IsAdmin != nil && *in.IsAdmin != old.IsAdmin,
		deactivating: in.IsActive != nil && !*in.IsActive && old.IsActive,
		reactivating: in.IsActive != nil && *in.IsActive && !old.IsActive,
	}
	e.demoting = countsAsAdmin(old) && (e.deactivating || (e.adminChange && !*in.IsAdmin))
	return e
}

// checkUserEdit decides whether the actor, who may manage the user (see
// checkManage), may make edit.
func checkUserEdit(a *tenancy.Actor, edit userEdit) error {
	if edit.emailChange && a.ByToken() {
		return ErrEmailByToken
	}
	if edit.reactivating {
		if err := checkLasting(a); err != nil {
			return err
		}
	}
	if edit.adminChange {
		return checkAdminFlag(a)
	}
	return nil
}

// checkLastAdmin refuses an edit that removes target from admins, the
// company's counting admins, when nobody else would be left.
func checkLastAdmin(target *ent.User, edit userEdit, admins []int) error {
	if edit.demoting && !slices.ContainsFunc(admins, func(id int) bool { return id != target.ID }) {
		return ErrLastAdmin
	}
	return nil
}

// countsAsAdmin reports whether u keeps the company manageable: an active
// admin who can log in (not still invited).
func countsAsAdmin(u *ent.User) bool { return u.IsAdmin && u.IsActive && !u.InvitationPending }

// checkTeamCodes decides whether the actor may change a team's codes from
// prev to next: both what it grants and what it takes away from the
// members must be the actor's to give.
func checkTeamCodes(a *tenancy.Actor, prev, next []string) error {
	if err := checkGrant(a, next); err != nil {
		return err
	}
	return checkGrant(a, removedCodes(prev, next))
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
