package binora_test

// These tests run against a live server: .ci/with-live-server starts one and
// exports BINORA_URL, plus BINORA_BIN and DATABASE_URL, with which each test
// creates its own tenant through `binora tenant create`.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"os/exec"
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

// liveURL returns the server under test, failing the test when there is none:
// CI always provides one, so a missing URL is a broken setup, not a reason to
// skip.
func liveURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("BINORA_URL")
	if u == "" {
		t.Fatal("BINORA_URL is not set: these tests need a live server; run them as " +
			"`.ci/with-live-server bash -c 'cd sdk/go && go test ./...'` from the repository root")
	}
	return u
}

func randomHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return hex.EncodeToString(b)
}

// tenant is a company created for one test, with its admin's credentials.
type tenant struct {
	subdomain, email, password string
}

// newTenant creates a company and its admin with the server's command line.
func newTenant(t *testing.T) tenant {
	t.Helper()
	liveURL(t)
	bin := os.Getenv("BINORA_BIN")
	if bin == "" {
		t.Fatal("BINORA_BIN is not set: run the tests through .ci/with-live-server")
	}
	tn := tenant{subdomain: "sdk-" + randomHex(t, 6)}
	tn.email = "admin@" + tn.subdomain + ".example.com"
	tn.password = "Sdk-pass-" + randomHex(t, 8)
	cmd := exec.Command(bin, "tenant", "create",
		"--subdomain", tn.subdomain,
		"--name", "SDK test "+tn.subdomain,
		"--admin-email", tn.email,
		"--admin-password", tn.password)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "binora tenant create: %s", out)
	return tn
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// countingTransport counts the requests per path and can delay refreshes to
// widen the window in which concurrent requests wait for one.
type countingTransport struct {
	base         http.RoundTripper
	refreshDelay time.Duration

	mu      sync.Mutex
	paths   map[string]int
	tenants map[string]int // X-Tenant values seen ("" for none)
}

func newCountingTransport() *countingTransport {
	return &countingTransport{base: http.DefaultTransport, paths: map[string]int{}, tenants: map[string]int{}}
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.paths[req.URL.Path]++
	c.tenants[req.Header.Get("X-Tenant")]++
	c.mu.Unlock()
	if req.URL.Path == "/api/auth/refresh" && c.refreshDelay > 0 {
		time.Sleep(c.refreshDelay)
	}
	return c.base.RoundTrip(req)
}

func (c *countingTransport) count(path string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.paths[path]
}

func (c *countingTransport) tenantsSeen() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, v := range c.tenants {
		out[k] = v
	}
	return out
}

// login returns a client logged in as the tenant's admin, sending its
// requests through tr when it is not nil.
func login(t *testing.T, tn tenant, tr http.RoundTripper, opts ...binora.Option) *binora.Client {
	t.Helper()
	if tr != nil {
		opts = append(opts, binora.WithHTTPClient(&http.Client{Transport: tr}))
	}
	c, err := binora.New(liveURL(t), tn.subdomain, opts...)
	require.NoError(t, err)
	_, err = c.Login(testContext(t), tn.email, tn.password)
	require.NoError(t, err)
	return c
}

func requireProblem(t *testing.T, err error, status int, code string) {
	t.Helper()
	require.Error(t, err)
	p, ok := binora.AsProblem(err)
	require.True(t, ok, "want a problem+json error, got %v", err)
	assert.Equal(t, status, p.StatusCode, "status: %v", err)
	assert.Equal(t, status, p.Response.Status)
	if code != "" {
		assert.Equal(t, code, p.Response.Code, "code: %v", err)
	}
}

