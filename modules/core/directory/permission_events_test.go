package directory_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/core/events"
)

// permissionChange is a change to a fresh user u, created in the team ops,
// and the permissions_changed events it records beyond the create's own.
type permissionChange struct {
	name   string
	change func(u *ent.User) error // nil: only the create
	want   int
}

func permissionChanges(ctx context.Context, svc *directory.Service, ops, other *ent.Team) []permissionChange {
	update := func(id int, in directory.UserUpdate) error {
		_, err := svc.UpdateUser(ctx, id, in)
		return err
	}
	return []permissionChange{
		{"create in a team", nil, 1},
		{"rename", func(u *ent.User) error { return update(u.ID, directory.UserUpdate{FirstName: ptr("Jane")}) }, 0},
		{"same team_ids", func(u *ent.User) error { return update(u.ID, directory.UserUpdate{TeamIDs: []int{ops.ID}}) }, 0},
		{"other team_ids", func(u *ent.User) error { return update(u.ID, directory.UserUpdate{TeamIDs: []int{other.ID}}) }, 1},
		{"admin flag", func(u *ent.User) error { return update(u.ID, directory.UserUpdate{IsAdmin: ptr(true)}) }, 1},
		{"admin flag unchanged", func(u *ent.User) error { return update(u.ID, directory.UserUpdate{IsAdmin: ptr(false)}) }, 0},
		{"member added", func(u *ent.User) error { return svc.AddTeamMember(ctx, other.ID, u.ID) }, 1},
		{"member added again", func(u *ent.User) error {
			if err := svc.AddTeamMember(ctx, other.ID, u.ID); err != nil {
				return err
			}
			return svc.AddTeamMember(ctx, other.ID, u.ID)
		}, 1},
		{"member removed", func(u *ent.User) error { return svc.RemoveTeamMember(ctx, ops.ID, u.ID) }, 1},
		{"non-member removed", func(u *ent.User) error { return svc.RemoveTeamMember(ctx, other.ID, u.ID) }, 0},
		{"team codes changed", func(*ent.User) error {
			_, err := svc.UpdateTeam(ctx, other.ID, directory.TeamUpdate{Permissions: []string{"assets.assets.read"}})
			return err
		}, 1},
		{"team codes resent in another order", func(*ent.User) error {
			_, err := svc.UpdateTeam(ctx, ops.ID, directory.TeamUpdate{Name: ptr("Ops"),
				Permissions: []string{"assets.assets.read", "assets.assets.read"}})
			return err
		}, 0},
	}
}

func TestPermissionChanges_AreRecorded(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc, ctx := env.App.Directory, tn.Ctx()
		ops := tn.Team(t, "Operators", "assets.assets.read")
		other := tn.Team(t, "Auditors")
		for i, tt := range permissionChanges(ctx, svc, ops, other) {
			t.Run(tt.name, func(t *testing.T) {
				before := len(securityEvents(t, env, tn, events.PermissionsChanged))
				u, err := svc.CreateUser(ctx, directory.UserCreate{Email: "user" + string(rune('a'+i)) + "@example.com",
					TeamIDs: []int{ops.ID}})
				require.NoError(t, err)
				if tt.change != nil {
					before++ // the create's own event
					require.NoError(t, tt.change(u))
				}

				after := securityEvents(t, env, tn, events.PermissionsChanged)
				assert.Len(t, after, before+tt.want)
				for _, ev := range after[before:] {
					assert.Equal(t, tn.Admin.ID, *ev.ActorID)
				}
			})
		}
	})
}
