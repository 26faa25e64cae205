package tests

import (
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// unrelatedCode is a code the members below hold so that they are not
// empty-handed, and that no user or team endpoint needs.
const unrelatedCode = "assets.assets.read"

// grant sets, as the admin, the codes of a member's team.
func (s *site) grant(t *testing.T, m *testsupport.Member, codes ...string) {
	t.Helper()
	_, err := s.admin.UpdateTeam(t.Context(), &api.TeamPatch{Permissions: codes}, api.UpdateTeamParams{ID: int64(m.Team.ID)})
	require.NoError(t, err)
}

// ruleTargets are fresh objects for one call to aim at: a user and a team
// that hold nothing, so only the endpoint's own permission decides.
type ruleTargets struct {
	user, member *api.User
	team         *api.Team
}

func (s *site) ruleTargets(t *testing.T) ruleTargets {
	t.Helper()
	team := s.createTeam(t, "Target "+unique())
	member := s.createUser(t, api.UserCreate{Email: "member-" + unique() + "@example.com", TeamIds: []int64{team.ID}})
	return ruleTargets{
		user:   s.createUser(t, api.UserCreate{Email: "target-" + unique() + "@example.com"}),
		member: member,
		team:   s.getTeam(t, team.ID),
	}
}

var uniques atomic.Int64

// unique returns a new suffix for names that must not repeat.
func unique() string { return strconv.FormatInt(uniques.Add(1), 10) }

func TestUserAndTeamEndpoints_AreDeniedWithoutTheirPermissionAndAllowedWithIt(t *testing.T) {
	t.Parallel()
	type call func(t *testing.T, c *testsupport.Client, x ruleTargets) error
	tests := []struct {
		name string
		code string
		call call
	}{
		{"list users", "core.users.read", func(t *testing.T, c *testsupport.Client, _ ruleTargets) error {
			_, err := c.ListUsers(t.Context(), api.ListUsersParams{})
			return err
		}},
		{"get user", "core.users.read", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			_, err := c.GetUser(t.Context(), api.GetUserParams{ID: x.user.ID})
			return err
		}},
		{"create user", "core.users.write", func(t *testing.T, c *testsupport.Client, _ ruleTargets) error {
			_, err := c.CreateUser(t.Context(), &api.UserCreate{Email: "new-" + unique() + "@example.com"}, api.CreateUserParams{})
			return err
		}},
		{"replace user", "core.users.write", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			_, err := c.ReplaceUser(t.Context(), &api.UserReplace{Email: x.user.Email, LastName: "Doe", IsActive: true, TeamIds: []int64{}},
				api.ReplaceUserParams{ID: x.user.ID})
			return err
		}},
		{"update user", "core.users.write", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			_, err := c.UpdateUser(t.Context(), &api.UserPatch{LastName: api.NewOptString("Doe")}, api.UpdateUserParams{ID: x.user.ID})
			return err
		}},
		{"delete user", "core.users.delete", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			return c.DeleteUser(t.Context(), api.DeleteUserParams{ID: x.user.ID})
		}},
		{"list teams", "core.teams.read", func(t *testing.T, c *testsupport.Client, _ ruleTargets) error {
			_, err := c.ListTeams(t.Context(), api.ListTeamsParams{})
			return err
		}},
		{"get team", "core.teams.read", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			_, err := c.GetTeam(t.Context(), api.GetTeamParams{ID: x.team.ID})
			return err
		}},
		{"create team", "core.teams.write", func(t *testing.T, c *testsupport.Client, _ ruleTargets) error {
			_, err := c.CreateTeam(t.Context(), &api.TeamCreate{Name: "New " + unique(), Permissions: []string{}}, api.CreateTeamParams{})
			return err
		}},
		{"replace team", "core.teams.write", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			_, err := c.ReplaceTeam(t.Context(), &api.TeamCreate{Name: x.team.Name + "!", Permissions: []string{}}, api.ReplaceTeamParams{ID: x.team.ID})
			return err
		}},
		{"update team", "core.teams.write", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			_, err := c.UpdateTeam(t.Context(), &api.TeamPatch{Description: api.NewOptString("d")}, api.UpdateTeamParams{ID: x.team.ID})
			return err
		}},
		{"delete team", "core.teams.delete", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			return c.DeleteTeam(t.Context(), api.DeleteTeamParams{ID: x.team.ID})
		}},
		{"add member", "core.teams.write", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			return c.AddTeamMember(t.Context(), &api.TeamMemberAdd{UserID: x.user.ID}, api.AddTeamMemberParams{ID: x.team.ID})
		}},
		{"remove member", "core.teams.write", func(t *testing.T, c *testsupport.Client, x ruleTargets) error {
			return c.RemoveTeamMember(t.Context(), api.RemoveTeamMemberParams{ID: x.team.ID, UserID: x.member.ID})
		}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				m := s.tn.NewMember(t, s.url, "", unrelatedCode)
				x := s.ruleTargets(t)
				users, teams := s.userCount(t), s.teamCount(t)

				clientProblem(t, tt.call(t, m.Client, x), http.StatusForbidden, "permission_denied")
				assert.Equal(t, x.user, s.getUser(t, x.user.ID), "nothing changed")
				assert.Equal(t, x.team, s.getTeam(t, x.team.ID), "nothing changed")
				assert.Equal(t, []int{users, teams}, []int{s.userCount(t), s.teamCount(t)})

				s.grant(t, m, unrelatedCode, tt.code)

				assert.NoError(t, tt.call(t, m.Client, x))
			})
		}
	})
}

