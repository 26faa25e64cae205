package core_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/apitoken"
	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core"
)

func TestUserInput_Validate(t *testing.T) {
	tests := []struct {
		name    string
		give    core.UserInput
		create  bool
		wantErr []string // the fields named, in order
	}{
		{name: "create needs an email", give: core.UserInput{}, create: true, wantErr: []string{"email"}},
		{name: "update needs nothing", give: core.UserInput{}},
		{name: "an email is normalised", give: core.UserInput{Email: ptr("  Jane@Example.COM ")}, create: true},
		{name: "not an email", give: core.UserInput{Email: ptr("jane at example.com")}, wantErr: []string{"email"}},
		{name: "display name is not an address", give: core.UserInput{Email: ptr("Jane <jane@example.com>")}, wantErr: []string{"email"}},
		{name: "long names", give: core.UserInput{FirstName: ptr(strings.Repeat("f", 151)), LastName: ptr(strings.Repeat("l", 151))},
			wantErr: []string{"first_name", "last_name"}},
		{name: "150 characters is fine", give: core.UserInput{FirstName: ptr(strings.Repeat("é", 150))}},
		{name: "common password", give: core.UserInput{Email: ptr("jane@example.com"), Password: ptr("qwertyuiop")}, create: true,
			wantErr: []string{"password"}},
		{name: "password equal to the email", give: core.UserInput{Email: ptr("jane@example.com"), Password: ptr("Jane@example.com")},
			create: true, wantErr: []string{"password"}},
		{name: "a password on update", give: core.UserInput{Password: ptr("correct-horse-battery-7")}, wantErr: []string{"password"}},
		{name: "team id 0", give: core.UserInput{TeamIDs: []int{3, 0}}, wantErr: []string{"team_ids"}},
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

// events returns the tenant's security events of the given types, oldest
// first.
func events(t *testing.T, env *testsupport.Env, tn *testsupport.Tenant, types ...string) []*ent.SecurityEvent {
	t.Helper()
	list, err := env.App.DB.Client.SecurityEvent.Query().
		Where(securityevent.TypeIn(types...)).
		Order(securityevent.ByID()).
		All(tn.Ctx())
	require.NoError(t, err)
	return list
}

func TestDeactivateUser_RevokesSessionsAndTokensAndRecordsIt(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc, client := env.App.Core, env.App.DB.Client
		u := tn.NewUser(t, "jane@example.com", testsupport.MemberPassword, false)
		other := tn.NewUser(t, "john@example.com", testsupport.MemberPassword, false)
		for _, who := range []*ent.User{u, other} {
			ctx := tenancy.WithViewer(context.Background(), &tenancy.Viewer{CompanyID: tn.Company.ID, UserID: who.ID})
			_, err := svc.Login(ctx, who.Email, testsupport.MemberPassword)
			require.NoError(t, err)
			require.NoError(t, client.APIToken.Create().SetName("sync").SetSecretHash(strings.Repeat("a", 64)).Exec(ctx))
		}

		require.NoError(t, svc.DeactivateUser(tn.Ctx(), u.ID))

		got, err := svc.GetUser(tn.Ctx(), u.ID)
		require.NoError(t, err)
		assert.False(t, got.IsActive)
		live := func(userID int) (sessions, tokens int) {
			sessions, err := client.Session.Query().Where(session.UserID(userID), session.RevokedAtIsNil()).Count(tn.Ctx())
			require.NoError(t, err)
			tokens, err = client.APIToken.Query().Where(apitoken.CreatedBy(userID), apitoken.RevokedAtIsNil()).Count(tn.Ctx())
			require.NoError(t, err)
			return sessions, tokens
		}
		s, tok := live(u.ID)
		assert.Equal(t, []int{0, 0}, []int{s, tok}, "jane's sessions and tokens are revoked")
		s, tok = live(other.ID)
		assert.Equal(t, []int{1, 1}, []int{s, tok}, "john's are not")
		ev := events(t, env, tn, string(core.EventUserDeactivated))
		require.Len(t, ev, 1)
		assert.Equal(t, tn.Admin.ID, *ev[0].ActorID)
		assert.Contains(t, ev[0].Subject, "jane@example.com")

		require.NoError(t, svc.DeactivateUser(tn.Ctx(), u.ID))
		assert.Len(t, events(t, env, tn, string(core.EventUserDeactivated)), 1, "deactivating again records nothing")
	})
}

