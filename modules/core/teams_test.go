package core_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/teammembership"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core"
)

func TestTeamInput_Validate(t *testing.T) {
	tests := []struct {
		name    string
		give    core.TeamInput
		create  bool
		wantErr []string
	}{
		{name: "create needs a name", give: core.TeamInput{}, create: true, wantErr: []string{"name"}},
		{name: "update needs nothing", give: core.TeamInput{}},
		{name: "blank name", give: core.TeamInput{Name: ptr("   ")}, wantErr: []string{"name"}},
		{name: "name of 101", give: core.TeamInput{Name: ptr(strings.Repeat("n", 101))}, wantErr: []string{"name"}},
		{name: "description of 501", give: core.TeamInput{Description: ptr(strings.Repeat("d", 501))}, wantErr: []string{"description"}},
		{name: "catalog codes", give: core.TeamInput{Name: ptr("Ops"), Permissions: []string{"assets.assets.read", "core.teams.write"}}, create: true},
		{name: "unknown code", give: core.TeamInput{Permissions: []string{"assets.assets.read", "assets.assets.fly"}}, wantErr: []string{"permissions"}},
		{name: "no codes", give: core.TeamInput{Name: ptr("Ops"), Permissions: []string{}}, create: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.give.Validate(tt.create)

			if tt.wantErr == nil {
				assert.NoError(t, err)
				return
			}
			e, ok := apperr.As(err)
			require.True(t, ok, "got %v", err)
			fields := make([]string, len(e.Fields))
			for i, f := range e.Fields {
				fields[i] = f.Field
			}
			assert.Equal(t, tt.wantErr, fields)
		})
	}
}

func TestCreateTeam_StoresCodesSortedOnce(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		team, err := env.App.Core.CreateTeam(tn.Ctx(), core.TeamInput{Name: ptr(" Ops "),
			Permissions: []string{"core.teams.write", "assets.assets.read", "core.teams.write"}})

		require.NoError(t, err)
		assert.Equal(t, "Ops", team.Name)
		assert.Equal(t, []string{"assets.assets.read", "core.teams.write"}, team.Permissions)
	})
}

func TestTeamCodes_BeyondTheCaller_AreForbiddenAndWriteNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc := env.App.Core
		u := tn.NewUser(t, "lead@example.com", testsupport.MemberPassword, false)
		tn.AddToTeam(t, tn.Team(t, "Leads", "core.teams.write", "assets.assets.read"), u)
		ctx := tn.ActingAs(t, u)
		team := tn.Team(t, "Readers", "assets.assets.read")

		_, createErr := svc.CreateTeam(ctx, core.TeamInput{Name: ptr("Writers"), Permissions: []string{"assets.assets.write"}})
		_, updateErr := svc.UpdateTeam(ctx, team.ID, core.TeamInput{Permissions: []string{"assets.assets.read", "assets.assets.write"}})

		for _, err := range []error{createErr, updateErr} {
			assert.ErrorIs(t, err, core.ErrGrantBeyondOwn)
		}
		got, err := svc.GetTeam(ctx, team.ID)
		require.NoError(t, err)
		assert.Equal(t, []string{"assets.assets.read"}, got.Permissions)
		_, err = svc.UpdateTeam(ctx, team.ID, core.TeamInput{Permissions: []string{}})
		assert.NoError(t, err, "taking codes away grants nothing")
	})
}

func TestDeleteTeam_RemovesItsMembershipsAndRecordsTheChange(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc, ctx := env.App.Core, tn.Ctx()
		team, empty := tn.Team(t, "Operators", "assets.assets.read"), tn.Team(t, "Empty")
		u := tn.NewUser(t, "jane@example.com", testsupport.MemberPassword, false)
		tn.AddToTeam(t, team, u)

		require.NoError(t, svc.DeleteTeam(ctx, team.ID))
		require.NoError(t, svc.DeleteTeam(ctx, empty.ID))

		n, err := env.App.DB.Client.TeamMembership.Query().Where(teammembership.UserID(u.ID)).Count(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
		ev := events(t, env, tn, string(core.EventPermissionsChanged))
		require.Len(t, ev, 1, "only the team with members changed anyone's permissions")
		assert.Contains(t, ev[0].Subject, "Operators")
		_, err = svc.GetTeam(ctx, team.ID)
		assert.True(t, apperr.IsKind(err, apperr.KindNotFound), "got %v", err)
	})
}
