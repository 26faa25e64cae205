package tests

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func (s *site) createTeam(t *testing.T, name string, codes ...string) *api.Team {
	t.Helper()
	if codes == nil {
		codes = []string{}
	}
	team, err := s.admin.CreateTeam(t.Context(), &api.TeamCreate{Name: name, Permissions: codes}, api.CreateTeamParams{})
	require.NoError(t, err)
	return team
}

func (s *site) getTeam(t *testing.T, id int64) *api.Team {
	t.Helper()
	team, err := s.admin.GetTeam(t.Context(), api.GetTeamParams{ID: id})
	require.NoError(t, err)
	return team
}

func (s *site) teamCount(t *testing.T) int {
	t.Helper()
	l, err := s.admin.ListTeams(t.Context(), api.ListTeamsParams{})
	require.NoError(t, err)
	return l.Count
}

func (s *site) addMember(t *testing.T, teamID, userID int64) {
	t.Helper()
	require.NoError(t, s.admin.AddTeamMember(t.Context(), &api.TeamMemberAdd{UserID: userID}, api.AddTeamMemberParams{ID: teamID}))
}

func TestCreateTeam_Is201WithSortedCodesAndNoMembers(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		team, err := s.admin.CreateTeam(t.Context(), &api.TeamCreate{
			Name: "Operators", Description: api.NewOptString("Night shift"),
			Permissions: []string{"core.datacenters.write", "assets.assets.read"},
		}, api.CreateTeamParams{})

		require.NoError(t, err)
		assert.Positive(t, team.ID)
		assert.Equal(t, "Operators", team.Name)
		assert.Equal(t, "Night shift", team.Description)
		assert.Equal(t, []string{"assets.assets.read", "core.datacenters.write"}, team.Permissions)
		assert.Zero(t, team.MemberCount)
		assert.Equal(t, team, s.getTeam(t, team.ID))
	})
}

func TestTeamMembers_AddAndRemove(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		team := s.createTeam(t, "Operators", "core.datacenters.read")
		u := s.createUser(t, api.UserCreate{Email: "jane@example.com", Password: api.NewOptString(newUserPassword)})

		s.addMember(t, team.ID, u.ID)
		s.addMember(t, team.ID, u.ID) // again: nothing changes

		assert.Equal(t, 1, s.getTeam(t, team.ID).MemberCount)
		assert.Equal(t, []api.TeamRef{{ID: team.ID, Name: "Operators"}}, s.getUser(t, u.ID).Teams)
		assert.Equal(t, []string{"core.datacenters.read"}, s.login(t, u.Email, newUserPassword).Permissions)

		params := api.RemoveTeamMemberParams{ID: team.ID, UserID: u.ID}
		require.NoError(t, s.admin.RemoveTeamMember(t.Context(), params))
		require.NoError(t, s.admin.RemoveTeamMember(t.Context(), params), "removing a non-member answers 204 too")

		assert.Zero(t, s.getTeam(t, team.ID).MemberCount)
		assert.Empty(t, s.getUser(t, u.ID).Teams)
		assert.Empty(t, s.login(t, u.Email, newUserPassword).Permissions)
	})
}

func TestListTeams_SearchesOrdersAndCountsMembers(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		ops := s.createTeam(t, "Operators")
		s.createTeam(t, "Auditors")
		s.createTeam(t, "Network operators")
		u := s.createUser(t, api.UserCreate{Email: "jane@example.com"})
		s.addMember(t, ops.ID, u.ID)
		names := func(l *api.TeamList) []string {
			out := make([]string, len(l.Results))
			for i, team := range l.Results {
				out[i] = team.Name
			}
			return out
		}

		all, err := s.admin.ListTeams(t.Context(), api.ListTeamsParams{})
		require.NoError(t, err)
		found, err := s.admin.ListTeams(t.Context(), api.ListTeamsParams{Q: api.NewOptString("OPERATOR"),
			Ordering: api.NewOptTeamOrdering(api.TeamOrderingMinusName)})
		require.NoError(t, err)

		assert.Equal(t, []string{"Auditors", "Network operators", "Operators"}, names(all))
		assert.Equal(t, 3, all.Count)
		assert.Equal(t, []int{0, 0, 1}, []int{all.Results[0].MemberCount, all.Results[1].MemberCount, all.Results[2].MemberCount})
		assert.Equal(t, []string{"Operators", "Network operators"}, names(found))
	})
}

