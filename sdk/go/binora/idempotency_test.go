package binora_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/go-faster/yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/sdk/go/binora"
	"github.com/binora/binora/sdk/go/binoraapi"
)

// recorder answers every request with a canned status and keeps what was
// sent; the answers' bodies do not matter to these tests.
type recorder struct {
	mu     sync.Mutex
	sent   []*http.Request
	answer func(r *http.Request) int
}

func (rec *recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	rec.mu.Lock()
	rec.sent = append(rec.sent, r)
	rec.mu.Unlock()
	status := http.StatusCreated
	if rec.answer != nil {
		status = rec.answer(r)
	}
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{}`)), Request: r}, nil
}

func (rec *recorder) keysOf(method, path string) []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var keys []string
	for _, r := range rec.sent {
		if r.Method == method && r.URL.Path == path {
			keys = append(keys, r.Header.Get(binora.IdempotencyKeyHeader))
		}
	}
	return keys
}

func recordingClient(t *testing.T, rec *recorder) *binora.Client {
	t.Helper()
	c, err := binora.New("http://binora.invalid", "acme", binora.WithHTTPClient(&http.Client{Transport: rec}),
		binora.WithTokens(binora.Tokens{Access: "access-1", Refresh: "refresh-1"}))
	require.NoError(t, err)
	return c
}

func TestCreate_WithoutAKey_SendsAFreshKeyPerCall(t *testing.T) {
	rec := &recorder{}
	c := recordingClient(t, rec)
	ctx := context.Background()

	_, _ = c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Paris 1", Code: "PAR1"}, binoraapi.CreateDatacenterParams{})
	_, _ = c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Paris 1", Code: "PAR1"}, binoraapi.CreateDatacenterParams{})
	_, _ = c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Paris 1", Code: "PAR1"},
		binoraapi.CreateDatacenterParams{IdempotencyKey: binoraapi.NewOptString("mine")})
	_, _ = c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
	_ = c.Client.Logout(ctx, &binoraapi.LogoutRequest{Refresh: "refresh-1"})

	keys := rec.keysOf(http.MethodPost, "/api/datacenters")
	require.Len(t, keys, 3)
	assert.NotEmpty(t, keys[0])
	assert.NotEqual(t, keys[0], keys[1], "each call is a new create")
	assert.Equal(t, "mine", keys[2], "the caller's key is sent as is")
	assert.Equal(t, []string{""}, rec.keysOf(http.MethodGet, "/api/datacenters"))
	assert.Equal(t, []string{""}, rec.keysOf(http.MethodPost, "/api/auth/logout"), "not a create")
}

func TestCreate_RetriedAfterARefresh_SendsTheSameKey(t *testing.T) {
	var c *binora.Client
	creates := 0
	rec := &recorder{answer: func(r *http.Request) int {
		creates++
		if creates == 1 {
			// The session was renewed while this request was under way:
			// the client sends it again with the new token.
			c.SetTokens(binora.Tokens{Access: "access-2", Refresh: "refresh-2"})
			return http.StatusUnauthorized
		}
		return http.StatusCreated
	}}
	c = recordingClient(t, rec)

	_, _ = c.CreateAsset(context.Background(), &binoraapi.AssetCreate{Name: "web-1", AssetType: binoraapi.AssetTypeSRV},
		binoraapi.CreateAssetParams{})

	keys := rec.keysOf(http.MethodPost, "/api/assets")
	require.Len(t, keys, 2, "sent, refused, sent again")
	assert.NotEmpty(t, keys[0])
	assert.Equal(t, keys[0], keys[1])
}

// TestCreatePaths_AreTheSpecsKeyedOperations holds the SDK's list of
// creates to the operations of openapi.yaml that declare Idempotency-Key.
func TestCreatePaths_AreTheSpecsKeyedOperations(t *testing.T) {
	raw, err := os.ReadFile("../../../openapi.yaml")
	require.NoError(t, err)
	type operation struct {
		Parameters []struct {
			Ref string `yaml:"$ref"`
		} `yaml:"parameters"`
	}
	var spec struct {
		Paths map[string]struct {
			Post *operation `yaml:"post"`
		} `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &spec))
	pathParam := regexp.MustCompile(`\{[^}]+\}`)

	keyed := 0
	for path, item := range spec.Paths {
		post := item.Post
		if post == nil {
			continue
		}
		declares := false
		for _, p := range post.Parameters {
			declares = declares || p.Ref == "#/components/parameters/IdempotencyKey"
		}
		if declares {
			keyed++
		}
		concrete := pathParam.ReplaceAllString(path, "7")
		assert.Equal(t, declares, binora.IsCreatePath(concrete), "POST %s", path)
	}
	assert.Positive(t, keyed)
}

func TestCreate_RetriedWithItsKey_ReplaysTheFirstAnswer(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)
	c := login(t, tn, nil)
	key := binora.NewIdempotencyKey()
	create := func(code string) (*binoraapi.Datacenter, error) {
		dc, _, err := binora.Object[binoraapi.Datacenter](c.CreateDatacenter(ctx,
			&binoraapi.DatacenterCreate{Name: "Lyon " + code, Code: code},
			binoraapi.CreateDatacenterParams{IdempotencyKey: binoraapi.NewOptString(key)}))
		return dc, err
	}

	first, err := create("LYS1")
	require.NoError(t, err)
	retried, err := create("LYS1")
	require.NoError(t, err)
	_, err = create("LYS2")

	assert.Equal(t, first.ID, retried.ID)
	requireProblem(t, err, http.StatusUnprocessableEntity, "idempotency_key_reused")
	dcs, err := c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{})
	require.NoError(t, err)
	assert.Equal(t, 1, dcs.Count)
}
