package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// identityCodes are what the tokens below hold: enough to administer users
// and teams, and every code those teams grant, so that only the rule that a
// token does nothing that would outlive it can refuse them.
var identityCodes = []string{"core.users.read", "core.users.write", "core.users.delete",
	"core.teams.read", "core.teams.write", "core.teams.delete",
	"assets.assets.read", "assets.assets.write", "core.datacenters.read"}

// identityFixture is a tenant with a team holding one member, a user in no
// team, a deactivated user, and an admin's API token holding identityCodes.
type identityFixture struct {
	*site
	team, extraTeam *ent.Team
	member, loner   *ent.User
	inactive        *ent.User
	bot             *testsupport.Client
	tokenID         int64
	memberTeams     []int64
	teamPermissions []string
}

func newIdentityFixture(t *testing.T, env *testsupport.Env) *identityFixture {
	t.Helper()
	s := newSite(t, env)
	f := &identityFixture{site: s}
	f.team = s.tn.Team(t, "Operators", "assets.assets.read")
	f.extraTeam = s.tn.Team(t, "Readers", "core.datacenters.read")
	domain := "@" + s.tn.Company.Subdomain + ".test"
	f.member = s.tn.NewUser(t, "member"+domain, testsupport.MemberPassword, false)
	s.tn.AddToTeam(t, f.team, f.member)
	f.loner = s.tn.NewUser(t, "loner"+domain, testsupport.MemberPassword, false)
	f.inactive = s.tn.NewUser(t, "inactive"+domain, testsupport.MemberPassword, false)
	require.NoError(t, s.admin.DeleteUser(t.Context(), api.DeleteUserParams{ID: int64(f.inactive.ID)}))
	created := createToken(t, s.admin, api.APITokenCreate{Name: "directory sync", Permissions: identityCodes})
	f.bot, f.tokenID = s.tokenClient(t, created.Token), created.ID
	f.memberTeams, f.teamPermissions = []int64{int64(f.team.ID)}, []string{"assets.assets.read"}
	return f
}

// user reads a user back as the admin.
func (f *identityFixture) user(t *testing.T, u *ent.User) *api.User {
	t.Helper()
	got, err := f.admin.GetUser(t.Context(), api.GetUserParams{ID: int64(u.ID)})
	require.NoError(t, err)
	return got
}

func teamIDsOf(u *api.User) []int64 {
	ids := []int64{}
	for _, t := range u.Teams {
		ids = append(ids, t.ID)
	}
	return ids
}

// refusals are the calls a token holding identityCodes is refused, each
// changing something that would outlive the token.
func (f *identityFixture) refusals(t *testing.T) map[string]func() error {
	ctx, c := t.Context(), f.bot
	member := api.UpdateUserParams{ID: int64(f.member.ID)}
	team := int64(f.team.ID)
	return map[string]func() error{
		"create with a password": func() error {
			_, err := c.CreateUser(ctx, &api.UserCreate{Email: "minted@evil.example", Password: api.NewOptString("chosen-by-the-token-1")}, api.CreateUserParams{})
			return err
		},
		"create with an invitation": func() error {
			_, err := c.CreateUser(ctx, &api.UserCreate{Email: "invited@evil.example"}, api.CreateUserParams{})
			return err
		},
		"reactivate by PATCH": func() error {
			_, err := c.UpdateUser(ctx, &api.UserPatch{IsActive: api.NewOptBool(true)}, api.UpdateUserParams{ID: int64(f.inactive.ID)})
			return err
		},
		"reactivate by PUT": func() error {
			_, err := c.ReplaceUser(ctx, &api.UserReplace{Email: f.inactive.Email, IsActive: true, TeamIds: []int64{}},
				api.ReplaceUserParams{ID: int64(f.inactive.ID)})
			return err
		},
		"join a team by team_ids": func() error {
			_, err := c.UpdateUser(ctx, &api.UserPatch{TeamIds: []int64{team, int64(f.extraTeam.ID)}}, member)
			return err
		},
		"leave a team by team_ids": func() error {
			_, err := c.ReplaceUser(ctx, &api.UserReplace{Email: f.member.Email, IsActive: true, TeamIds: []int64{}},
				api.ReplaceUserParams{ID: int64(f.member.ID)})
			return err
		},
		"add a team member": func() error {
			return c.AddTeamMember(ctx, &api.TeamMemberAdd{UserID: int64(f.loner.ID)}, api.AddTeamMemberParams{ID: team})
		},
		"remove a team member": func() error {
			return c.RemoveTeamMember(ctx, api.RemoveTeamMemberParams{ID: team, UserID: int64(f.member.ID)})
		},
		"change a team's permissions by PATCH": func() error {
			_, err := c.UpdateTeam(ctx, &api.TeamPatch{Permissions: []string{"assets.assets.read", "assets.assets.write"}},
				api.UpdateTeamParams{ID: team})
			return err
		},
		"change a team's permissions by PUT": func() error {
			_, err := c.ReplaceTeam(ctx, &api.TeamCreate{Name: "Operators", Permissions: []string{}}, api.ReplaceTeamParams{ID: team})
			return err
		},
		"delete a team with members": func() error {
			return c.DeleteTeam(ctx, api.DeleteTeamParams{ID: team})
		},
	}
}

func TestAPIToken_IdentityChangesThatOutliveIt_AreRefusedAndChangeNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newIdentityFixture(t, env)

		for name, call := range f.refusals(t) {
			t.Run(name, func(t *testing.T) {
				p := clientProblem(t, call(), http.StatusForbidden, "permission_denied")
				assert.Contains(t, p.Detail, "An API token cannot")
			})
		}

		users, err := f.admin.ListUsers(t.Context(), api.ListUsersParams{})
		require.NoError(t, err)
		assert.Equal(t, 4, users.Count, "nobody was created")
		assert.False(t, f.user(t, f.inactive).IsActive)
		assert.Equal(t, f.memberTeams, teamIDsOf(f.user(t, f.member)))
		assert.Empty(t, f.user(t, f.loner).Teams)
		team, err := f.admin.GetTeam(t.Context(), api.GetTeamParams{ID: int64(f.team.ID)})
		require.NoError(t, err)
		assert.Equal(t, f.teamPermissions, team.Permissions)
		assert.Equal(t, 1, team.MemberCount)
	})
}