func TestReplaceAndUpdateTeam(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		team, err := s.admin.CreateTeam(t.Context(), &api.TeamCreate{Name: "Ops", Description: api.NewOptString("x"), Permissions: []string{"assets.assets.read"}}, api.CreateTeamParams{})
		require.NoError(t, err)

		put, err := s.admin.ReplaceTeam(t.Context(), &api.TeamCreate{Name: "Operators", Permissions: []string{"core.datacenters.read"}},
			api.ReplaceTeamParams{ID: team.ID})
		require.NoError(t, err)
		assert.Equal(t, "Operators", put.Name)
		assert.Empty(t, put.Description, "an omitted description is cleared")
		assert.Equal(t, []string{"core.datacenters.read"}, put.Permissions)

		patch, err := s.admin.UpdateTeam(t.Context(), &api.TeamPatch{Description: api.NewOptString("Night shift")}, api.UpdateTeamParams{ID: team.ID})
		require.NoError(t, err)
		assert.Equal(t, "Operators", patch.Name)
		assert.Equal(t, "Night shift", patch.Description)
		assert.Equal(t, []string{"core.datacenters.read"}, patch.Permissions, "codes are left alone when not sent")

		patch, err = s.admin.UpdateTeam(t.Context(), &api.TeamPatch{Permissions: []string{}}, api.UpdateTeamParams{ID: team.ID})
		require.NoError(t, err)
		assert.Empty(t, patch.Permissions)
		assert.Equal(t, patch, s.getTeam(t, team.ID))
	})
}

func TestDeleteTeam_Is204AndItsMembersLoseItsCodes(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		team := s.createTeam(t, "Operators", "core.datacenters.read")
		u := s.createUser(t, api.UserCreate{Email: "jane@example.com", Password: api.NewOptString(newUserPassword), TeamIds: []int64{team.ID}})

		require.NoError(t, s.admin.DeleteTeam(t.Context(), api.DeleteTeamParams{ID: team.ID}))

		_, err := s.admin.GetTeam(t.Context(), api.GetTeamParams{ID: team.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		assert.Empty(t, s.getUser(t, u.ID).Teams)
		assert.Empty(t, s.login(t, u.Email, newUserPassword).Permissions)
	})
}

func TestTeam_DuplicateName_Is409NamingName(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		s.createTeam(t, "Operators")
		other := s.createTeam(t, "Auditors")
		ctx := t.Context()

		_, createErr := s.admin.CreateTeam(ctx, &api.TeamCreate{Name: "Operators", Permissions: []string{}}, api.CreateTeamParams{})
		_, putErr := s.admin.ReplaceTeam(ctx, &api.TeamCreate{Name: "Operators", Permissions: []string{}}, api.ReplaceTeamParams{ID: other.ID})
		_, patchErr := s.admin.UpdateTeam(ctx, &api.TeamPatch{Name: api.NewOptString("Operators")}, api.UpdateTeamParams{ID: other.ID})

		for _, err := range []error{createErr, putErr, patchErr} {
			p := clientProblem(t, err, http.StatusConflict, "conflict")
			assert.Equal(t, []string{"name"}, fieldNames(p))
		}
		assert.Equal(t, 2, s.teamCount(t))
		assert.Equal(t, other, s.getTeam(t, other.ID))
		_, err := s.otherTenant(t).admin.CreateTeam(ctx, &api.TeamCreate{Name: "Operators", Permissions: []string{}}, api.CreateTeamParams{})
		assert.NoError(t, err, "the same name in another tenant")
	})
}

