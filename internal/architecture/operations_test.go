package architecture

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/go-faster/yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// groupPackages says which package implements each operation group of
// openapi.yaml (x-ogen-operation-group). A new group is added here, with
// its package; an operation is then found mechanically: its group names
// handlers_<group>.go in that package, which holds its handler.
var groupPackages = map[string]string{
	"Auth":           "modules/core/sessions",
	"Users":          "modules/core/directory",
	"Teams":          "modules/core/directory",
	"Permissions":    "modules/core/directory",
	"APITokens":      "modules/core/apitokens",
	"SecurityEvents": "modules/core/events",
	"Datacenters":    "modules/facilities/datacenters",
	"Platform":       "modules/core/platform",
	"Rooms":          "modules/facilities/rooms",
	"Rows":           "modules/facilities/rooms",
	"Racks":          "modules/facilities/racks",
	"Reservations":   "modules/facilities/racks",
	"RackViews":      "modules/facilities/layout",
	"Capacity":       "modules/facilities/layout",
	"Assets":         "modules/assets",
}

// TestOperations_LiveInTheHandlerFileOfTheirGroup holds the map from
// operationId to handler file true for every operation of the spec.
func TestOperations_LiveInTheHandlerFileOfTheirGroup(t *testing.T) {
	root := filepath.Join("..", "..")
	ops := specOperations(t, filepath.Join(root, "openapi.yaml"))
	require.NotEmpty(t, ops)
	for id, group := range ops {
		dir, ok := groupPackages[group]
		if !assert.True(t, ok, "operation %s: group %q has no package in groupPackages", id, group) {
			continue
		}
		file := filepath.Join(root, dir, "handlers_"+snake(group)+".go")
		src, err := os.ReadFile(file)
		if !assert.NoError(t, err, "operation %s of group %s", id, group) {
			continue
		}
		name := string(unicode.ToUpper(rune(id[0]))) + id[1:]
		assert.Regexp(t, regexp.MustCompile(`func \(h \*Handlers\) `+name+`\(`), string(src),
			"operation %s: no handler %s in %s", id, name, file)
	}
}

// specOperations returns operationId → x-ogen-operation-group.
func specOperations(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc struct {
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(data, &doc))
	out := map[string]string{}
	for _, item := range doc.Paths {
		for _, node := range item {
			var op struct {
				ID    string `yaml:"operationId"`
				Group string `yaml:"x-ogen-operation-group"`
			}
			if node.Kind != yaml.MappingNode { // path-level parameters
				continue
			}
			require.NoError(t, node.Decode(&op))
			if op.ID != "" {
				out[op.ID] = op.Group
			}
		}
	}
	return out
}

// snake turns a group name into its file-name form: APITokens → api_tokens.
func snake(group string) string {
	var b strings.Builder
	runes := []rune(group)
	for i, r := range runes {
		upper := unicode.IsUpper(r)
		nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
		if i > 0 && upper && (unicode.IsLower(runes[i-1]) || nextLower) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func TestSnake(t *testing.T) {
	for give, want := range map[string]string{
		"APITokens": "api_tokens", "SecurityEvents": "security_events", "Auth": "auth", "Datacenters": "datacenters",
	} {
		assert.Equal(t, want, snake(give), give)
	}
}
