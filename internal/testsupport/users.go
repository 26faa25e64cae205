package testsupport

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
)

// MemberPassword is the password of every user the fixtures below create.
const MemberPassword = "member-password-1"

// Team creates a team of the tenant granting codes. The row is written
// directly, so fixtures do not depend on the rules of the teams endpoints.
func (tn *Tenant) Team(t testing.TB, name string, codes ...string) *ent.Team {
	t.Helper()
	if codes == nil {
		codes = []string{}
	}
	team, err := tn.env.App.DB.Client.Team.Create().SetName(name).SetPermissions(codes).Save(tn.Ctx())
	require.NoError(t, err)
	return team
}

// AddToTeam puts u in team, directly.
func (tn *Tenant) AddToTeam(t testing.TB, team *ent.Team, u *ent.User) {
	t.Helper()
	err := tn.env.App.DB.Client.TeamMembership.Create().SetTeamID(team.ID).SetUserID(u.ID).Exec(tn.Ctx())
	require.NoError(t, err)
}

// Member is a non-admin user whose permissions come from one team, logged in.
type Member struct {
	User   *ent.User
	Team   *ent.Team
	Client *Client
}

// NewMember adds a non-admin user with password MemberPassword whose only
// permissions come from a fresh team granting codes, and logs them in. A
// unique email is made up when email is "".
func (tn *Tenant) NewMember(t testing.TB, baseURL, email string, codes ...string) *Member {
	t.Helper()
	if email == "" {
		email = "member-" + randomHex(4) + "@" + tn.Company.Subdomain + ".test"
	}
	u := tn.NewUser(t, email, MemberPassword, false)
	team := tn.Team(t, "Team of "+email, codes...)
	tn.AddToTeam(t, team, u)
	return &Member{User: u, Team: team, Client: tn.Login(t, baseURL, email, MemberPassword)}
}

// InvitedUser adds a user who was invited and never accepted: no password,
// invitation_pending set. admin says whether they were invited as an admin.
func (tn *Tenant) InvitedUser(t testing.TB, email string, admin bool) *ent.User {
	t.Helper()
	u, err := tn.env.App.DB.Client.User.Create().
		SetEmail(email).SetIsAdmin(admin).SetInvitationPending(true).Save(tn.Ctx())
	require.NoError(t, err)
	return u
}
