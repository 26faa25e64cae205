package tests

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// Two servers on one PostgreSQL database answer as one: what one counts,
// stores, revokes or switches off, the other sees. Each test sends its
// requests to the two servers in turn.

// twoSites serves first and second and creates a tenant through first; it
// returns the tenant as each server serves it, with its admin logged in
// through that server.
func twoSites(t *testing.T, first, second *testsupport.Env) [2]*site {
	t.Helper()
	a := newSite(t, first)
	url := testsupport.Serve(t, second)
	return [2]*site{a, {env: second, url: url, tn: a.tn, admin: a.tn.AdminClient(t, url)}}
}

func TestTwoServers_CountLoginFailuresTogether(t *testing.T) {
	t.Parallel()
	testsupport.OnPostgresTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		email := sites[0].tn.Admin.Email
		for i := range config.DefaultLoginFailuresPerWindow {
			r := sites[i%2].loginRaw(t, email, "wrong-guess-"+strconv.Itoa(i))
			require.Equal(t, http.StatusUnauthorized, r.Status, "failure %d: %s", i+1, r.Body)
		}

		for _, s := range sites {
			assertRateLimited(t, s.loginRaw(t, email, testsupport.AdminPassword), config.DefaultLoginFailureWindow)
		}
	})
}

func TestTwoServers_ShareThePerAddressLimit(t *testing.T) {
	t.Parallel()
	testsupport.OnPostgresTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second) // two logins from 127.0.0.1 already
		reset := rawRequest{Method: http.MethodPost, Path: "/api/auth/password-reset",
			Tenant: sites[0].tn.Company.Subdomain, Body: `{"email":"nobody@servers.test"}`}
		accepted := 0
		for i := 0; i < 2*config.DefaultAuthRequestsPerMinute; i++ {
			r := send(t, sites[i%2].url, reset)
			if r.Status != http.StatusAccepted {
				assertRateLimited(t, r, time.Minute)
				break
			}
			accepted++
		}

		assert.Equal(t, config.DefaultAuthRequestsPerMinute-2, accepted, "one limit for both servers")
		for _, s := range sites {
			assertRateLimited(t, send(t, s.url, reset), time.Minute)
			assertRateLimited(t, s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword), time.Minute)
		}
	})
}

func TestTwoServers_ShareThePerEmailResetLimit(t *testing.T) {
	t.Parallel()
	testsupport.OnPostgresTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		email := sites[0].tn.Admin.Email
		for i := 0; i <= config.DefaultLoginFailuresPerWindow; i++ {
			sites[i%2].requestReset(t, email)
		}

		second.App.Drain()
		assert.Len(t, sites[0].tn.Outbox(t, email), config.DefaultLoginFailuresPerWindow,
			"the request past the limit sends nothing, whichever server it reached")
	})
}

func TestTwoServers_ReplayAnIdempotencyKeyOfTheOther(t *testing.T) {
	t.Parallel()
	testsupport.OnPostgresTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		dc := sites[0].createDatacenter(t, "TWO1")
		body := fmt.Sprintf(`{"name":"web-1","asset_type":"SRV","datacenter_id":%d}`, dc.ID)

		created := sites[0].rawKeyedCreate(t, "/api/assets", body, "two-servers-1")
		replayed := sites[1].rawKeyedCreate(t, "/api/assets", body, "two-servers-1")

		require.Equal(t, http.StatusCreated, created.Status, "body: %s", created.Body)
		assert.Equal(t, http.StatusCreated, replayed.Status)
		assert.Equal(t, "true", replayed.Header.Get("Idempotent-Replayed"))
		assert.Equal(t, string(created.Body), string(replayed.Body))
		assert.Equal(t, 1, sites[1].assetCount(t))
	})
}

func TestTwoServers_RefuseASessionTheOtherEnded(t *testing.T) {
	t.Parallel()
	testsupport.OnPostgresTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		pair := sites[0].login(t, sites[0].tn.Admin.Email, testsupport.AdminPassword)
		getMe := func() error { _, err := sites[1].as(t, pair.Access).GetMe(t.Context()); return err }
		require.NoError(t, getMe(), "the second server serves (and remembers) the first's session")

		require.NoError(t, sites[0].client(t).Logout(t.Context(), &api.LogoutRequest{Refresh: pair.Refresh}))

		atNextRequest(t, second, getMe, refusedWith(http.StatusUnauthorized))
		sites[1].assertSessionDead(t, pair.Access)
		sites[1].assertRefreshRefused(t, pair.Refresh)
	})
}

func TestTwoServers_DeactivatedTenantIsGoneFromBoth(t *testing.T) {
	t.Parallel()
	testsupport.OnPostgresTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		getMe := func() error { _, err := sites[1].admin.GetMe(t.Context()); return err }
		require.NoError(t, getMe(), "the second server caches the tenant")

		_, err := first.App.Platform.SetTenantActive(t.Context(), sites[0].tn.Company.Subdomain, false)
		require.NoError(t, err)

		atNextRequest(t, second, getMe, isTenantNotFound)
		_, err = sites[0].admin.GetMe(t.Context())
		assert.True(t, isTenantNotFound(err), "got %v", err)
	})
}

func TestTwoServers_HandOutConsecutiveAssetCodes(t *testing.T) {
	t.Parallel()
	testsupport.OnPostgresTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		dc := sites[0].createDatacenter(t, "TWO2")
		var codes []string
		for i := range 6 {
			codes = append(codes, sites[i%2].server(t, dc, "srv-"+strconv.Itoa(i)).Code)
		}

		assert.Equal(t, []string{"SRV-00001", "SRV-00002", "SRV-00003", "SRV-00004", "SRV-00005", "SRV-00006"}, codes)
	})
}
