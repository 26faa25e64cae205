package docs

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func get(t *testing.T, h http.Handler, method, target string, header map[string]string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

func TestPage_IsHTMLWithCSPAndNoExternalURL(t *testing.T) {
	resp := get(t, New(Options{}), http.MethodGet, Path, nil)
	html := body(t, resp)

	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, ContentSecurityPolicy, resp.Header.Get("Content-Security-Policy"))
	assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
	assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))
	assert.NotEmpty(t, resp.Header.Get("ETag"))
	assert.NotContains(t, html, "http://")
	assert.NotContains(t, html, "https://")
	assert.NotContains(t, html, "//cdn")
	assert.Contains(t, html, `data-spec-url="/api/openapi.yaml"`)
	// No inline script: every <script> has a src.
	assert.NotRegexp(t, `<script(\s[^>]*)?>\s*[^<\s]`, html)
	for _, s := range regexp.MustCompile(`<script[^>]*>`).FindAllString(html, -1) {
		assert.Contains(t, s, `src="/api/docs/assets/`, s)
	}
}

func TestPolicy_AllowsOnlySelf(t *testing.T) {
	for _, directive := range strings.Split(ContentSecurityPolicy, ";") {
		for _, source := range strings.Fields(directive)[1:] {
			assert.Contains(t, []string{"'self'", "'none'", "data:"}, source, directive)
		}
		if strings.Contains(directive, "data:") {
			assert.True(t, strings.HasPrefix(strings.TrimSpace(directive), "img-src "), directive)
		}
	}
	assert.Contains(t, ContentSecurityPolicy, "default-src 'none'")
	assert.Contains(t, ContentSecurityPolicy, "script-src 'self';")
}

// assetLinks are the asset URLs the page references, as it writes them.
func assetLinks(t *testing.T, html string) map[string]string {
	t.Helper()
	links := map[string]string{}
	for _, m := range regexp.MustCompile(`(?:src|href)="/api/docs/assets/([^"?]+)\?v=([0-9a-f]+)"`).FindAllStringSubmatch(html, -1) {
		links[m[1]] = "/api/docs/assets/" + m[1] + "?v=" + m[2]
	}
	return links
}

func TestPage_ReferencesTheRendererAndItsStartUp(t *testing.T) {
	links := assetLinks(t, body(t, get(t, New(Options{}), http.MethodGet, Path, nil)))

	for _, name := range []string{"swagger-ui-bundle.js", "swagger-ui.css", "init.js", "docs.css", "favicon-32x32.png"} {
		assert.Contains(t, links, name)
	}
}

func TestAssets_AreServedWithTheirContentTypes(t *testing.T) {
	want := map[string]string{
		"swagger-ui-bundle.js":             "text/javascript; charset=utf-8",
		"swagger-ui-bundle.js.LICENSE.txt": "text/plain; charset=utf-8",
		"swagger-ui.css":                   "text/css; charset=utf-8",
		"favicon-32x32.png":                "image/png",
		"LICENSE":                          "text/plain; charset=utf-8",
		"NOTICE":                           "text/plain; charset=utf-8",
		"init.js":                          "text/javascript; charset=utf-8",
		"docs.css":                         "text/css; charset=utf-8",
	}
	h := New(Options{})
	var names []string
	for name := range want {
		names = append(names, name)
	}
	assert.ElementsMatch(t, names, Assets(), "the served set is exactly the expected one: no source maps, no extra bundles")
	for _, name := range Assets() {
		t.Run(name, func(t *testing.T) {
			resp := get(t, h, http.MethodGet, AssetsPath+name, nil)
			b := body(t, resp)

			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, want[name], resp.Header.Get("Content-Type"))
			assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
			assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"), "an unversioned URL is revalidated")
			assert.Empty(t, resp.Header.Get("Content-Security-Policy"))
			assert.NotEmpty(t, b)
		})
	}
}

func TestAssets_VersionedLinksAreImmutable(t *testing.T) {
	h := New(Options{})
	links := assetLinks(t, body(t, get(t, h, http.MethodGet, Path, nil)))
	require.NotEmpty(t, links)

	for name, link := range links {
		resp := get(t, h, http.MethodGet, link, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, name)
		assert.Equal(t, "public, max-age=31536000, immutable", resp.Header.Get("Cache-Control"), name)

		stale := get(t, h, http.MethodGet, AssetsPath+name+"?v=0000000000000000", nil)
		assert.Equal(t, "no-cache", stale.Header.Get("Cache-Control"), "%s: a link of another build", name)
	}
}

func TestETag_AnswersNotModified(t *testing.T) {
	h := New(Options{})
	for _, target := range []string{Path, AssetsPath + "swagger-ui-bundle.js"} {
		first := get(t, h, http.MethodGet, target, nil)
		etag := first.Header.Get("ETag")
		require.NotEmpty(t, etag, target)

		again := get(t, h, http.MethodGet, target, map[string]string{"If-None-Match": etag})

		assert.Equal(t, http.StatusNotModified, again.StatusCode, target)
		assert.Empty(t, body(t, again), target)
	}
}

func TestHead_HasNoBody(t *testing.T) {
	resp := get(t, New(Options{}), http.MethodHead, AssetsPath+"swagger-ui.css", nil)

	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/css; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Empty(t, body(t, resp))
}

func TestUnknownAsset_IsTheCallersNotFound(t *testing.T) {
	var seen []string
	h := New(Options{NotFound: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.URL.Path)
		w.WriteHeader(http.StatusTeapot)
	})})
	paths := []string{
		AssetsPath + "swagger-ui-bundle.js.map",
		AssetsPath + "index.html",
		AssetsPath + "../docs.go",
		AssetsPath,
		Path + "/other",
	}
	for _, p := range paths {
		assert.Equal(t, http.StatusTeapot, get(t, h, http.MethodGet, p, nil).StatusCode, p)
	}
	assert.Equal(t, paths, seen)

	assert.Equal(t, http.StatusNotFound, get(t, New(Options{}), http.MethodGet, AssetsPath+"nope.js", nil).StatusCode)
}

func TestWrongMethod_IsTheCallersMethodNotAllowed(t *testing.T) {
	var allowed string
	h := New(Options{MethodNotAllowed: func(w http.ResponseWriter, _ *http.Request, a string) {
		allowed = a
		w.WriteHeader(http.StatusMethodNotAllowed)
	}})

	for _, target := range []string{Path, AssetsPath + "init.js"} {
		assert.Equal(t, http.StatusMethodNotAllowed, get(t, h, http.MethodPost, target, nil).StatusCode, target)
		assert.Equal(t, "GET, HEAD", allowed)
	}
	resp := get(t, New(Options{}), http.MethodDelete, Path, nil)
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	assert.Equal(t, "GET, HEAD", resp.Header.Get("Allow"))
}
