package tests

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/docs"
	"github.com/binora/binora/internal/testsupport"
)

func TestDocs_PageAndAssetsNeedNoTokenNorTenant(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		url := testsupport.Serve(t, env)

		for _, path := range []string{"/api/docs", "/api/docs/"} {
			page := send(t, url, rawRequest{Method: http.MethodGet, Path: path})

			require.Equal(t, http.StatusOK, page.Status, "%s: %s", path, page.Body)
			assert.Equal(t, "text/html; charset=utf-8", page.Header.Get("Content-Type"), path)
			assert.Equal(t, docs.ContentSecurityPolicy, page.Header.Get("Content-Security-Policy"), path)
			assert.Contains(t, string(page.Body), `data-spec-url="/api/openapi.yaml"`, path)
		}

		page := send(t, url, rawRequest{Method: http.MethodGet, Path: "/api/docs"})
		links := regexp.MustCompile(`(?:src|href)="(/api/docs/assets/[^"]+)"`).FindAllStringSubmatch(string(page.Body), -1)
		require.NotEmpty(t, links)
		for _, m := range links {
			asset := send(t, url, rawRequest{Method: http.MethodGet, Path: m[1]})

			assert.Equal(t, http.StatusOK, asset.Status, m[1])
			assert.NotEmpty(t, asset.Body, m[1])
		}
		bundle := send(t, url, rawRequest{Method: http.MethodGet, Path: "/api/docs/assets/swagger-ui-bundle.js"})
		assert.Equal(t, http.StatusOK, bundle.Status)
		assert.Equal(t, "text/javascript; charset=utf-8", bundle.Header.Get("Content-Type"))

		// What the page loads next is the spec, also without a token.
		spec := send(t, url, rawRequest{Method: http.MethodGet, Path: "/api/openapi.yaml"})
		assert.Equal(t, http.StatusOK, spec.Status)
	})
}

func TestDocs_InATenantIsTheSamePage(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		r := s.raw(t, http.MethodGet, "/api/docs", "")

		assert.Equal(t, http.StatusOK, r.Status, "body: %s", r.Body)
		assert.Equal(t, "text/html; charset=utf-8", r.Header.Get("Content-Type"))
	})
}

func TestDocs_UnknownAssetAndWrongMethodAreProblems(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		url := testsupport.Serve(t, env)

		missing := send(t, url, rawRequest{Method: http.MethodGet, Path: "/api/docs/assets/swagger-ui-bundle.js.map"})
		p := missing.problem(t, http.StatusNotFound)
		assert.Equal(t, "not_found", p.Code)

		post := send(t, url, rawRequest{Method: http.MethodPost, Path: "/api/docs", Body: "{}"})
		p = post.problem(t, http.StatusMethodNotAllowed)
		assert.Equal(t, "method_not_allowed", p.Code)
		assert.Equal(t, "GET, HEAD", post.Header.Get("Allow"))
	})
}
