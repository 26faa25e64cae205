package extending

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-faster/yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mistakeFragment holds one operation, getGadget, without x-permissions.
const mistakeFragment = "mistakes/gadgets_without_permissions.yaml"

// mergedSpec writes openapi.yaml with the paths and schemas of fragment
// added, as a developer adds them by hand, and returns its path. edit may
// change the fragment first. It refuses a fragment that names a path or a
// schema the specification already has: the test would then run on the
// product instead of the fixture.
func mergedSpec(t *testing.T, fragment string, edit func(frag *yaml.Node)) string {
	t.Helper()
	var spec, frag yaml.Node
	b, err := os.ReadFile(filepath.Join(root, "openapi.yaml"))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, &spec))
	b, err = os.ReadFile(filepath.Join("testdata", fragment))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, &frag))
	if edit != nil {
		edit(frag.Content[0])
	}

	for _, path := range [][]string{{"paths"}, {"components", "schemas"}} {
		dst, src := spec.Content[0], frag.Content[0]
		for _, key := range path {
			dst, src = mappingValue(dst, key), mappingValue(src, key)
		}
		require.NotNil(t, dst, "openapi.yaml has no %v", path)
		require.NotNil(t, src, "%s has no %v", fragment, path)
		for i := 0; i < len(src.Content); i += 2 {
			name := src.Content[i].Value
			require.Nil(t, mappingValue(dst, name), "openapi.yaml already has %v %s: rename the fixture", path, name)
		}
		dst.Content = append(dst.Content, src.Content...)
	}
	out, err := yaml.Marshal(&spec)
	require.NoError(t, err)
	merged := filepath.Join(t.TempDir(), "openapi.yaml")
	require.NoError(t, os.WriteFile(merged, out, 0o644))
	return merged
}

// mappingValue returns the value of key in the YAML mapping m, or nil.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; m != nil && i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// permissionTable runs the permission generator on spec and returns the
// table it writes, or its error output.
func permissionTable(t *testing.T, spec string) (string, string, error) {
	t.Helper()
	table := filepath.Join(t.TempDir(), "table_gen.go")
	out, err := exec.Command("go", "run", filepath.Join(root, "internal", "permissions", "gen"),
		"-spec", spec, "-out", table).CombinedOutput()
	if err != nil {
		return "", string(out), err
	}
	b, err := os.ReadFile(table)
	require.NoError(t, err)
	return string(b), string(out), nil
}

func TestPermissionGenerator_OperationWithoutPermissions_IsRefused(t *testing.T) {
	t.Parallel()

	_, out, err := permissionTable(t, mergedSpec(t, mistakeFragment, nil))

	require.Error(t, err)
	assert.Contains(t, out, "GET /api/gadgets/{id} (getGadget): no x-permissions (use [] for none)")
}

// The control: the same fragment with its x-permissions passes, and its
// code enters the catalog, so the refusal above is for the missing list
// alone.
func TestPermissionGenerator_SameOperationWithPermissions_IsAccepted(t *testing.T) {
	t.Parallel()
	withPermissions := func(frag *yaml.Node) {
		op := mappingValue(mappingValue(mappingValue(frag, "paths"), "/api/gadgets/{id}"), "get")
		require.NotNil(t, op, "the fragment has no GET /api/gadgets/{id}")
		var entry yaml.Node
		require.NoError(t, yaml.Unmarshal([]byte("x-permissions: [core.gadgets.read]"), &entry))
		op.Content = append(op.Content, entry.Content[0].Content...)
	}

	table, out, err := permissionTable(t, mergedSpec(t, mistakeFragment, withPermissions))

	require.NoError(t, err, out)
	assert.Contains(t, oneSpaced(table), `"getGadget": {"core.gadgets.read"},`)
	assert.Contains(t, oneSpaced(table),
		`{Code: "core.gadgets.read", Module: "core", Resource: "gadgets", Level: "read", Label: "View gadgets"},`)
}

// oneSpaced collapses the alignment gofmt gives the generated table.
func oneSpaced(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = strings.Join(strings.Fields(line), " ")
	}
	return strings.Join(lines, "\n")
}
