package binora_test

// These tests run against a live server: .ci/with-live-server starts one and
// exports BINORA_URL, plus BINORA_BIN and DATABASE_URL, with which each test
// creates its own tenant through `binora tenant create`.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"os"
	"os/exec"
	"sync"
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

	dc, _, err := binora.Object[binoraapi.Datacenter](c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{
		Name:    "Paris 1",
		Code:    "PAR1",
		Address: binoraapi.NewOptNilString("1 rue de la Paix"),
	}, binoraapi.CreateDatacenterParams{}))
	require.NoError(t, err)
	assert.Equal(t, "PAR1", dc.Code)

	_, _, err = binora.Object[binoraapi.Datacenter](c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Paris 1 bis", Code: "PAR1"}, binoraapi.CreateDatacenterParams{}))
	requireProblem(t, err, http.StatusConflict, "conflict")

	dcs, err := c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
	require.NoError(t, err)
	require.Equal(t, 1, dcs.Count)
	assert.Equal(t, dc.ID, dcs.Results[0].ID)

	asset, _, err := binora.Object[binoraapi.Asset](c.CreateAsset(ctx, &binoraapi.AssetCreate{
		Name:         "web-01",
		AssetType:    binoraapi.AssetTypeSRV,
		SerialNumber: binoraapi.NewOptNilString("SN-0001"),
		DatacenterID: binoraapi.NewOptInt64(dc.ID),
	}, binoraapi.CreateAssetParams{}))
	require.NoError(t, err)
	assert.Equal(t, "SRV-00001", asset.Code)
	assert.Equal(t, binoraapi.AssetStatus50, asset.Status)
	assert.Equal(t, dc.ID, asset.Datacenter.ID)

	updated, _, err := binora.Object[binoraapi.Asset](c.UpdateAssetStatus(ctx,
		&binoraapi.StatusUpdate{Status: binoraapi.AssetStatus60, Reason: binoraapi.NewOptString("fan failure")},
		binoraapi.UpdateAssetStatusParams{ID: asset.ID}))
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

	_, _, err = binora.Object[binoraapi.Asset](c.UpdateAssetStatus(ctx, &binoraapi.StatusUpdate{Status: binoraapi.AssetStatus0},
		binoraapi.UpdateAssetStatusParams{ID: asset.ID}))
	require.NoError(t, err)
	_, _, err = binora.Object[binoraapi.Asset](c.UpdateAssetStatus(ctx, &binoraapi.StatusUpdate{Status: binoraapi.AssetStatus100},
		binoraapi.UpdateAssetStatusParams{ID: asset.ID}))
	requireProblem(t, err, http.StatusConflict, "")
}

func TestOtherTenantsObjectsAreNotFound(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	a := login(t, newTenant(t), nil)
	b := login(t, newTenant(t), nil)

	dc, _, err := binora.Object[binoraapi.Datacenter](a.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Tenant A", Code: "TA1"}, binoraapi.CreateDatacenterParams{}))
	require.NoError(t, err)
	asset, _, err := binora.Object[binoraapi.Asset](a.CreateAsset(ctx, &binoraapi.AssetCreate{
		Name: "switch", AssetType: binoraapi.AssetTypeSWT, DatacenterID: binoraapi.NewOptInt64(dc.ID),
	}, binoraapi.CreateAssetParams{}))
	require.NoError(t, err)

	_, _, err = binora.Object[binoraapi.Datacenter](b.GetDatacenter(ctx, binoraapi.GetDatacenterParams{ID: dc.ID}))
	requireProblem(t, err, http.StatusNotFound, "not_found")
	_, _, err = binora.Object[binoraapi.Asset](b.GetAsset(ctx, binoraapi.GetAssetParams{ID: asset.ID}))
	requireProblem(t, err, http.StatusNotFound, "not_found")
	_, err = b.ListAssetStatusHistory(ctx, binoraapi.ListAssetStatusHistoryParams{ID: asset.ID})
	requireProblem(t, err, http.StatusNotFound, "not_found")

	list, err := b.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
	require.NoError(t, err)
	assert.Equal(t, 0, list.Count)

	// Tenant A still sees its own objects.
	got, _, err := binora.Object[binoraapi.Asset](a.GetAsset(ctx, binoraapi.GetAssetParams{ID: asset.ID}))
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
