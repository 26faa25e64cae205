package extending

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
		out, err := exec.Command("go", "test", "-c", "-o", bin, filepath.Join(root, "ent", "schema")).CombinedOutput()
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

// fixtureFile is the name the Gadget fixture takes in a copy of ent/schema.
const fixtureFile = "gadget.go"

// schemaCopy copies ent/schema and the schema file fixture (a path under
// testdata) into a fresh directory inside the module, where the copy's
// imports of the module resolve. The directory is removed when the test
// ends. It refuses to run if ent/schema has a file or an entity of the
// fixture's name: the copy would then test the product, not the fixture.
func schemaCopy(t *testing.T, fixture string) string {
	t.Helper()
	src := filepath.Join(root, "ent", "schema")
	entries, err := os.ReadDir(src) // sorted by name
	require.NoError(t, err)
	dir, err := os.MkdirTemp("testdata", schemaCopyPrefix)
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })

	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		require.NotEqual(t, fixtureFile, e.Name(), "ent/schema ships %s: rename the fixture", fixtureFile)
		require.NotContains(t, string(b), "type Gadget struct", "ent/schema/%s ships a Gadget: rename the fixture", e.Name())
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644))
	}
	b, err := os.ReadFile(filepath.Join("testdata", fixture))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, fixtureFile), b, 0o644))
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

// The control: a well-formed entity passes, so each mistake below fails
// for its mistake alone.
func TestGadgetSchema_PassesTheTenancyTestOfEntSchema(t *testing.T) {
	t.Parallel()
	dir := schemaCopy(t, "schema/gadget.go")

	passed, out := schemaTest(t, dir)

	assert.True(t, passed, out)
}

func TestGadgetSchema_Mistakes_FailTheTenancyTestOfEntSchema(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give string
		want string
	}{
		{name: "without the mixin", give: "mistakes/gadget_without_mixin.go", want: "Gadget: company_id must come from the AuditMixin"},
		{name: "company_id by hand", give: "mistakes/gadget_company_by_hand.go", want: "Gadget declares company_id by hand"},
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

// The tenancy test checks fields only; the guide says the rest of the
// tenancy (hooks, interceptor, policy) comes from the AuditMixin too. This
// holds it true of the guide's example, the shipped Datacenter.
func TestDatacenterSchema_GetsTenancyFromTheAuditMixin(t *testing.T) {
	t.Parallel()
	graph, err := entc.LoadGraph(filepath.Join(root, "ent", "schema"), &gen.Config{})
	require.NoError(t, err)
	i := slices.IndexFunc(graph.Nodes, func(n *gen.Type) bool { return n.Name == "Datacenter" })
	require.GreaterOrEqual(t, i, 0, "no Datacenter in ent/schema")
	dc := graph.Nodes[i]

	j := slices.IndexFunc(dc.Fields, func(f *gen.Field) bool { return f.Name == "company_id" })
	require.GreaterOrEqual(t, j, 0, "Datacenter has no company_id")
	pos := dc.Fields[j].Position
	require.True(t, pos != nil && pos.MixedIn, "company_id is not mixed in")
	mixin := pos.MixinIndex
	assert.Equal(t, []int{mixin}, dc.MixedInHooks(), "hooks that stamp company and author")
	assert.Equal(t, []int{mixin}, dc.MixedInInterceptors(), "interceptor that filters reads")
	assert.Equal(t, []int{mixin}, dc.MixedInPolicies(), "policy that denies without a tenant")
	require.NotEmpty(t, dc.Indexes)
	for _, idx := range dc.Indexes {
		assert.Equal(t, "company_id", idx.Columns[0], "index %s", idx.Name)
	}
}
