package directory_test

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
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/core/events"

	"github.com/binora/binora/internal/validation/validationtest"
)

func TestCreateUser_BadInput_NamesTheFieldsAndWritesNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		tests := []struct {
			name       string
			give       directory.UserCreate
			wantFields []string
		}{
			{"no email", directory.UserCreate{}, []string{"email"}},
			{"common password", directory.UserCreate{Email: "jane@example.com", Password: ptr("qwertyuiop")}, []string{"password"}},
			{"long names and a bad team id", directory.UserCreate{Email: "jane@example.com",
				FirstName: strings.Repeat("f", 151), TeamIDs: []int{0}}, []string{"first_name", "team_ids"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := env.App.Directory.CreateUser(tn.Ctx(), tt.give)

				assert.Equal(t, tt.wantFields, validationtest.Fields(t, err))
			})
		}
		n, err := env.App.DB.Client.User.Query().Where(user.IDNEQ(tn.Admin.ID)).Count(tn.Ctx())
		require.NoError(t, err)
		assert.Zero(t, n, "nothing was written")
	})
}

func TestUpdateUser_BadInput_NamesTheFieldsAndChangesNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		_, err := env.App.Directory.UpdateUser(tn.Ctx(), tn.Admin.ID, directory.UserUpdate{
			Email: ptr("not an email"), LastName: ptr(strings.Repeat("l", 151)), IsAdmin: ptr(false),
		})

		assert.Equal(t, []string{"email", "last_name"}, validationtest.Fields(t, err))
		got, err := env.App.Directory.GetUser(tn.Ctx(), tn.Admin.ID)
		require.NoError(t, err)
		assert.Equal(t, tn.Admin.Email, got.Email)
		assert.True(t, got.IsAdmin)
	})
}

func TestLastAdmin_ConcurrentRemovals_LeaveExactlyOneAdmin(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		svc := env.App.Directory
		for round := range 5 {
			tn := testsupport.NewTenant(t, env)
			second := tn.NewUser(t, "second@example.com", testsupport.MemberPassword, true)
			removals := []func() error{
				func() error { return svc.DeactivateUser(tn.Ctx(), tn.Admin.ID) },
				func() error {
					_, err := svc.UpdateUser(tn.Ctx(), second.ID, directory.UserUpdate{IsAdmin: ptr(false)})
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
					require.True(t, errors.Is(err, directory.ErrLastAdmin), "round %d: %v", round, err)
					refused++
				}
			}
			assert.Equal(t, 1, refused, "round %d: exactly one removal is refused", round)
			active, err := svc.ListUsers(tn.Ctx(), directory.UserFilter{IsActive: ptr(true), Params: listing.Params{Page: listing.Page{Limit: 100}}})
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

func TestDeactivateUser_RevokesSessionsAndTokensAndRecordsIt(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc, client := env.App.Directory, env.App.DB.Client
		u := tn.NewUser(t, "jane@example.com", testsupport.MemberPassword, false)
		other := tn.NewUser(t, "john@example.com", testsupport.MemberPassword, false)
		for _, who := range []*ent.User{u, other} {
			ctx := tenancy.WithActor(context.Background(), tn.Company.ID, &tenancy.Actor{UserID: who.ID})
			_, err := env.App.Sessions.Login(ctx, who.Email, testsupport.MemberPassword)
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
		ev := securityEvents(t, env, tn, events.UserDeactivated)
		require.Len(t, ev, 1)
		assert.Equal(t, tn.Admin.ID, *ev[0].ActorID)
		assert.Contains(t, ev[0].Subject, "jane@example.com")

		require.NoError(t, svc.DeactivateUser(tn.Ctx(), u.ID))
		assert.Len(t, securityEvents(t, env, tn, events.UserDeactivated), 1, "deactivating again records nothing")
	})
}
