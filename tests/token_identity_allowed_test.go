package tests

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// What cannot outlive the token stays open to it: names, a team without
// members, sending unchanged what it may not change, deactivating.
func TestAPIToken_EditsThatDoNotOutliveIt_Work(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newIdentityFixture(t, env)
		ctx, c := t.Context(), f.bot

		renamed, err := c.UpdateUser(ctx, &api.UserPatch{FirstName: api.NewOptString("Renamed")},
			api.UpdateUserParams{ID: int64(f.member.ID)})
		require.NoError(t, err)
		assert.Equal(t, "Renamed", renamed.FirstName)
		_, err = c.ReplaceUser(ctx, &api.UserReplace{Email: f.member.Email, FirstName: "Again", IsActive: true,
			TeamIds: f.memberTeams}, api.ReplaceUserParams{ID: int64(f.member.ID)})
		require.NoError(t, err, "unchanged teams and is_active are accepted")
		_, err = c.UpdateTeam(ctx, &api.TeamPatch{Name: api.NewOptString("Operations"), Permissions: f.teamPermissions},
			api.UpdateTeamParams{ID: int64(f.team.ID)})
		require.NoError(t, err, "a rename with unchanged permissions is accepted")
		empty, err := c.CreateTeam(ctx, &api.TeamCreate{Name: "Future team", Permissions: []string{"assets.assets.read"}}, api.CreateTeamParams{})
		require.NoError(t, err, "a team without members grants nothing yet")
		require.NoError(t, c.DeleteTeam(ctx, api.DeleteTeamParams{ID: empty.ID}))
		require.NoError(t, c.DeleteUser(ctx, api.DeleteUserParams{ID: int64(f.loner.ID)}))

		assert.False(t, f.user(t, f.loner).IsActive)
		assert.Equal(t, f.memberTeams, teamIDsOf(f.user(t, f.member)))
	})
}

// A person keeps every change a token is refused.
func TestPerson_IdentityChangesRefusedToTokens_StillWork(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newIdentityFixture(t, env)
		ctx, c := t.Context(), f.admin
		team := int64(f.team.ID)

		_, err := c.CreateUser(ctx, &api.UserCreate{Email: "hired@example.com", Password: api.NewOptString("chosen-by-a-person-1")}, api.CreateUserParams{})
		require.NoError(t, err)
		_, err = c.CreateUser(ctx, &api.UserCreate{Email: "invited@example.com"}, api.CreateUserParams{})
		require.NoError(t, err)
		_, err = c.UpdateUser(ctx, &api.UserPatch{IsActive: api.NewOptBool(true)}, api.UpdateUserParams{ID: int64(f.inactive.ID)})
		require.NoError(t, err)
		_, err = c.UpdateUser(ctx, &api.UserPatch{TeamIds: []int64{team, int64(f.extraTeam.ID)}},
			api.UpdateUserParams{ID: int64(f.member.ID)})
		require.NoError(t, err)
		require.NoError(t, c.AddTeamMember(ctx, &api.TeamMemberAdd{UserID: int64(f.loner.ID)}, api.AddTeamMemberParams{ID: team}))
		require.NoError(t, c.RemoveTeamMember(ctx, api.RemoveTeamMemberParams{ID: team, UserID: int64(f.member.ID)}))
		_, err = c.UpdateTeam(ctx, &api.TeamPatch{Permissions: []string{}}, api.UpdateTeamParams{ID: team})
		require.NoError(t, err)
		require.NoError(t, c.DeleteTeam(ctx, api.DeleteTeamParams{ID: team}))

		assert.True(t, f.user(t, f.inactive).IsActive)
		assert.Equal(t, []int64{int64(f.extraTeam.ID)}, teamIDsOf(f.user(t, f.member)))
		for _, ev := range f.securityEvents(t, api.ListSecurityEventsParams{Limit: api.NewOptInt(100)}).Results {
			assert.True(t, ev.APITokenID.IsNull(), "%s by a person names no token", ev.Type)
		}
	})
}

// The creator alone is not the whole story: an event caused through a
// token names the token, so revoking it can be judged from the log.
func TestSecurityEvent_CausedThroughAToken_NamesTheToken(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newIdentityFixture(t, env)

		require.NoError(t, f.bot.DeleteUser(t.Context(), api.DeleteUserParams{ID: int64(f.loner.ID)}))

		l := f.securityEvents(t, api.ListSecurityEventsParams{Type: api.NewOptSecurityEventType(api.SecurityEventTypeUserDeactivated)})
		byTarget := map[string]api.SecurityEvent{}
		for _, ev := range l.Results {
			for _, email := range []string{f.loner.Email, f.inactive.Email} {
				if strings.Contains(ev.Subject, email) {
					byTarget[email] = ev
				}
			}
		}
		require.Len(t, byTarget, 2)
		byToken := byTarget[f.loner.Email]
		assert.Equal(t, f.tokenID, byToken.APITokenID.Value)
		assert.False(t, byToken.APITokenID.IsNull())
		assert.Equal(t, int64(f.tn.Admin.ID), byToken.Actor.Value.ID, "the actor is still the token's creator")
		assert.True(t, byTarget[f.inactive.Email].APITokenID.IsNull(), "the admin's own deactivation names no token")
	})
}
