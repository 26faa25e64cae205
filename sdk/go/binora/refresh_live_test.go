package binora_test

// Session refresh against a live server; the set-up helpers are in
// live_test.go.

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/sdk/go/binora"
	"github.com/binora/binora/sdk/go/binoraapi"
)

func TestRefreshOn401(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)
	tr := newCountingTransport()
	c := login(t, tn, tr)
	valid := c.Tokens()

	// A garbage access token with a valid refresh token: the request is
	// answered 401, refreshed once and retried.
	c.SetTokens(binora.Tokens{Access: "garbage", Refresh: valid.Refresh})
	dc, _, err := binora.Object[binoraapi.Datacenter](c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "After refresh", Code: "AR1"}, binoraapi.CreateDatacenterParams{}))
	require.NoError(t, err, "the request body must be replayed after the refresh")
	assert.Equal(t, "AR1", dc.Code)
	assert.Equal(t, 1, tr.count("/api/auth/refresh"))
	assert.Equal(t, 2, tr.count("/api/datacenters"), "one 401, one retry")

	now := c.Tokens()
	assert.NotEqual(t, "garbage", now.Access)
	assert.NotEmpty(t, now.Access)
	assert.NotEqual(t, valid.Refresh, now.Refresh, "the refresh token rotates")

	// The new tokens work without another refresh.
	_, _, err = binora.Object[binoraapi.Datacenter](c.GetDatacenter(ctx, binoraapi.GetDatacenterParams{ID: dc.ID}))
	require.NoError(t, err)
	assert.Equal(t, 1, tr.count("/api/auth/refresh"))

	// An explicit refresh rotates again.
	require.NoError(t, c.Refresh(ctx))
	assert.Equal(t, 2, tr.count("/api/auth/refresh"))
	assert.NotEqual(t, now.Refresh, c.Tokens().Refresh)
}

func TestConcurrentRequestsShareOneRefresh(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)
	tr := newCountingTransport()
	tr.refreshDelay = 200 * time.Millisecond
	c := login(t, tn, tr)
	c.SetTokens(binora.Tokens{Access: "garbage", Refresh: c.Tokens().Refresh})

	const n = 20
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		ok    atomic.Int32
		errs  = make(chan error, n)
	)
	for range n {
		wg.Go(func() {
			<-start
			_, err := c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
			if err != nil {
				errs <- err
				return
			}
			ok.Add(1)
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.Equal(t, int32(n), ok.Load())
	assert.Equal(t, 1, tr.count("/api/auth/refresh"), "concurrent 401s share a single refresh")
	assert.Equal(t, 2*n, tr.count("/api/datacenters"), "each request is retried once")
}

func TestFailedRefreshSurfaces401(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)

	t.Run("unknown refresh token", func(t *testing.T) {
		tr := newCountingTransport()
		var last binora.Tokens
		c := login(t, tn, tr, binora.WithTokenCallback(func(tok binora.Tokens) { last = tok }))
		c.SetTokens(binora.Tokens{Access: "garbage", Refresh: "not-a-refresh-token"})

		_, err := c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
		requireProblem(t, err, http.StatusUnauthorized, "")
		assert.Equal(t, 1, tr.count("/api/auth/refresh"))
		assert.Equal(t, 1, tr.count("/api/datacenters"), "no retry without a new token")

		// The refused session is forgotten, and the callback heard of it.
		assert.True(t, c.Tokens().IsZero())
		assert.True(t, last.IsZero())
		_, err = c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
		require.ErrorIs(t, err, binora.ErrNotLoggedIn)
		assert.Equal(t, 1, tr.count("/api/auth/refresh"))
	})

	t.Run("session ended by logout", func(t *testing.T) {
		tr := newCountingTransport()
		c := login(t, tn, tr)
		saved := c.Tokens()
		require.NoError(t, c.Logout(ctx))

		c.SetTokens(binora.Tokens{Access: "garbage", Refresh: saved.Refresh})
		_, err := c.GetMe(ctx)
		requireProblem(t, err, http.StatusUnauthorized, "")
		assert.Equal(t, 1, tr.count("/api/auth/refresh"))
	})

	t.Run("concurrent requests all get the 401", func(t *testing.T) {
		tr := newCountingTransport()
		tr.refreshDelay = 100 * time.Millisecond
		c := login(t, tn, tr)
		c.SetTokens(binora.Tokens{Access: "garbage", Refresh: "not-a-refresh-token"})
		var wg sync.WaitGroup
		errs := make([]error, 10)
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
			})
		}
		wg.Wait()
		for _, err := range errs {
			if errors.Is(err, binora.ErrNotLoggedIn) {
				continue // started after the refused refresh cleared the session
			}
			requireProblem(t, err, http.StatusUnauthorized, "")
		}
		assert.Equal(t, 1, tr.count("/api/auth/refresh"))
	})
}