func TestTeamCodes_TheCallerDoesNotHold_Are403(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		m := s.tn.NewMember(t, s.url, "", "core.teams.read", "core.teams.write", "assets.assets.read")
		team := s.createTeam(t, "Readers", "assets.assets.read")
		beyond := []string{"assets.assets.read", "assets.assets.write"}
		ctx := t.Context()

		_, createErr := m.Client.CreateTeam(ctx, &api.TeamCreate{Name: "Writers", Permissions: beyond}, api.CreateTeamParams{})
		_, putErr := m.Client.ReplaceTeam(ctx, &api.TeamCreate{Name: "Readers", Permissions: beyond}, api.ReplaceTeamParams{ID: team.ID})
		_, patchErr := m.Client.UpdateTeam(ctx, &api.TeamPatch{Permissions: beyond}, api.UpdateTeamParams{ID: team.ID})

		for _, err := range []error{createErr, putErr, patchErr} {
			clientProblem(t, err, http.StatusForbidden, "permission_denied")
		}
		assert.Equal(t, team, s.getTeam(t, team.ID))
		assert.Equal(t, 2, s.teamCount(t), "no team was created")
		_, err := m.Client.CreateTeam(ctx, &api.TeamCreate{Name: "Writers", Permissions: []string{"assets.assets.read"}}, api.CreateTeamParams{})
		assert.NoError(t, err, "codes the caller holds may be granted")
	})
}

