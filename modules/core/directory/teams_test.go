package directory_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/core/events"

	"github.com/binora/binora/internal/validation/validationtest"
)

func TestCreateTeam_StoresCodesSortedOnce(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		team, err := env.App.Directory.CreateTeam(tn.Ctx(), directory.TeamCreate{Name: " Ops ",
			Permissions: []string{"core.teams.write", "assets.assets.read", "core.teams.write"}})

		require.NoError(t, err)
		assert.Equal(t, "Ops", team.Name)
		assert.Equal(t, []string{"assets.assets.read", "core.teams.write"}, team.Permissions)
	})
}

func TestCreateTeam_BadInput_NamesTheFields(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		_, err := env.App.Directory.CreateTeam(tn.Ctx(), directory.TeamCreate{Name: " ", Permissions: []string{"assets.assets.fly"}})

		assert.Equal(t, []string{"name", "permissions"}, validationtest.Fields(t, err))
	})
}

func TestTeamCodes_BeyondTheCaller_AreForbiddenAndWriteNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc := env.App.Directory
		u := tn.NewUser(t, "lead@example.com", testsupport.MemberPassword, false)
		tn.AddToTeam(t, tn.Team(t, "Leads", "core.teams.write", "assets.assets.read"), u)
		ctx := tn.ActingAs(t, u)
		team := tn.Team(t, "Readers", "assets.assets.read")

		_, createErr := svc.CreateTeam(ctx, directory.TeamCreate{Name: "Writers", Permissions: []string{"assets.assets.write"}})
		_, updateErr := svc.UpdateTeam(ctx, team.ID, directory.TeamUpdate{Permissions: []string{"assets.assets.read", "assets.assets.write"}})

		for _, err := range []error{createErr, updateErr} {
			assert.ErrorIs(t, err, directory.ErrGrantBeyondOwn)
		}
		got, err := svc.GetTeam(ctx, team.ID)
		require.NoError(t, err)
		assert.Equal(t, []string{"assets.assets.read"}, got.Permissions)
		_, err = svc.UpdateTeam(ctx, team.ID, directory.TeamUpdate{Permissions: []string{}})
		assert.NoError(t, err, "taking codes away grants nothing")
		got, err = svc.GetTeam(ctx, team.ID)
		require.NoError(t, err)
		assert.Empty(t, got.Permissions, "an empty list takes every code away")
	})
}

func TestDeleteTeam_RemovesItsMembershipsAndRecordsTheChange(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc, ctx := env.App.Directory, tn.Ctx()
		team, empty := tn.Team(t, "Operators", "assets.assets.read"), tn.Team(t, "Empty")
		u := tn.NewUser(t, "jane@example.com", testsupport.MemberPassword, false)
		tn.AddToTeam(t, team, u)

		require.NoError(t, svc.DeleteTeam(ctx, team.ID))
		require.NoError(t, svc.DeleteTeam(ctx, empty.ID))

		n, err := env.App.DB.Client.TeamMembership.Query().Where(teammembership.UserID(u.ID)).Count(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
		ev := securityEvents(t, env, tn, events.PermissionsChanged)
		require.Len(t, ev, 1, "only the team with members changed anyone's permissions")
		assert.Contains(t, ev[0].Subject, "Operators")
		_, err = svc.GetTeam(ctx, team.ID)
		assert.True(t, apperr.IsKind(err, apperr.KindNotFound), "got %v", err)
	})
}
