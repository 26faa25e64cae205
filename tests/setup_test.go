package tests

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// problemJSON is the media type of every error body.
const problemJSON = "application/problem+json"

// site is a running server with one fresh tenant whose admin is logged in.
type site struct {
	env   *testsupport.Env
	url   string
	tn    *testsupport.Tenant
	admin *testsupport.Client
}

// newSite serves env and creates a fresh tenant on it.
func newSite(t *testing.T, env *testsupport.Env) *site {
	t.Helper()
	url := testsupport.Serve(t, env)
	tn := testsupport.NewTenant(t, env)
	return &site{env: env, url: url, tn: tn, admin: tn.AdminClient(t, url)}
}

// otherTenant creates a second tenant on the same server and logs its admin in.
func (s *site) otherTenant(t *testing.T) *site {
	t.Helper()
	tn := testsupport.NewTenant(t, s.env)
	return &site{env: s.env, url: s.url, tn: tn, admin: tn.AdminClient(t, s.url)}
}

// client returns an unauthenticated generated client for the site's tenant.
func (s *site) client(t *testing.T) *testsupport.Client {
	t.Helper()
	return testsupport.NewClient(t, s.url, s.tn.Company.Subdomain, "")
}

func (s *site) createDatacenter(t *testing.T, code string) *api.Datacenter {
	t.Helper()
	dc, err := s.admin.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: "Datacenter " + code, Code: code}, api.CreateDatacenterParams{})
	require.NoError(t, err)
	return dc
}

func (s *site) createAsset(t *testing.T, req api.AssetCreate) *api.Asset {
	t.Helper()
	a, err := s.admin.CreateAsset(t.Context(), &req, api.CreateAssetParams{})
	require.NoError(t, err)
	return a
}

// server creates a server asset with the given name in datacenter dc.
func (s *site) server(t *testing.T, dc *api.Datacenter, name string) *api.Asset {
	t.Helper()
	return s.createAsset(t, api.AssetCreate{Name: name, AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(dc.ID)})
}

func (s *site) getAsset(t *testing.T, id int64) *api.Asset {
	t.Helper()
	a, err := s.admin.GetAsset(t.Context(), api.GetAssetParams{ID: id})
	require.NoError(t, err)
	return a
}

func (s *site) getDatacenter(t *testing.T, id int64) *api.Datacenter {
	t.Helper()
	dc, err := s.admin.GetDatacenter(t.Context(), api.GetDatacenterParams{ID: id})
	require.NoError(t, err)
	return dc
}

func (s *site) assetCount(t *testing.T) int {
	t.Helper()
	l, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{})
	require.NoError(t, err)
	return l.Count
}

func (s *site) datacenterCount(t *testing.T) int {
	t.Helper()
	l, err := s.admin.ListDatacenters(t.Context(), api.ListDatacentersParams{})
	require.NoError(t, err)
	return l.Count
}

func (s *site) historyCount(t *testing.T, id int64) int {
	t.Helper()
	h, err := s.admin.ListAssetStatusHistory(t.Context(), api.ListAssetStatusHistoryParams{ID: id})
	require.NoError(t, err)
	return h.Count
}

// rawRequest is a request built by hand. Tenant and Token are sent as
// X-Tenant and a bearer token when they are not empty.
type rawRequest struct {
	Method string
	Path   string
	Body   string
	Tenant string
	Token  string
	Header map[string]string
}

// rawResponse is what the server answered to a rawRequest.
type rawResponse struct {
	Status int
	Header http.Header
	Body   []byte
}

// send performs req against baseURL with net/http.
func send(t *testing.T, baseURL string, req rawRequest) rawResponse {
	t.Helper()
	var body io.Reader
	if req.Body != "" {
		body = strings.NewReader(req.Body)
	}
	r, err := http.NewRequestWithContext(t.Context(), req.Method, baseURL+req.Path, body)
	require.NoError(t, err)
	if req.Body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	if req.Tenant != "" {
		r.Header.Set("X-Tenant", req.Tenant)
	}
	if req.Token != "" {
		r.Header.Set("Authorization", "Bearer "+req.Token)
	}
	for k, v := range req.Header {
		r.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(r)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return rawResponse{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// raw sends a request as the site's admin: its tenant and access token.
func (s *site) raw(t *testing.T, method, path, body string) rawResponse {
	t.Helper()
	return send(t, s.url, rawRequest{Method: method, Path: path, Body: body, Tenant: s.tn.Company.Subdomain, Token: s.admin.Token})
}

// problem checks that r is a problem+json answer with status and returns it.
func (r rawResponse) problem(t *testing.T, status int) api.Problem {
	t.Helper()
	require.Equal(t, status, r.Status, "body: %s", r.Body)
	assert.Equal(t, problemJSON, r.Header.Get("Content-Type"))
	var p api.Problem
	require.NoError(t, json.Unmarshal(r.Body, &p), "body: %s", r.Body)
	assert.Equal(t, status, p.Status)
	return p
}

// fieldNames lists the fields a problem names, in order.
func fieldNames(p api.Problem) []string {
	out := make([]string, 0, len(p.Errors))
	for _, e := range p.Errors {
		out = append(out, e.Field)
	}
	return out
}

// assertValidationError checks a 400 validation_error naming field, and
// only that field.
func assertValidationError(t *testing.T, r rawResponse, field string) {
	t.Helper()
	p := r.problem(t, http.StatusBadRequest)
	assert.Equal(t, "validation_error", p.Code, "body: %s", r.Body)
	assert.Equal(t, []string{field}, fieldNames(p), "body: %s", r.Body)
	for _, e := range p.Errors {
		assert.NotEmpty(t, e.Message, "body: %s", r.Body)
	}
}

// clientProblem extracts the problem the generated client got and checks its
// status and code.
func clientProblem(t *testing.T, err error, status int, code string) api.Problem {
	t.Helper()
	p := testsupport.Problem(t, err)
	assert.Equal(t, status, p.StatusCode)
	assert.Equal(t, code, p.Response.Code, "detail: %s", p.Response.Detail)
	return p.Response
}

// jsonKeys reports every object key anywhere in the JSON document b.
func jsonKeys(t *testing.T, b []byte) map[string]bool {
	t.Helper()
	var doc any
	require.NoError(t, json.NewDecoder(bytes.NewReader(b)).Decode(&doc))
	keys := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				keys[k] = true
				walk(child)
			}
		case []any:
			for _, child := range v {
				walk(child)
			}
		}
	}
	walk(doc)
	return keys
}

// sequentialOnly skips t under the race detector: t sends its requests one
// after another, so the race detector has nothing to find in it that the
// concurrent tests do not cover, and would only slow the race run. It runs
// without -race in make test.
func sequentialOnly(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("sequential test; it runs without -race in make test")
	}
}