func TestPuttingSomeoneInATeamWithCodesTheCallerLacks_Is403(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		m := s.tn.NewMember(t, s.url, "", "core.users.read", "core.users.write", "core.teams.read", "core.teams.write", "assets.assets.read")
		powerful := s.createTeam(t, "Powerful", "assets.assets.read", "assets.assets.delete")
		readers := s.createTeam(t, "Readers", "assets.assets.read")
		target := s.createUser(t, api.UserCreate{Email: "target@example.com"})
		ctx := t.Context()
		users := s.userCount(t)

		_, createErr := m.Client.CreateUser(ctx, &api.UserCreate{Email: "new@example.com", TeamIds: []int64{readers.ID, powerful.ID}}, api.CreateUserParams{})
		_, putErr := m.Client.ReplaceUser(ctx, &api.UserReplace{Email: target.Email, IsActive: true, TeamIds: []int64{powerful.ID}},
			api.ReplaceUserParams{ID: target.ID})
		_, patchErr := m.Client.UpdateUser(ctx, &api.UserPatch{TeamIds: []int64{powerful.ID}}, api.UpdateUserParams{ID: target.ID})
		addErr := m.Client.AddTeamMember(ctx, &api.TeamMemberAdd{UserID: target.ID}, api.AddTeamMemberParams{ID: powerful.ID})

		for _, err := range []error{createErr, putErr, patchErr, addErr} {
			clientProblem(t, err, http.StatusForbidden, "permission_denied")
		}
		assert.Equal(t, users, s.userCount(t))
		assert.Equal(t, target, s.getUser(t, target.ID))
		assert.Zero(t, s.getTeam(t, powerful.ID).MemberCount)
		_, err := m.Client.UpdateUser(ctx, &api.UserPatch{TeamIds: []int64{readers.ID}}, api.UpdateUserParams{ID: target.ID})
		assert.NoError(t, err, "a team whose codes the caller holds")
	})
}

func TestAdminFlag_OnlyAnAdminMayChangeIt(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		m := s.tn.NewMember(t, s.url, "", "core.users.read", "core.users.write")
		target := s.createUser(t, api.UserCreate{Email: "target@example.com"})
		ctx := t.Context()
		users := s.userCount(t)

		_, createErr := m.Client.CreateUser(ctx, &api.UserCreate{Email: "new@example.com", IsAdmin: api.NewOptBool(true)}, api.CreateUserParams{})
		_, patchErr := m.Client.UpdateUser(ctx, &api.UserPatch{IsAdmin: api.NewOptBool(true)}, api.UpdateUserParams{ID: target.ID})
		_, putErr := m.Client.ReplaceUser(ctx, &api.UserReplace{Email: target.Email, IsAdmin: true, IsActive: true, TeamIds: []int64{}},
			api.ReplaceUserParams{ID: target.ID})
		_, demoteErr := m.Client.UpdateUser(ctx, &api.UserPatch{IsAdmin: api.NewOptBool(false)}, api.UpdateUserParams{ID: int64(s.tn.Admin.ID)})

		for _, err := range []error{createErr, patchErr, putErr, demoteErr} {
			clientProblem(t, err, http.StatusForbidden, "permission_denied")
		}
		assert.Equal(t, users, s.userCount(t))
		assert.Equal(t, target, s.getUser(t, target.ID))
		assert.True(t, s.getUser(t, int64(s.tn.Admin.ID)).IsAdmin)
		_, err := m.Client.UpdateUser(ctx, &api.UserPatch{IsAdmin: api.NewOptBool(false)}, api.UpdateUserParams{ID: target.ID})
		assert.NoError(t, err, "sending the flag unchanged is no change")
		got, err := s.admin.UpdateUser(ctx, &api.UserPatch{IsAdmin: api.NewOptBool(true)}, api.UpdateUserParams{ID: target.ID})
		require.NoError(t, err, "an admin may")
		assert.True(t, got.IsAdmin)
	})
}

