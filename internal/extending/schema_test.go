package extending

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tenancy test of ent/schema loads the schema package of its working
// directory, so one build of it serves every copy below. TestMain removes
// the build.
var (
	schemaTestDir    string
	schemaTestBinary = sync.OnceValues(func() (string, error) {
		dir, err := os.MkdirTemp("", "binora-schema-test-")
		if err != nil {
			return "", err
		}
		schemaTestDir = dir
		bin := filepath.Join(dir, "schema.test")
		out, err := exec.Command("go", "test", "-c", "-o", bin, "../../ent/schema").CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("build the test of ent/schema: %w\n%s", err, out)
		}
		return bin, nil
	})
)

func TestMain(m *testing.M) {
	code := m.Run()
	if schemaTestDir != "" {
		_ = os.RemoveAll(schemaTestDir)
	}
	os.Exit(code)
}

// schemaCopyPrefix starts the name of every copy of ent/schema.
const schemaCopyPrefix = "schema-copy-"

// schemaCopy copies ent/schema and the Rack schema file rack into a fresh
// directory inside the module, where the copy's imports of the module
// resolve. The directory is removed when the test ends.
func schemaCopy(t *testing.T, rack string) string {
	t.Helper()
	dir, err := os.MkdirTemp("testdata", schemaCopyPrefix)
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })

	src := filepath.Join("..", "..", "ent", "schema")
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	files := map[string]string{filepath.Join("testdata", rack): "rack.go"}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			files[filepath.Join(src, e.Name())] = e.Name()
		}
	}
	for from, to := range files {
		b, err := os.ReadFile(from)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, to), b, 0o644))
	}
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	return abs
}

// schemaTest runs TestEverySchema_IsTenantScopedOrDeclaredGlobal of
// ent/schema on the schema package in dir and returns whether it passed,
// with its output.
func schemaTest(t *testing.T, dir string) (bool, string) {
	t.Helper()
	bin, err := schemaTestBinary()
	require.NoError(t, err)
	cmd := exec.Command(bin, "-test.count=1", "-test.run", "^TestEverySchema_IsTenantScopedOrDeclaredGlobal$")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		require.NoError(t, err, "run the test of ent/schema")
	}
	return err == nil, string(out)
}

func TestRackSchema_PassesTheTenancyTestOfEntSchema(t *testing.T) {
	t.Parallel()
	dir := schemaCopy(t, "schema/rack.go")

	passed, out := schemaTest(t, dir)

	assert.True(t, passed, out)
}

// The tenancy test checks fields only; the rest of what the AuditMixin
// brings is checked here on the loaded graph.
func TestRackSchema_GetsTenancyFromTheAuditMixin(t *testing.T) {
	t.Parallel()
	graph, err := entc.LoadGraph(schemaCopy(t, "schema/rack.go"), &gen.Config{})
	require.NoError(t, err)
	var rack *gen.Type
	for _, n := range graph.Nodes {
		if n.Name == "Rack" {
			rack = n
		}
	}
	require.NotNil(t, rack, "no Rack in the graph")

	mixin := -1
	for _, f := range rack.Fields {
		if f.Name == "company_id" {
			require.True(t, f.Position != nil && f.Position.MixedIn, "company_id is not mixed in")
			mixin = f.Position.MixinIndex
		}
	}
	require.GreaterOrEqual(t, mixin, 0, "Rack has no company_id")
	assert.Equal(t, []int{mixin}, rack.MixedInHooks(), "hooks that stamp company and author")
	assert.Equal(t, []int{mixin}, rack.MixedInInterceptors(), "interceptor that filters reads")
	assert.Equal(t, []int{mixin}, rack.MixedInPolicies(), "policy that denies without a tenant")
	require.NotEmpty(t, rack.Indexes)
	for _, idx := range rack.Indexes {
		assert.Equal(t, "company_id", idx.Columns[0], "index %s", idx.Name)
	}
}

func TestRackSchema_Mistakes_FailTheTenancyTestOfEntSchema(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give string
		want string
	}{
		{name: "without the mixin", give: "mistakes/rack_without_mixin.go", want: "Rack: company_id must come from the AuditMixin"},
		{name: "company_id by hand", give: "mistakes/rack_company_by_hand.go", want: "Rack declares company_id by hand"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := schemaCopy(t, tt.give)

			passed, out := schemaTest(t, dir)

			assert.False(t, passed, "the tenancy test accepted %s", tt.give)
			assert.Contains(t, out, tt.want)
		})
	}
}