func TestTeamBodies_BadInput_Is400NamingTheFieldAndWritesNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, path, body, field string
	}{
		{"create: unknown code", http.MethodPost, "/api/teams", `{"name":"New","permissions":["core.rockets.launch"]}`, "permissions"},
		{"create: missing permissions", http.MethodPost, "/api/teams", `{"name":"New"}`, "permissions"},
		{"create: missing name", http.MethodPost, "/api/teams", `{"permissions":[]}`, "name"},
		{"create: blank name", http.MethodPost, "/api/teams", `{"name":"  ","permissions":[]}`, "name"},
		{"create: name of 101", http.MethodPost, "/api/teams", `{"name":"` + strings.Repeat("n", 101) + `","permissions":[]}`, "name"},
		{"create: description of 501", http.MethodPost, "/api/teams", `{"name":"New","permissions":[],"description":"` + strings.Repeat("d", 501) + `"}`, "description"},
		{"create: company_id", http.MethodPost, "/api/teams", `{"name":"New","permissions":[],"company_id":1}`, "company_id"},
		{"create: member_count is read-only", http.MethodPost, "/api/teams", `{"name":"New","permissions":[],"member_count":3}`, "member_count"},
		{"put: unknown code", http.MethodPut, "/api/teams/{team}", `{"name":"Operators","permissions":["nope"]}`, "permissions"},
		{"patch: unknown code", http.MethodPatch, "/api/teams/{team}", `{"permissions":["assets.assets.read","assets.assets.fly"]}`, "permissions"},
		{"patch: empty name", http.MethodPatch, "/api/teams/{team}", `{"name":""}`, "name"},
		{"list: unknown ordering", http.MethodGet, "/api/teams?ordering=member_count", "", "ordering"},
		{"add member: missing user", http.MethodPost, "/api/teams/{team}/members", fmt.Sprintf(`{"user_id":%d}`, missingID), "user_id"},
		{"add member: user_id 0", http.MethodPost, "/api/teams/{team}/members", `{"user_id":0}`, "user_id"},
		{"add member: no user_id", http.MethodPost, "/api/teams/{team}/members", `{}`, "user_id"},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		team := s.createTeam(t, "Operators", "assets.assets.read")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := s.raw(t, tt.method, strings.ReplaceAll(tt.path, "{team}", fmt.Sprint(team.ID)), tt.body)

				assertValidationError(t, r, tt.field)
				assert.Equal(t, 1, s.teamCount(t), "nothing is written")
				assert.Equal(t, team, s.getTeam(t, team.ID))
			})
		}
	})
}

func TestTeamEndpoints_WithAnotherTenantsIDs_Are404Or400AndChangeNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		victim := newSite(t, env)
		vTeam := victim.createTeam(t, "Victims", "core.datacenters.read")
		vUser := victim.createUser(t, api.UserCreate{Email: "victim@example.com", TeamIds: []int64{vTeam.ID}})
		s := victim.otherTenant(t)
		own := s.createTeam(t, "Own")
		ownUser := s.createUser(t, api.UserCreate{Email: "own@example.com", TeamIds: []int64{own.ID}})
		ctx := t.Context()

		_, getErr := s.admin.GetTeam(ctx, api.GetTeamParams{ID: vTeam.ID})
		_, putErr := s.admin.ReplaceTeam(ctx, &api.TeamCreate{Name: "Taken", Permissions: []string{}}, api.ReplaceTeamParams{ID: vTeam.ID})
		_, patchErr := s.admin.UpdateTeam(ctx, &api.TeamPatch{Permissions: []string{}}, api.UpdateTeamParams{ID: vTeam.ID})
		deleteErr := s.admin.DeleteTeam(ctx, api.DeleteTeamParams{ID: vTeam.ID})
		addErr := s.admin.AddTeamMember(ctx, &api.TeamMemberAdd{UserID: ownUser.ID}, api.AddTeamMemberParams{ID: vTeam.ID})
		removeErr := s.admin.RemoveTeamMember(ctx, api.RemoveTeamMemberParams{ID: vTeam.ID, UserID: vUser.ID})
		removeForeignUserErr := s.admin.RemoveTeamMember(ctx, api.RemoveTeamMemberParams{ID: own.ID, UserID: vUser.ID})
		for _, err := range []error{getErr, putErr, patchErr, deleteErr, addErr, removeErr, removeForeignUserErr} {
			clientProblem(t, err, http.StatusNotFound, "not_found")
		}
		addForeignUserErr := s.admin.AddTeamMember(ctx, &api.TeamMemberAdd{UserID: vUser.ID}, api.AddTeamMemberParams{ID: own.ID})
		p := clientProblem(t, addForeignUserErr, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"user_id"}, fieldNames(p))

		got := victim.getTeam(t, vTeam.ID)
		assert.Equal(t, vTeam.Name, got.Name)
		assert.Equal(t, vTeam.Permissions, got.Permissions)
		assert.Equal(t, 1, got.MemberCount)
		assert.Equal(t, 1, victim.teamCount(t))
		assert.Equal(t, []api.TeamRef{{ID: vTeam.ID, Name: "Victims"}}, victim.getUser(t, vUser.ID).Teams)
		assert.Equal(t, 1, s.getTeam(t, own.ID).MemberCount)
		assert.Equal(t, 1, s.teamCount(t), "another tenant's team is not listed")
	})
}