func TestLastAdmin_ConcurrentRemovals_LeaveExactlyOneAdmin(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		svc := env.App.Core
		for round := range 5 {
			tn := testsupport.NewTenant(t, env)
			second := tn.NewUser(t, "second@example.com", testsupport.MemberPassword, true)
			demote := false
			removals := []func() error{
				func() error { return svc.DeactivateUser(tn.Ctx(), tn.Admin.ID) },
				func() error {
					_, err := svc.UpdateUser(tn.Ctx(), second.ID, core.UserInput{IsAdmin: &demote})
					return err
				},
			}
			errs := make([]error, len(removals))
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i, remove := range removals {
				wg.Go(func() {
					<-start
					errs[i] = remove()
				})
			}
			close(start)
			wg.Wait()

			refused := 0
			for _, err := range errs {
				if err != nil {
					require.True(t, errors.Is(err, core.ErrLastAdmin), "round %d: %v", round, err)
					refused++
				}
			}
			assert.Equal(t, 1, refused, "round %d: exactly one removal is refused", round)
			active, err := svc.ListUsers(tn.Ctx(), core.UserFilter{IsActive: ptr(true), Page: listing.Page{Limit: 100}})
			require.NoError(t, err)
			n := 0
			for _, u := range active.Items {
				if u.IsAdmin {
					n++
				}
			}
			assert.Equal(t, 1, n, "round %d: one active admin is left", round)
		}
	})
}

func TestPermissionChanges_AreRecorded(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc, ctx := env.App.Core, tn.Ctx()
		ops := tn.Team(t, "Operators", "assets.assets.read")
		other := tn.Team(t, "Auditors")
		yes, no := true, false
		tests := []struct {
			name   string
			change func(u *ent.User) error
			want   int // permissions_changed events it records
		}{
			{"create in a team", nil, 1},
			{"rename", func(u *ent.User) error {
				_, err := svc.UpdateUser(ctx, u.ID, core.UserInput{FirstName: ptr("Jane")})
				return err
			}, 0},
			{"same team_ids", func(u *ent.User) error {
				_, err := svc.UpdateUser(ctx, u.ID, core.UserInput{TeamIDs: []int{ops.ID}})
				return err
			}, 0},
			{"other team_ids", func(u *ent.User) error {
				_, err := svc.UpdateUser(ctx, u.ID, core.UserInput{TeamIDs: []int{other.ID}})
				return err
			}, 1},
			{"admin flag", func(u *ent.User) error {
				_, err := svc.UpdateUser(ctx, u.ID, core.UserInput{IsAdmin: &yes})
				return err
			}, 1},
			{"admin flag unchanged", func(u *ent.User) error {
				_, err := svc.UpdateUser(ctx, u.ID, core.UserInput{IsAdmin: &no})
				return err
			}, 0},
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
				_, err := svc.UpdateTeam(ctx, other.ID, core.TeamInput{Permissions: []string{"assets.assets.read"}})
				return err
			}, 1},
			{"team codes resent in another order", func(*ent.User) error {
				_, err := svc.UpdateTeam(ctx, ops.ID, core.TeamInput{Name: ptr("Ops"), Permissions: []string{"assets.assets.read", "assets.assets.read"}})
				return err
			}, 0},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := len(events(t, env, tn, string(core.EventPermissionsChanged)))
				u, err := svc.CreateUser(ctx, core.UserInput{Email: ptr("user" + string(rune('a'+i)) + "@example.com"), TeamIDs: []int{ops.ID}})
				require.NoError(t, err)
				if tt.change != nil {
					before++ // the create's own event
					require.NoError(t, tt.change(u))
				}

				after := events(t, env, tn, string(core.EventPermissionsChanged))
				assert.Len(t, after, before+tt.want)
				for _, ev := range after[before:] {
					assert.Equal(t, tn.Admin.ID, *ev.ActorID)
				}
			})
		}
	})
}
