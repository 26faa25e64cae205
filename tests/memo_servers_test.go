package tests

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// Authentication remembers who a credential acts as. These tests change
// what it was read from through one server and check that the server which
// made the change refuses at once, and the other at its next request (on
// PostgreSQL once the notification has arrived, see atNextRequest).

func refusedWith(status int) func(error) bool {
	return func(err error) bool {
		var p *api.ErrorStatusCode
		return errors.As(err, &p) && p.StatusCode == status
	}
}

func listAssets(t *testing.T, c *testsupport.Client) func() error {
	return func() error {
		_, err := c.ListAssets(t.Context(), api.ListAssetsParams{})
		return err
	}
}

func TestIdentityChanges_ShowAtOnceInEveryServer_PermissionsAndDeactivation(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDBTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		a, b := sites[0], sites[1]
		tech, team := a.tn.TokenCreator(t, "tech@"+a.tn.Company.Subdomain+".test", "tech-password-1", "assets.assets.read")
		access := a.login(t, tech.Email, "tech-password-1").Access
		onA, onB := listAssets(t, a.as(t, access)), listAssets(t, b.as(t, access))
		require.NoError(t, onA(), "the first server remembers the tech")
		require.NoError(t, onB(), "the second server remembers the tech")

		_, err := a.admin.UpdateTeam(t.Context(), &api.TeamPatch{Permissions: []string{}}, api.UpdateTeamParams{ID: int64(team.ID)})
		require.NoError(t, err)
		assert.True(t, refusedWith(http.StatusForbidden)(onA()), "the permission is gone at once where it was taken")
		atNextRequest(t, second, onB, refusedWith(http.StatusForbidden))

		_, err = a.admin.UpdateTeam(t.Context(), &api.TeamPatch{Permissions: []string{"assets.assets.read"}}, api.UpdateTeamParams{ID: int64(team.ID)})
		require.NoError(t, err)
		assert.NoError(t, onA())
		atNextRequest(t, second, onB, succeeded)

		_, err = a.admin.UpdateUser(t.Context(), &api.UserPatch{IsActive: api.NewOptBool(false)}, api.UpdateUserParams{ID: int64(tech.ID)})
		require.NoError(t, err)
		assert.True(t, refusedWith(http.StatusUnauthorized)(onA()), "a deactivated user is refused at once")
		atNextRequest(t, second, onB, refusedWith(http.StatusUnauthorized))
	})
}

func TestIdentityChanges_ShowAtOnceInEveryServer_LogoutAndRevokedToken(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDBTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		a, b := sites[0], sites[1]
		pair := a.login(t, a.tn.Admin.Email, testsupport.AdminPassword)
		created := createToken(t, a.admin, api.APITokenCreate{Name: "script", Permissions: []string{"assets.assets.read"}})
		sessionA, sessionB := listAssets(t, a.as(t, pair.Access)), listAssets(t, b.as(t, pair.Access))
		tokenA, tokenB := listAssets(t, a.tokenClient(t, created.Token)), listAssets(t, b.tokenClient(t, created.Token))
		for _, warm := range []func() error{sessionA, sessionB, tokenA, tokenB} {
			require.NoError(t, warm(), "every server remembers the session and the token")
		}

		require.NoError(t, a.client(t).Logout(t.Context(), &api.LogoutRequest{Refresh: pair.Refresh}))
		assert.True(t, refusedWith(http.StatusUnauthorized)(sessionA()), "a closed session is refused at once")
		atNextRequest(t, second, sessionB, refusedWith(http.StatusUnauthorized))

		require.NoError(t, a.admin.RevokeAPIToken(t.Context(), api.RevokeAPITokenParams{ID: created.ID}))
		assert.True(t, refusedWith(http.StatusUnauthorized)(tokenA()), "a revoked token is refused at once")
		atNextRequest(t, second, tokenB, refusedWith(http.StatusUnauthorized))
	})
}

func TestReferenceChanges_ShowAtOnceInEveryServer_DatacenterAndAuthor(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDBTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		a, b := sites[0], sites[1]
		dc := a.createDatacenter(t, "DC1")
		tech, _ := a.tn.TokenCreator(t, "tech@"+a.tn.Company.Subdomain+".test", "tech-password-1",
			"assets.assets.read", "assets.assets.write")
		techClient := a.as(t, a.login(t, tech.Email, "tech-password-1").Access)
		created, err := techClient.CreateAsset(t.Context(), &api.AssetCreate{Name: "web-1", AssetType: api.AssetTypeSRV,
			DatacenterID: api.NewOptInt64(dc.ID)}, api.CreateAssetParams{})
		require.NoError(t, err)
		shown := func(s *site, check func(*api.Asset) bool) func() error {
			return func() error {
				got, err := s.admin.GetAsset(t.Context(), api.GetAssetParams{ID: created.ID})
				if err != nil {
					return err
				}
				if !check(got) {
					return errors.New("the asset shows what was remembered")
				}
				return nil
			}
		}
		for _, s := range []*site{a, b} {
			require.NoError(t, shown(s, func(*api.Asset) bool { return true })(), "every server remembers the references")
		}

		_, err = a.admin.UpdateDatacenter(t.Context(), &api.DatacenterPatch{Name: api.NewOptString("Renamed")},
			api.UpdateDatacenterParams{ID: dc.ID})
		require.NoError(t, err)
		renamed := func(got *api.Asset) bool { return got.Datacenter.Name == "Renamed" }
		assert.NoError(t, shown(a, renamed)(), "the new name shows at once where it was given")
		atNextRequest(t, second, shown(b, renamed), succeeded)

		email := "moved@" + a.tn.Company.Subdomain + ".test"
		_, err = a.admin.UpdateUser(t.Context(), &api.UserPatch{Email: api.NewOptString(email)}, api.UpdateUserParams{ID: int64(tech.ID)})
		require.NoError(t, err)
		newEmail := func(got *api.Asset) bool { return got.CreatedBy.Value.Email == email }
		assert.NoError(t, shown(a, newEmail)(), "the author's new email shows at once")
		atNextRequest(t, second, shown(b, newEmail), succeeded)
	})
}
