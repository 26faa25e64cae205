package core

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/apitoken"
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/ent/team"
	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/permissions"
	"github.com/binora/binora/internal/tenancy"
)

// permissionsOf returns the codes u holds, sorted: every code of the
// catalog for a company admin, otherwise the union of their teams' codes
// (codes no longer in the catalog are dropped).
func (s *Service) permissionsOf(ctx context.Context, u *ent.User) ([]string, error) {
	return heldBy(ctx, s.client, u)
}

// heldBy is permissionsOf through client, so that a transaction can ask
// (and see its own, uncommitted memberships).
func heldBy(ctx context.Context, client *ent.Client, u *ent.User) ([]string, error) {
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
	known := toSet(permissions.All())
	held := map[string]bool{}
	for _, t := range teams {
		for _, code := range t.Permissions {
			if known[code] {
				held[code] = true
			}
		}
	}
	out := make([]string, 0, len(held))
	for code := range held {
		out = append(out, code)
	}
	slices.Sort(out)
	return out, nil
}

func toSet(codes []string) map[string]bool {
	set := make(map[string]bool, len(codes))
	for _, c := range codes {
		set[c] = true
	}
	return set
}

// The permission rules. Nobody hands out what they do not hold: a team's
// codes, a place in a team, the admin flag. A non-admin also cannot change
// someone who holds more than they do, or a colleague with more rights
// could be locked out or renamed by a junior one.
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
)

// actingViewer is the viewer of ctx, who must be somebody: every rule below
// is about what they hold.
func actingViewer(ctx context.Context) (*tenancy.Viewer, error) {
	v, ok := tenancy.FromContext(ctx)
	if !ok || v.UserID == 0 {
		return nil, ErrInvalidToken
	}
	return v, nil
}

// actor is the viewer as a security event names them.
func actor(v *tenancy.Viewer) *int {
	id := v.UserID
	return &id
}

// mayGrant refuses codes the viewer does not hold.
func mayGrant(v *tenancy.Viewer, codes []string) error {
	for _, c := range codes {
		if !v.Can(c) {
			return ErrGrantBeyondOwn
		}
	}
	return nil
}

// mayJoin refuses to put a user in teams whose codes the viewer does not
// all hold: membership grants every one of them.
func mayJoin(v *tenancy.Viewer, teams []*ent.Team) error {
	for _, t := range teams {
		if err := mayGrant(v, t.Permissions); err != nil {
			return err
		}
	}
	return nil
}

// mayChangeAdminFlag refuses a change of is_admin by anyone but an admin
// who is signed in as a person.
func mayChangeAdminFlag(v *tenancy.Viewer) error {
	if v.APITokenID != 0 {
		return ErrAdminFlagByToken
	}
	if !v.Admin {
		return ErrAdminFlag
	}
	return nil
}

// mayManage refuses a non-admin's change to u when u is an admin or holds a
// code the viewer lacks. Holding every code of the catalog is not the same
// as being an admin: a team or an API token can grant them all, and must
// still not reach an admin's account (its email decides where resets go).
func mayManage(ctx context.Context, client *ent.Client, v *tenancy.Viewer, u *ent.User) error {
	if v.Admin {
		return nil
	}
	if u.IsAdmin {
		return ErrAdminTarget
	}
	held, err := heldBy(ctx, client, u)
	if err != nil {
		return err
	}
	for _, c := range held {
		if !v.Can(c) {
			return ErrUserBeyondOwn
		}
	}
	return nil
}

// ErrLastAdmin refuses to deactivate or demote the company's last active
// admin: nobody would be left to manage it.
var ErrLastAdmin = &apperr.Error{Kind: apperr.KindConflict, Code: "last_admin",
	Detail: "This is the company's last active admin; make someone else an admin first."}

// countsAsAdmin reports whether u keeps the company manageable: an active
// admin who can log in (not still invited).
func countsAsAdmin(u *ent.User) bool { return u.IsAdmin && u.IsActive && !u.InvitationPending }