func TestLogin(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)
	var seen []binora.Tokens
	c, err := binora.New(liveURL(t), tn.subdomain, binora.WithTokenCallback(func(tok binora.Tokens) {
		seen = append(seen, tok)
	}))
	require.NoError(t, err)
	assert.Equal(t, tn.subdomain, c.Tenant())

	_, err = c.GetMe(ctx)
	require.ErrorIs(t, err, binora.ErrNotLoggedIn)

	_, err = c.Login(ctx, tn.email, "Wrong-password-123")
	requireProblem(t, err, http.StatusUnauthorized, "unauthenticated")
	assert.True(t, c.Tokens().IsZero())

	pair, err := c.Login(ctx, tn.email, tn.password)
	require.NoError(t, err)
	assert.Equal(t, tn.email, pair.User.Email)
	tok := c.Tokens()
	assert.Equal(t, pair.Access, tok.Access)
	assert.Equal(t, pair.Refresh, tok.Refresh)
	assert.False(t, tok.AccessExpiresAt.IsZero())
	require.Len(t, seen, 1)
	assert.Equal(t, tok, seen[0])

	me, err := c.GetMe(ctx)
	require.NoError(t, err)
	assert.Equal(t, tn.subdomain, me.Company.Subdomain)
	assert.Equal(t, tn.email, me.User.Email)

	require.NoError(t, c.Logout(ctx))
	assert.True(t, c.Tokens().IsZero())
	require.Len(t, seen, 2)
	assert.True(t, seen[1].IsZero())
	_, err = c.GetMe(ctx)
	require.ErrorIs(t, err, binora.ErrNotLoggedIn)

	// The server ended the session: its refresh token no longer works.
	_, err = c.Client.RefreshToken(ctx, &binoraapi.RefreshRequest{Refresh: tok.Refresh})
	requireProblem(t, err, http.StatusUnauthorized, "")
}

func TestDatacenterAndAssetLifecycle(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)
	c := login(t, tn, nil)

	dc, err := c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{
		Name:    "Paris 1",
		Code:    "PAR1",
		Address: binoraapi.NewOptNilString("1 rue de la Paix"),
	})
	require.NoError(t, err)
	assert.Equal(t, "PAR1", dc.Code)

	_, err = c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Paris 1 bis", Code: "PAR1"})
	requireProblem(t, err, http.StatusConflict, "conflict")

	dcs, err := c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
	require.NoError(t, err)
	require.Equal(t, 1, dcs.Count)
	assert.Equal(t, dc.ID, dcs.Results[0].ID)

	asset, err := c.CreateAsset(ctx, &binoraapi.AssetCreate{
		Name:         "web-01",
		AssetType:    binoraapi.AssetTypeSRV,
		SerialNumber: binoraapi.NewOptNilString("SN-0001"),
		DatacenterID: dc.ID,
	})
	require.NoError(t, err)
	assert.Equal(t, "SRV-00001", asset.Code)
	assert.Equal(t, binoraapi.AssetStatus50, asset.Status)
	assert.Equal(t, dc.ID, asset.Datacenter.ID)

	updated, err := c.UpdateAssetStatus(ctx,
		&binoraapi.StatusUpdate{Status: binoraapi.AssetStatus60, Reason: binoraapi.NewOptString("fan failure")},
		binoraapi.UpdateAssetStatusParams{ID: asset.ID})
	require.NoError(t, err)
	assert.Equal(t, binoraapi.AssetStatus60, updated.Status)
	assert.Equal(t, "Maintenance", updated.StatusDisplay)

	history, err := c.ListAssetStatusHistory(ctx, binoraapi.ListAssetStatusHistoryParams{ID: asset.ID})
	require.NoError(t, err)
	require.Equal(t, 1, history.Count)
	require.Len(t, history.Results, 1)
	change := history.Results[0]
	assert.Equal(t, binoraapi.AssetStatus50, change.FromStatus)
	assert.Equal(t, binoraapi.AssetStatus60, change.ToStatus)
	assert.Equal(t, "fan failure", change.Reason)
	by, ok := change.ChangedBy.Get()
	require.True(t, ok)
	assert.Equal(t, tn.email, by.Email)

	maintenance, err := c.ListMaintenanceAssets(ctx, binoraapi.ListMaintenanceAssetsParams{})
	require.NoError(t, err)
	require.Equal(t, 1, maintenance.Count)
	assert.Equal(t, asset.ID, maintenance.Results[0].ID)

	assets, err := c.ListAssets(ctx, binoraapi.ListAssetsParams{DatacenterID: binoraapi.NewOptInt64(dc.ID)})
	require.NoError(t, err)
	require.Equal(t, 1, assets.Count)

	_, err = c.UpdateAssetStatus(ctx, &binoraapi.StatusUpdate{Status: binoraapi.AssetStatus0},
		binoraapi.UpdateAssetStatusParams{ID: asset.ID})
	require.NoError(t, err)
	_, err = c.UpdateAssetStatus(ctx, &binoraapi.StatusUpdate{Status: binoraapi.AssetStatus100},
		binoraapi.UpdateAssetStatusParams{ID: asset.ID})
	requireProblem(t, err, http.StatusConflict, "")
}

