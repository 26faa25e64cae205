package architecture

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/binora/binora/"

// imports returns, per non-test Go file under dir (relative to the module
// root), the module-relative or standard import paths it names.
func imports(t *testing.T, dir string) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	out := map[string][]string{}
	err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[rel] = append(out[rel], strings.TrimPrefix(p, module))
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, out, "no Go files under %s", dir)
	return out
}

func TestModules_NeverImportTheHTTPEdge(t *testing.T) {
	for file, imps := range imports(t, "modules") {
		assert.NotContains(t, imps, "internal/httpserver", file)
		assert.NotContains(t, imps, "internal/app", file)
	}
}

// moduleLayers orders the modules: each may call the ones before it, never
// one after it. Facilities place what core holds (datacenters); assets are
// placed in facilities' racks.
var moduleLayers = []string{"modules/core", "modules/facilities", "modules/assets"}

func TestModules_ImportOnlyTheLayersBelowThem(t *testing.T) {
	for i, module := range moduleLayers {
		for file, imps := range imports(t, module) {
			for _, above := range moduleLayers[i+1:] {
				for _, imp := range imps {
					assert.False(t, imp == above || strings.HasPrefix(imp, above+"/"), "%s imports %s", file, imp)
				}
			}
		}
	}
}

// Services return Ent entities and know nothing of HTTP: only handlers and
// converters (handlers*.go, convert*.go) touch the generated API types.
func TestServices_KnowNothingOfHTTP(t *testing.T) {
	// Every module, including one added tomorrow.
	for file, imps := range imports(t, "modules") {
		base := filepath.Base(file)
		if strings.HasPrefix(base, "handlers") || strings.HasPrefix(base, "convert") {
			continue
		}
		assert.NotContains(t, imps, "internal/api", file)
		for _, imp := range imps {
			assert.False(t, imp == "net/http" || strings.HasPrefix(imp, "net/http/"), "%s imports %s", file, imp)
		}
	}
}

// The packages below the modules (internal/tenancy, internal/apperr, ent, ...)
// never import a module, the HTTP edge or the wiring. Above them are only
// internal/app (wiring), internal/httpserver (the edge),
// internal/testsupport (fixtures over the whole app) and internal/loadtest
// (the load harness, which seeds and serves the whole app).
func TestLeaves_NeverImportModulesOrTheEdge(t *testing.T) {
	above := []string{"internal/app/", "internal/httpserver/", "internal/testsupport/", "internal/loadtest/"}
	for _, dir := range []string{"internal", "ent"} {
		for file, imps := range imports(t, dir) {
			if slices.ContainsFunc(above, func(p string) bool { return strings.HasPrefix(file, p) }) {
				continue
			}
			for _, imp := range imps {
				assert.False(t, strings.HasPrefix(imp, "modules/"), "%s imports %s", file, imp)
			}
			assert.NotContains(t, imps, "internal/httpserver", file)
			assert.NotContains(t, imps, "internal/app", file)
		}
	}
}

// The tenant is never a parameter: only platform code may use the system
// context, which bypasses isolation.
func TestSystemContext_OnlyInPlatformCode(t *testing.T) {
	allowed := map[string]bool{
		"modules/core/platform/tenants.go":  true, // tenant creation and resolution
		"modules/core/platform/operator.go": true, // operator commands: tenant list, (de)activation, password resets
		"modules/core/apitokens/resolve.go": true, // an API token names its own tenant
		"internal/app/demo.go":              true, // demo data set-up
	}
	for _, dir := range []string{"modules", "internal/app", "internal/httpserver"} {
		for file := range imports(t, dir) {
			src, err := os.ReadFile(filepath.Join("..", "..", file))
			require.NoError(t, err)
			if strings.Contains(string(src), "SystemContext(") {
				assert.True(t, allowed[file], "%s uses the system context", file)
			}
		}
	}
}
