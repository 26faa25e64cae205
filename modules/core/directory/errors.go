package directory

import "github.com/binora/binora/internal/apperr"

// The permission rules' refusals. Nobody hands out what they do not hold: a
// team's codes, a place in a team, the admin flag. A non-admin also cannot
// change someone who holds more than they do, or a colleague with more
// rights could be locked out or renamed by a junior one.
var (
	// ErrGrantBeyondOwn refuses a team code, or a place in a team, that
	// grants something the caller does not hold.
	ErrGrantBeyondOwn = apperr.Forbidden("You cannot grant a permission you do not hold.")
	// ErrUserBeyondOwn refuses a change to a user who holds a permission the
	// caller lacks.
	ErrUserBeyondOwn = apperr.Forbidden("This user holds permissions you do not hold.")
	// ErrAdminFlag refuses a change of is_admin by someone who is not an admin.
	ErrAdminFlag = apperr.Forbidden("Only an admin can make someone an admin or take it away.")
	// ErrAdminFlagByToken refuses a change of is_admin through an API token:
	// a leaked token must not be able to mint admins.
	ErrAdminFlagByToken = apperr.Forbidden("An API token cannot change whether a user is an admin; sign in as a person.")
	// ErrAdminTarget refuses a non-admin's change to an admin.
	ErrAdminTarget = apperr.Forbidden("Only an admin can change or deactivate an admin.")
	// ErrEmailByToken refuses an email change through an API token: the
	// email decides where password resets are sent.
	ErrEmailByToken = apperr.Forbidden("An API token cannot change a user's email; sign in as a person.")
	// ErrLastingByToken refuses, through an API token, an identity change
	// that would outlive the token: a user created with a password or
	// invited, a reactivation, a change of someone's teams or of what a
	// team grants. Revoking a leaked token must end everything it did to
	// who can sign in and what they hold.
	ErrLastingByToken = apperr.Forbidden("An API token cannot create or invite users, reactivate them, " +
		"change team memberships or change what a team grants; sign in as a person.")
)

// ErrLastAdmin refuses to deactivate or demote the company's last active
// admin: nobody would be left to manage it.
var ErrLastAdmin = &apperr.Error{Kind: apperr.KindConflict, Code: "last_admin",
	Detail: "This is the company's last active admin; make someone else an admin first."}

// errNoTeams answers team_ids naming a team the tenant cannot see, whether
// another tenant's or none at all: the data layer refuses the membership,
// which names one team_id.
var errNoTeams = apperr.Invalid("team_ids", "Each id must name a team of the company.")

// ErrNoActor answers a directory change that nobody signed in makes; the
// security handler lets no such request through, so it is a safety net.
var ErrNoActor = apperr.Unauthenticated("unauthenticated", "The access token is missing, invalid or expired.")