func TestNonAdmin_CannotChangeOrDeactivateSomeoneWhoHoldsMore(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		m := s.tn.NewMember(t, s.url, "", "core.users.read", "core.users.write", "core.users.delete", "core.teams.write", "assets.assets.read")
		powerful := s.createTeam(t, "Powerful", "assets.assets.delete")
		readers := s.createTeam(t, "Readers", "assets.assets.read")
		senior := s.createUser(t, api.UserCreate{Email: "senior@example.com", TeamIds: []int64{powerful.ID}})
		peer := s.createUser(t, api.UserCreate{Email: "peer@example.com", TeamIds: []int64{readers.ID}})
		ctx := t.Context()
		adminID := int64(s.tn.Admin.ID)

		_, patchErr := m.Client.UpdateUser(ctx, &api.UserPatch{FirstName: api.NewOptString("x")}, api.UpdateUserParams{ID: senior.ID})
		_, putErr := m.Client.ReplaceUser(ctx, &api.UserReplace{Email: senior.Email, IsActive: true, TeamIds: []int64{powerful.ID}},
			api.ReplaceUserParams{ID: senior.ID})
		deleteErr := m.Client.DeleteUser(ctx, api.DeleteUserParams{ID: senior.ID})
		removeErr := m.Client.RemoveTeamMember(ctx, api.RemoveTeamMemberParams{ID: powerful.ID, UserID: senior.ID})
		_, adminErr := m.Client.UpdateUser(ctx, &api.UserPatch{FirstName: api.NewOptString("x")}, api.UpdateUserParams{ID: adminID})
		deleteAdminErr := m.Client.DeleteUser(ctx, api.DeleteUserParams{ID: adminID})

		for _, err := range []error{patchErr, putErr, deleteErr, removeErr, adminErr, deleteAdminErr} {
			clientProblem(t, err, http.StatusForbidden, "permission_denied")
		}
		assert.Equal(t, senior, s.getUser(t, senior.ID))
		assert.True(t, s.getUser(t, adminID).IsActive)
		_, err := m.Client.UpdateUser(ctx, &api.UserPatch{FirstName: api.NewOptString("Pat")}, api.UpdateUserParams{ID: peer.ID})
		assert.NoError(t, err, "someone who holds no more than the caller")
		assert.NoError(t, m.Client.DeleteUser(ctx, api.DeleteUserParams{ID: peer.ID}))
	})
}

func TestAPIToken_CannotChangeTheAdminFlag(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		target := s.createUser(t, api.UserCreate{Email: "target@example.com"})
		tok := createToken(t, s.admin, api.APITokenCreate{Name: "directory sync", Permissions: []string{"core.users.read", "core.users.write"}})
		c := s.tokenClient(t, tok.Token)
		ctx := t.Context()
		users := s.userCount(t)

		_, createErr := c.CreateUser(ctx, &api.UserCreate{Email: "new@example.com", IsAdmin: api.NewOptBool(true)}, api.CreateUserParams{})
		_, patchErr := c.UpdateUser(ctx, &api.UserPatch{IsAdmin: api.NewOptBool(true)}, api.UpdateUserParams{ID: target.ID})
		_, demoteErr := c.UpdateUser(ctx, &api.UserPatch{IsAdmin: api.NewOptBool(false)}, api.UpdateUserParams{ID: int64(s.tn.Admin.ID)})

		for _, err := range []error{createErr, patchErr} {
			p := clientProblem(t, err, http.StatusForbidden, "permission_denied")
			assert.Contains(t, p.Detail, "API token", "refused for being a token, not for lacking a code")
		}
		clientProblem(t, demoteErr, http.StatusForbidden, "permission_denied")
		assert.Equal(t, users, s.userCount(t))
		assert.False(t, s.getUser(t, target.ID).IsAdmin)
		assert.True(t, s.getUser(t, int64(s.tn.Admin.ID)).IsAdmin)
		got, err := c.UpdateUser(ctx, &api.UserPatch{LastName: api.NewOptString("Doe")}, api.UpdateUserParams{ID: target.ID})
		require.NoError(t, err, "the token may manage the rest of a user")
		assert.Equal(t, "Doe", got.LastName)
	})
}

