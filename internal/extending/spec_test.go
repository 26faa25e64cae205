package extending

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-faster/yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const specPath = "../../openapi.yaml"

// mergedSpec writes openapi.yaml with the paths and schemas of the fragment
// in testdata added, as a developer adds them by hand, and returns its path.
func mergedSpec(t *testing.T, fragment string) string {
	t.Helper()
	var spec, frag yaml.Node
	b, err := os.ReadFile(specPath)
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, &spec))
	b, err = os.ReadFile(filepath.Join("testdata", fragment))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, &frag))

	for _, path := range [][]string{{"paths"}, {"components", "schemas"}} {
		dst, src := spec.Content[0], frag.Content[0]
		for _, key := range path {
			dst, src = mappingValue(dst, key), mappingValue(src, key)
		}
		require.NotNil(t, dst, "openapi.yaml has no %v", path)
		require.NotNil(t, src, "%s has no %v", fragment, path)
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
// lines of the table it writes, blanks collapsed, or its error output.
func permissionTable(t *testing.T, spec string) (map[string]bool, string, error) {
	t.Helper()
	table := filepath.Join(t.TempDir(), "table_gen.go")
	out, err := exec.Command("go", "run", "../permissions/gen", "-spec", spec, "-out", table).CombinedOutput()
	if err != nil {
		return nil, string(out), err
	}
	b, err := os.ReadFile(table)
	require.NoError(t, err)
	lines := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		lines[strings.Join(strings.Fields(line), " ")] = true
	}
	return lines, "", nil
}

func TestRackSpec_AddsExactlyTheRackPermissions(t *testing.T) {
	t.Parallel()
	before, out, err := permissionTable(t, specPath)
	require.NoError(t, err, out)

	after, out, err := permissionTable(t, mergedSpec(t, "openapi/racks.yaml"))

	require.NoError(t, err, out)
	var added, removed []string
	for line := range after {
		if !before[line] {
			added = append(added, line)
		}
	}
	for line := range before {
		if !after[line] {
			removed = append(removed, line)
		}
	}
	assert.ElementsMatch(t, []string{
		`"createRack": {"core.racks.write"},`,
		`"deleteRack": {"core.racks.delete"},`,
		`"getRack": {"core.racks.read"},`,
		`"listRacks": {"core.racks.read"},`,
		`"updateRack": {"core.racks.write"},`,
		`{Code: "core.racks.delete", Module: "core", Resource: "racks", Level: "delete", Label: "Delete racks"},`,
		`{Code: "core.racks.read", Module: "core", Resource: "racks", Level: "read", Label: "View racks"},`,
		`{Code: "core.racks.write", Module: "core", Resource: "racks", Level: "write", Label: "Create and change racks"},`,
	}, added)
	assert.Empty(t, removed)
}

func TestRackSpec_OperationWithoutPermissions_IsRefused(t *testing.T) {
	t.Parallel()

	_, out, err := permissionTable(t, mergedSpec(t, "mistakes/racks_without_permissions.yaml"))

	require.Error(t, err)
	assert.Contains(t, out, "GET /api/racks/{id} (getRack): no x-permissions")
}

// The handlers of the example must be exactly what ogen asks of the Core
// operation group once the fragment is in the specification.
func TestRackSpec_HandlersImplementTheGeneratedOperations(t *testing.T) {
	t.Parallel()
	target := t.TempDir()
	out, err := exec.Command("go", "tool", "ogen", "-config", "../api/.ogen.yml",
		"-target", target, "-package", "api", "-clean", mergedSpec(t, "openapi/racks.yaml")).CombinedOutput()
	require.NoError(t, err, string(out))

	generated := map[string]string{}
	server := parseGo(t, filepath.Join(target, "oas_server_gen.go"))
	ast.Inspect(server, func(n ast.Node) bool {
		spec, ok := n.(*ast.TypeSpec)
		if !ok || spec.Name.Name != "CoreHandler" {
			return true
		}
		for _, m := range spec.Type.(*ast.InterfaceType).Methods.List {
			if len(m.Names) == 1 && strings.Contains(m.Names[0].Name, "Rack") {
				generated[m.Names[0].Name] = render(t, m.Type)
			}
		}
		return false
	})
	written := map[string]string{}
	for _, decl := range parseGo(t, filepath.Join("testdata", "core", "handlers_racks.go")).Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv != nil {
			written[fn.Name.Name] = strings.ReplaceAll(render(t, fn.Type), "api.", "")
		}
	}

	assert.Len(t, generated, 5)
	assert.Equal(t, generated, written)
}

func parseGo(t *testing.T, path string) *ast.File {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	require.NoError(t, err)
	return f
}

func render(t *testing.T, n ast.Node) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, printer.Fprint(&b, token.NewFileSet(), n))
	return b.String()
}
