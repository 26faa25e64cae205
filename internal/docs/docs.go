// Package docs serves Binora's interactive API reference: Swagger UI,
// bundled into the binary, rendering the specification the server serves at
// /api/openapi.yaml. Nothing is loaded from another origin, so the page
// works offline.
//
// The page is GET /api/docs; its files are under /api/docs/assets/. The
// Swagger UI files in assets/ are copied from npm by `go generate` (see
// fetch-assets.sh) and committed; the page, its start-up script and its
// stylesheet are in web/.
package docs

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"
)

const (
	// Path is the page's path.
	Path = "/api/docs"
	// AssetsPath is the prefix of the page's files.
	AssetsPath = Path + "/assets/"
	// SpecURL is where the page loads the specification from: same origin.
	SpecURL = "/api/openapi.yaml"
)

// ContentSecurityPolicy is sent with the page: everything comes from the
// server itself. The one addition Swagger UI needs is img-src data:, since
// swagger-ui.css draws its icons (arrows, locks, the copy button) as data:
// URL images. It needs no 'unsafe-inline' for styles: its components set
// styles through the CSSOM (React style properties), which the policy does
// not govern, and it writes no style attribute or <style> element into the
// markup. .ci/docs-page opens every part of the page in Chromium and fails
// on any violation, so a Swagger UI update that starts to need more shows
// there. connect-src 'self' lets it fetch the specification and run "Try it
// out" against this server, and nothing else.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Cache-Control values. A page references each asset with ?v=<hash of its
// content>, so such a URL never changes meaning and may be kept for a year;
// any other request for an asset, and the page itself, is revalidated with
// its ETag each time.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

//go:embed assets web
var files embed.FS

// file is one response body the handler serves.
type file struct {
	body        []byte
	contentType string
	version     string // a hash of body, the ?v= of the page's links
}

func (f *file) etag() string { return `"` + f.version + `"` }

// contentTypes by extension; set here rather than looked up in the
// system's MIME tables, which differ between machines.
var contentTypes = map[string]string{
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".png":  "image/png",
	".html": "text/html; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	"":      "text/plain; charset=utf-8", // LICENSE, NOTICE
}

var (
	assets = mustLoadAssets()
	page   = mustRenderPage()
)

func newFile(body []byte, contentType string) *file {
	sum := sha256.Sum256(body)
	return &file{body: body, contentType: contentType, version: hex.EncodeToString(sum[:8])}
}

// mustLoadAssets reads assets/ (Swagger UI) and web/ (this package's own
// files but the page) into one set of names; a name in both is a bug.
func mustLoadAssets() map[string]*file {
	out := map[string]*file{}
	for _, dir := range []string{"assets", "web"} {
		entries, err := fs.ReadDir(files, dir)
		if err != nil {
			panic(err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || name == "index.html" {
				continue
			}
			if _, dup := out[name]; dup {
				panic("docs: asset " + name + " is both in assets/ and in web/")
			}
			ct, ok := contentTypes[path.Ext(name)]
			if !ok {
				panic("docs: no content type for asset " + name)
			}
			body, err := files.ReadFile(dir + "/" + name)
			if err != nil {
				panic(err)
			}
			out[name] = newFile(body, ct)
		}
	}
	return out
}

// mustRenderPage renders web/index.html once: the page is the same for
// every request.
func mustRenderPage() *file {
	tmpl, err := template.New("index.html").Funcs(template.FuncMap{
		"asset": func(name string) (string, error) {
			f, ok := assets[name]
			if !ok {
				return "", fmt.Errorf("docs: the page names a missing asset %q", name)
			}
			return AssetsPath + name + "?v=" + f.version, nil
		},
	}).ParseFS(files, "web/index.html")
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, struct{ SpecURL string }{SpecURL}); err != nil {
		panic(err)
	}
	return newFile(b.Bytes(), contentTypes[".html"])
}

// Assets returns the names of the files served under AssetsPath, sorted.
func Assets() []string {
	names := make([]string, 0, len(assets))
	for name := range assets {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Options are the answers the handler leaves to its caller, so that they
// look like the rest of the API's. A nil field means net/http's plain one.
type Options struct {
	// NotFound answers a path under AssetsPath that is no asset.
	NotFound http.Handler
	// MethodNotAllowed answers a method other than GET and HEAD.
	MethodNotAllowed func(w http.ResponseWriter, r *http.Request, allowed string)
}

// New returns the handler of Path and of everything under AssetsPath.
func New(opts Options) http.Handler {
	if opts.NotFound == nil {
		opts.NotFound = http.NotFoundHandler()
	}
	if opts.MethodNotAllowed == nil {
		opts.MethodNotAllowed = func(w http.ResponseWriter, _ *http.Request, allowed string) {
			w.Header().Set("Allow", allowed)
			http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		}
	}
	return handler{opts}
}

type handler struct{ opts Options }

func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var f *file
	cache := cacheRevalidate
	switch p := r.URL.Path; {
	case p == Path:
		f = page
		w.Header().Set("Content-Security-Policy", ContentSecurityPolicy)
		w.Header().Set("Referrer-Policy", "no-referrer")
	case strings.HasPrefix(p, AssetsPath):
		f = assets[strings.TrimPrefix(p, AssetsPath)]
		if f != nil && r.URL.Query().Get("v") == f.version {
			cache = cacheImmutable
		}
	}
	if f == nil {
		h.opts.NotFound.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.opts.MethodNotAllowed(w, r, "GET, HEAD")
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", f.contentType)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Cache-Control", cache)
	hdr.Set("ETag", f.etag())
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}
