package tests

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/permissions"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/apitokens"
)

// Holding every code of the catalog is not being an admin: a team or an
// API token can grant them all. Neither may reach an admin's account, whose
// email decides where a password reset goes.
func TestEveryCodeButNotAdmin_CannotTakeOverAnAdmin(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		all := permissions.All()
		member := s.tn.NewMember(t, s.url, "", all...)
		_, secret := s.tn.APIToken(t, s.tn.Ctx(), apitokens.Create{Name: "automation", Permissions: all})
		bot := testsupport.NewClient(t, s.url, "", secret)
		adminID := api.UpdateUserParams{ID: int64(s.tn.Admin.ID)}

		for name, c := range map[string]*testsupport.Client{"member holding every code": member.Client, "API token": bot} {
			_, err := c.UpdateUser(context.Background(), &api.UserPatch{Email: api.NewOptString("attacker@evil.example")}, adminID)
			p := testsupport.Problem(t, err)
			assert.Equal(t, http.StatusForbidden, p.StatusCode, name)
			err = c.DeleteUser(context.Background(), api.DeleteUserParams{ID: int64(s.tn.Admin.ID)})
			assert.Equal(t, http.StatusForbidden, testsupport.Problem(t, err).StatusCode, name)
		}

		got, err := s.admin.GetUser(context.Background(), api.GetUserParams{ID: int64(s.tn.Admin.ID)})
		require.NoError(t, err)
		assert.Equal(t, s.tn.Admin.Email, got.Email)
		assert.True(t, got.IsActive)
	})
}

func TestAPIToken_CannotChangeAnyonesEmail(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		plain := s.tn.NewUser(t, "plain@"+s.tn.Company.Subdomain+".test", testsupport.MemberPassword, false)
		_, secret := s.tn.APIToken(t, s.tn.Ctx(), apitokens.Create{Name: "automation", Permissions: permissions.All()})
		bot := testsupport.NewClient(t, s.url, "", secret)

		_, err := bot.UpdateUser(context.Background(), &api.UserPatch{Email: api.NewOptString("elsewhere@evil.example")},
			api.UpdateUserParams{ID: int64(plain.ID)})
		assert.Equal(t, http.StatusForbidden, testsupport.Problem(t, err).StatusCode)

		renamed, err := bot.UpdateUser(context.Background(), &api.UserPatch{FirstName: api.NewOptString("Plain")},
			api.UpdateUserParams{ID: int64(plain.ID)})
		require.NoError(t, err, "other fields stay open to the token")
		assert.Equal(t, plain.Email, renamed.Email)
	})
}

// Taking a code away from a team's members is a permission change too.
func TestTeam_NonAdminCannotTakeAwayOrDeleteCodesTheyLack(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		managers := s.tn.NewMember(t, s.url, "", "core.teams.read", "core.teams.write", "core.teams.delete")
		strong := s.tn.Team(t, "Asset managers", "assets.assets.delete", "assets.assets.read")

		_, err := managers.Client.UpdateTeam(context.Background(), &api.TeamPatch{Permissions: []string{"assets.assets.read"}},
			api.UpdateTeamParams{ID: int64(strong.ID)})
		assert.Equal(t, http.StatusForbidden, testsupport.Problem(t, err).StatusCode)
		err = managers.Client.DeleteTeam(context.Background(), api.DeleteTeamParams{ID: int64(strong.ID)})
		assert.Equal(t, http.StatusForbidden, testsupport.Problem(t, err).StatusCode)

		kept, err := s.admin.GetTeam(context.Background(), api.GetTeamParams{ID: int64(strong.ID)})
		require.NoError(t, err)
		assert.Equal(t, []string{"assets.assets.delete", "assets.assets.read"}, kept.Permissions)
	})
}

// Guesses fired at once must not all pass the failed-login limit before the
// first failure is counted.
func TestLogin_ParallelGuesses_AreLimitedLikeSequentialOnes(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		const guesses = 20
		var wg sync.WaitGroup
		var mu sync.Mutex
		kinds := map[apperr.Kind]int{}
		for i := 0; i < guesses; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := env.App.Sessions.Login(tn.Ctx(), tn.Admin.Email, "wrong-password-guess")
				e, ok := apperr.As(err)
				mu.Lock()
				defer mu.Unlock()
				if ok {
					kinds[e.Kind]++
				}
			}()
		}
		wg.Wait()

		assert.Equal(t, 5, kinds[apperr.KindUnauthenticated], "only the allowed number of guesses is checked")
		assert.Equal(t, guesses-5, kinds[apperr.KindRateLimited])
	})
}

// A login with a long email of multi-byte characters is an ordinary
// failure, recorded as such, not a server error.
func TestLogin_LongMultibyteEmail_IsAnOrdinaryFailure(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		email := strings.Repeat("é", 120) + "@" + strings.Repeat("ü", 120) + ".test"

		_, err := env.App.Sessions.Login(tn.Ctx(), email, "whatever-password")

		assert.True(t, apperr.IsKind(err, apperr.KindUnauthenticated), "got %v", err)
	})
}