func TestLastAdmin_CannotBeDeactivatedOrDemoted(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		// Neither an invited admin who never accepted nor a deactivated one
		// keeps the company manageable.
		s.tn.InvitedUser(t, "invited-admin@example.com", true)
		gone := s.createUser(t, api.UserCreate{Email: "gone@example.com", IsAdmin: api.NewOptBool(true), Password: api.NewOptString(newUserPassword)})
		require.NoError(t, s.admin.DeleteUser(t.Context(), api.DeleteUserParams{ID: gone.ID}))
		id := int64(s.tn.Admin.ID)
		ctx := t.Context()
		before := s.getUser(t, id)

		deleteErr := s.admin.DeleteUser(ctx, api.DeleteUserParams{ID: id})
		_, demoteErr := s.admin.UpdateUser(ctx, &api.UserPatch{IsAdmin: api.NewOptBool(false)}, api.UpdateUserParams{ID: id})
		_, patchErr := s.admin.UpdateUser(ctx, &api.UserPatch{IsActive: api.NewOptBool(false)}, api.UpdateUserParams{ID: id})
		_, putErr := s.admin.ReplaceUser(ctx, &api.UserReplace{Email: before.Email, IsAdmin: false, IsActive: true, TeamIds: []int64{}},
			api.ReplaceUserParams{ID: id})

		for _, err := range []error{deleteErr, demoteErr, patchErr, putErr} {
			clientProblem(t, err, http.StatusConflict, "last_admin")
		}
		assert.Equal(t, before, s.getUser(t, id))
		_, err := s.admin.GetMe(ctx)
		assert.NoError(t, err, "the admin's session still works")
	})
}

func TestLastAdmin_WithASecondAdmin_EitherMayGo(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		second := s.createUser(t, api.UserCreate{Email: "second@example.com", IsAdmin: api.NewOptBool(true), Password: api.NewOptString(newUserPassword)})
		ctx := t.Context()

		got, err := s.admin.UpdateUser(ctx, &api.UserPatch{IsAdmin: api.NewOptBool(false)}, api.UpdateUserParams{ID: second.ID})
		require.NoError(t, err)
		assert.False(t, got.IsAdmin)
		_, err = s.admin.UpdateUser(ctx, &api.UserPatch{IsAdmin: api.NewOptBool(true)}, api.UpdateUserParams{ID: second.ID})
		require.NoError(t, err)
		require.NoError(t, s.admin.DeleteUser(ctx, api.DeleteUserParams{ID: int64(s.tn.Admin.ID)}), "the first admin may leave")

		err = s.as(t, s.login(t, second.Email, newUserPassword).Access).DeleteUser(ctx, api.DeleteUserParams{ID: second.ID})
		clientProblem(t, err, http.StatusConflict, "last_admin")
	})
}

func TestEffectivePermissions_AreTheUnionOfTheTeams_InLoginAndMe(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.createTeam(t, "Alpha", "core.datacenters.read", "assets.assets.read")
		b := s.createTeam(t, "Beta", "core.datacenters.read", "core.teams.read")
		s.createTeam(t, "Gamma", "assets.assets.delete")
		u := s.createUser(t, api.UserCreate{Email: "jane@example.com", Password: api.NewOptString(newUserPassword), TeamIds: []int64{b.ID, a.ID}})
		want := []string{"assets.assets.read", "core.datacenters.read", "core.teams.read"}

		pair := s.login(t, u.Email, newUserPassword)
		me, err := s.as(t, pair.Access).GetMe(t.Context())

		require.NoError(t, err)
		assert.Equal(t, want, pair.Permissions)
		assert.Equal(t, want, me.Permissions)
		teams := []api.TeamRef{{ID: a.ID, Name: "Alpha"}, {ID: b.ID, Name: "Beta"}}
		assert.Equal(t, teams, pair.User.Teams)
		assert.Equal(t, teams, me.User.Teams)
		assert.False(t, me.User.LastLoginAt.IsNull())
		assert.False(t, me.User.InvitationPending)
		_, err = s.as(t, pair.Access).ListTeams(t.Context(), api.ListTeamsParams{})
		assert.NoError(t, err, "the access token carries the union")
		clientProblem(t, s.as(t, pair.Access).DeleteTeam(t.Context(), api.DeleteTeamParams{ID: a.ID}), http.StatusForbidden, "permission_denied")
	})
}