func TestOtherTenantsObjectsAreNotFound(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	a := login(t, newTenant(t), nil)
	b := login(t, newTenant(t), nil)

	dc, err := a.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Tenant A", Code: "TA1"})
	require.NoError(t, err)
	asset, err := a.CreateAsset(ctx, &binoraapi.AssetCreate{
		Name: "switch", AssetType: binoraapi.AssetTypeSWT, DatacenterID: dc.ID,
	})
	require.NoError(t, err)

	_, err = b.GetDatacenter(ctx, binoraapi.GetDatacenterParams{ID: dc.ID})
	requireProblem(t, err, http.StatusNotFound, "not_found")
	_, err = b.GetAsset(ctx, binoraapi.GetAssetParams{ID: asset.ID})
	requireProblem(t, err, http.StatusNotFound, "not_found")
	_, err = b.ListAssetStatusHistory(ctx, binoraapi.ListAssetStatusHistoryParams{ID: asset.ID})
	requireProblem(t, err, http.StatusNotFound, "not_found")

	list, err := b.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
	require.NoError(t, err)
	assert.Equal(t, 0, list.Count)

	// Tenant A still sees its own objects.
	got, err := a.GetAsset(ctx, binoraapi.GetAssetParams{ID: asset.ID})
	require.NoError(t, err)
	assert.Equal(t, asset.Code, got.Code)
}

func TestUnknownTenant(t *testing.T) {
	t.Parallel()
	c, err := binora.New(liveURL(t), "no-such-tenant-"+randomHex(t, 4))
	require.NoError(t, err)
	_, err = c.Login(testContext(t), "someone@example.com", "Whatever-pass-123")
	requireProblem(t, err, http.StatusNotFound, "tenant_not_found")
}

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
	dc, err := c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "After refresh", Code: "AR1"})
	require.NoError(t, err, "the request body must be replayed after the refresh")
	assert.Equal(t, "AR1", dc.Code)
	assert.Equal(t, 1, tr.count("/api/auth/refresh"))
	assert.Equal(t, 2, tr.count("/api/datacenters"), "one 401, one retry")

	now := c.Tokens()
	assert.NotEqual(t, "garbage", now.Access)
	assert.NotEmpty(t, now.Access)
	assert.NotEqual(t, valid.Refresh, now.Refresh, "the refresh token rotates")

	// The new tokens work without another refresh.
	_, err = c.GetDatacenter(ctx, binoraapi.GetDatacenterParams{ID: dc.ID})
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
	_, err := admin.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Lyon", Code: "LYS1"})
	require.NoError(t, err)
	created, err := admin.CreateAPIToken(ctx, &binoraapi.APITokenCreate{
		Name:        "sdk test",
		Permissions: []string{"core.datacenters.read"},
	})
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
	require.NoError(t, admin.RevokeAPIToken(ctx, binoraapi.RevokeAPITokenParams{ID: created.ID}))
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