func TestRestoredSession(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)
	first := login(t, tn, nil)
	saved := first.Tokens()

	// A client started from saved tokens needs no login.
	tr := newCountingTransport()
	c, err := binora.New(liveURL(t), tn.subdomain,
		binora.WithTokens(saved), binora.WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, err)
	me, err := c.GetMe(ctx)
	require.NoError(t, err)
	assert.Equal(t, tn.email, me.User.Email)
	assert.Equal(t, 0, tr.count("/api/auth/refresh"))

	// With only a refresh token, the first request refreshes first.
	c.SetTokens(binora.Tokens{Refresh: saved.Refresh})
	_, err = c.GetMe(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, tr.count("/api/auth/refresh"))
	assert.Equal(t, 2, tr.count("/api/auth/me"))
}

func TestAPIToken(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)
	admin := login(t, tn, nil)
	_, _, err := binora.Object[binoraapi.Datacenter](admin.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Lyon", Code: "LYS1"}, binoraapi.CreateDatacenterParams{}))
	require.NoError(t, err)
	created, _, err := binora.Object[binoraapi.APITokenCreated](admin.CreateAPIToken(ctx, &binoraapi.APITokenCreate{
		Name:        "sdk test",
		Permissions: []string{"core.datacenters.read"},
	}, binoraapi.CreateAPITokenParams{}))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(created.Token, "bnr_"), created.Token)

	tr := newCountingTransport()
	c, err := binora.New(liveURL(t), "ignored-with-an-api-token",
		binora.WithAPIToken(created.Token), binora.WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, err)
	assert.True(t, c.UsesAPIToken())
	assert.Empty(t, c.Tenant())

	list, err := c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
	require.NoError(t, err)
	require.Equal(t, 1, list.Count)
	assert.Equal(t, "LYS1", list.Results[0].Code)
	assert.Equal(t, map[string]int{"": 1}, tr.tenantsSeen(), "no X-Tenant header with an API token")

	// Permissions the token lacks.
	_, err = c.ListAssets(ctx, binoraapi.ListAssetsParams{})
	requireProblem(t, err, http.StatusForbidden, "permission_denied")

	_, err = c.Login(ctx, tn.email, tn.password)
	require.ErrorIs(t, err, binora.ErrAPITokenMode)
	require.ErrorIs(t, c.Refresh(ctx), binora.ErrAPITokenMode)

	// A revoked token answers 401, with no refresh attempt.
	require.NoError(t, binora.Done(admin.RevokeAPIToken(ctx, binoraapi.RevokeAPITokenParams{ID: created.ID})))
	_, err = c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
	requireProblem(t, err, http.StatusUnauthorized, "")
	assert.Equal(t, 0, tr.count("/api/auth/refresh"))
	assert.Equal(t, 2, tr.count("/api/datacenters"))
}

func TestTenantHeader(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	tr := newCountingTransport()
	c := login(t, tn, tr)
	_, err := c.GetMe(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, map[string]int{tn.subdomain: 2}, tr.tenantsSeen())
}
