package tests

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/testsupport"
)

func TestUnknownRoute_Is404Problem(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, path := range []string{"/api/nothing-here", "/api/assets/1/unknown", "/nope", "/api"} {
			r := s.raw(t, http.MethodGet, path, "")

			p := r.problem(t, http.StatusNotFound)
			assert.Equal(t, "not_found", p.Code, path)
		}
	})
}

func TestWrongMethod_Is405ProblemWithAllow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, path string
		wantAllow    []string
	}{
		{http.MethodDelete, "/api/auth/me", []string{"GET"}},
		{http.MethodPost, "/api/assets/{asset}", []string{"GET", "PUT", "PATCH", "DELETE"}},
		{http.MethodGet, "/api/auth/login", []string{"POST"}},
		{http.MethodPut, "/api/assets", []string{"GET", "POST"}},
		{http.MethodPost, "/api/assets/{asset}/update-status", []string{"PATCH"}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newInputSite(t, env)
		for _, tt := range tests {
			t.Run(tt.method+" "+tt.path, func(t *testing.T) {
				before := s.state(t)

				r := s.raw(t, tt.method, s.expand(tt.path), "")

				p := r.problem(t, http.StatusMethodNotAllowed)
				assert.Equal(t, "method_not_allowed", p.Code)
				allow := strings.Split(strings.ReplaceAll(r.Header.Get("Allow"), " ", ""), ",")
				assert.ElementsMatch(t, tt.wantAllow, allow, "Allow: %q", r.Header.Get("Allow"))
				assert.Equal(t, before, s.state(t))
			})
		}
	})
}

func TestTrailingSlash_IsServedLikeThePathWithout(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newInputSite(t, env)
		for _, path := range []string{"/api/assets", "/api/datacenters", "/api/assets/{asset}", "/api/auth/me"} {
			path = s.expand(path)

			without := s.raw(t, http.MethodGet, path, "")
			with := s.raw(t, http.MethodGet, path+"/", "")

			require.Equal(t, http.StatusOK, without.Status, "%s: %s", path, without.Body)
			assert.Equal(t, http.StatusOK, with.Status, "%s/: %s", path, with.Body)
			assert.JSONEq(t, string(without.Body), string(with.Body), path)
		}
		created := s.raw(t, http.MethodPost, "/api/datacenters/", `{"name":"Slash","code":"SLASH"}`)
		assert.Equal(t, http.StatusCreated, created.Status, "POST with a trailing slash: %s", created.Body)
	})
}

func TestBody_Over1MiB_Is413AndWritesNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newInputSite(t, env)
		huge := `{"name":"web-02","asset_type":"SRV","datacenter_id":` + fmt.Sprint(s.dc.ID) +
			`,"serial_number":"` + strings.Repeat("s", 1<<20) + `"}`
		before := s.state(t)

		declared := s.raw(t, http.MethodPost, "/api/assets", huge)
		streamed := s.rawStream(t, http.MethodPost, "/api/assets", huge)

		for _, r := range []rawResponse{declared, streamed} {
			p := r.problem(t, http.StatusRequestEntityTooLarge)
			assert.Equal(t, "payload_too_large", p.Code)
		}
		assert.Equal(t, before, s.state(t))
	})
}

// rawStream sends body without declaring its length (chunked), so only
// reading it can tell the server how large it is.
func (s *site) rawStream(t *testing.T, method, path, body string) rawResponse {
	t.Helper()
	r, err := http.NewRequestWithContext(t.Context(), method, s.url+path, io.NopCloser(strings.NewReader(body)))
	require.NoError(t, err)
	r.ContentLength = -1
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Tenant", s.tn.Company.Subdomain)
	r.Header.Set("Authorization", "Bearer "+s.admin.Token)
	resp, err := http.DefaultClient.Do(r)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return rawResponse{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

func TestBody_NotJSON_Is415(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newInputSite(t, env)
		before := s.state(t)

		r := send(t, s.url, rawRequest{
			Method: http.MethodPost, Path: "/api/datacenters", Body: `{"name":"X","code":"X"}`,
			Tenant: s.tn.Company.Subdomain, Token: s.admin.Token, Header: map[string]string{"Content-Type": "text/plain"},
		})

		p := r.problem(t, http.StatusUnsupportedMediaType)
		assert.Equal(t, "unsupported_media_type", p.Code)
		assert.Equal(t, before, s.state(t))
	})
}

func TestRequestID_IsEchoedWhenSaneAndReplacedOtherwise(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		give     string
		wantEcho bool
	}{
		{name: "sane", give: "req-42.A_b", wantEcho: true},
		{name: "64 characters", give: strings.Repeat("a", 64), wantEcho: true},
		{name: "65 characters", give: strings.Repeat("a", 65)},
		{name: "100 characters", give: strings.Repeat("b", 100)},
		{name: "spaces", give: "has spaces"},
		{name: "header injection attempt", give: "id;rm -rf"},
		{name: "none"},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for _, path := range []string{"/healthz", "/api/assets", "/api/nothing-here"} {
					r := send(t, s.url, rawRequest{Method: http.MethodGet, Path: path, Tenant: s.tn.Company.Subdomain,
						Token: s.admin.Token, Header: map[string]string{"X-Request-ID": tt.give}})

					got := r.Header.Get("X-Request-ID")
					if tt.wantEcho {
						assert.Equal(t, tt.give, got, path)
						continue
					}
					assert.NotEqual(t, tt.give, got, path)
					assert.Regexp(t, `^[A-Za-z0-9._-]{1,64}$`, got, path)
				}
			})
		}
	})
}

func TestRequestID_IsNewForEveryRequest(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		a := send(t, s.url, rawRequest{Method: http.MethodGet, Path: "/healthz"})
		b := send(t, s.url, rawRequest{Method: http.MethodGet, Path: "/healthz"})

		assert.NotEmpty(t, a.Header.Get("X-Request-ID"))
		assert.NotEqual(t, a.Header.Get("X-Request-ID"), b.Header.Get("X-Request-ID"))
	})
}

func TestProbes_Answer200WithoutTenantOrToken(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		c := testsupport.NewClient(t, s.url, "", "")

		health, healthErr := c.Healthz(t.Context())
		ready, readyErr := c.Readyz(t.Context())

		require.NoError(t, healthErr)
		assert.Equal(t, "ok", health.Status)
		require.NoError(t, readyErr)
		assert.Equal(t, "ok", ready.Status)
	})
}

func TestOpenAPISpec_IsServed(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		c := testsupport.NewClient(t, s.url, "", "")

		spec, err := c.GetOpenAPISpec(t.Context())
		require.NoError(t, err)
		b, err := io.ReadAll(spec)

		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(string(b), "openapi:"), "starts with %q", string(b[:min(len(b), 40)]))
		assert.Contains(t, string(b), "/api/assets/{id}/update-status:")
		raw := send(t, s.url, rawRequest{Method: http.MethodGet, Path: "/api/openapi.yaml"})
		assert.Equal(t, http.StatusOK, raw.Status)
		assert.Contains(t, raw.Header.Get("Content-Type"), "yaml")
	})
}