// lockAdmins returns the ids of the company's counting admins. On
// PostgreSQL their rows stay locked to the end of tx, so two requests that
// each remove one of the last two admins run one after the other, and the
// second sees that the first admin is gone. It runs before the target user
// is read and locks in id order, so such requests cannot deadlock.
func (s *Service) lockAdmins(ctx context.Context, tx *ent.Tx) ([]int, error) {
	q := tx.User.Query().
		Where(user.IsAdmin(true), user.IsActive(true), user.InvitationPending(false)).
		Order(user.ByID())
	if s.rowLocks {
		q = q.ForUpdate(lockNoKeyUpdate)
	}
	ids, err := q.IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock admins: %w", err)
	}
	return ids, nil
}

// lockUser reads user id inside tx, locked against concurrent writers on
// PostgreSQL, so that the rules are checked against the row being changed.
func (s *Service) lockUser(ctx context.Context, tx *ent.Tx, id int) (*ent.User, error) {
	q := tx.User.Query().Where(user.ID(id))
	if s.rowLocks {
		q = q.ForUpdate(lockNoKeyUpdate)
	}
	u, err := q.Only(ctx)
	return u, database.Classify(err, "User")
}

// revokeAccess ends every session of u and revokes the API tokens u
// created. Both are checked on every request, so the next one fails.
func (s *Service) revokeAccess(ctx context.Context, tx *ent.Tx, u *ent.User) error {
	now := s.now()
	if _, err := tx.Session.Update().
		Where(session.UserID(u.ID), session.RevokedAtIsNil()).
		SetRevokedAt(now).Save(ctx); err != nil {
		return fmt.Errorf("revoke sessions of user %d: %w", u.ID, err)
	}
	if _, err := tx.APIToken.Update().
		Where(apitoken.CreatedBy(u.ID), apitoken.RevokedAtIsNil()).
		SetRevokedAt(now).Save(ctx); err != nil {
		return fmt.Errorf("revoke api tokens of user %d: %w", u.ID, err)
	}
	return nil
}

// Profile is who the viewer is: GET /api/auth/me.
type Profile struct {
	User *ent.User
	// Teams are the user's teams, sorted by name.
	Teams       []*ent.Team
	Company     *ent.Company
	Permissions []string
}

// Me returns the viewer's profile.
func (s *Service) Me(ctx context.Context) (*Profile, error) {
	v, ok := tenancy.FromContext(ctx)
	if !ok || v.UserID == 0 {
		return nil, ErrInvalidToken
	}
	u, err := s.client.User.Get(ctx, v.UserID)
	if err != nil {
		return nil, database.Classify(err, "User")
	}
	c, err := s.client.Company.Get(ctx, v.CompanyID)
	if err != nil {
		return nil, database.Classify(err, "Company")
	}
	perms, teams, err := s.standingOf(ctx, u)
	if err != nil {
		return nil, err
	}
	return &Profile{User: u, Teams: teams, Company: c, Permissions: perms}, nil
}

// standingOf is what login and me show of u besides the user itself: the
// codes u holds and u's teams.
func (s *Service) standingOf(ctx context.Context, u *ent.User) ([]string, []*ent.Team, error) {
	perms, err := s.permissionsOf(ctx, u)
	if err != nil {
		return nil, nil, err
	}
	teams, err := s.TeamsOf(ctx, u.ID)
	if err != nil {
		return nil, nil, err
	}
	return perms, teams[u.ID], nil
}

// TeamsOf returns the teams of each of the users ids (id and name only),
// sorted by name, in one query. A user in no team has no entry.
func (s *Service) TeamsOf(ctx context.Context, ids ...int) (map[int][]*ent.Team, error) {
	return teamsOf(ctx, s.client, ids...)
}

func teamsOf(ctx context.Context, client *ent.Client, ids ...int) (map[int][]*ent.Team, error) {
	out := make(map[int][]*ent.Team, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ms, err := client.TeamMembership.Query().
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

// UserRefs returns the users with the given ids that the viewer can see, by
// id, in one query. Audit fields (created_by, changed_by) are shown through it.
func (s *Service) UserRefs(ctx context.Context, ids []int) (map[int]*ent.User, error) {
	out := make(map[int]*ent.User, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	users, err := s.client.User.Query().Where(user.IDIn(ids...)).Select(user.FieldID, user.FieldEmail).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		out[u.ID] = u
	}
	return out, nil
}

// HashPassword hashes plain with the configured parameters.
func (s *Service) HashPassword(plain string) (string, error) { return s.hasher.Hash(plain) }
