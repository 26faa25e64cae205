package permissions_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/go-faster/yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/permissions"
)

const specPath = "../../openapi.yaml"

func TestRequired(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name      string
		give      string
		want      []string
		wantKnown bool
	}{
		{name: "create asset needs write", give: "createAsset", want: []string{"assets.assets.write"}, wantKnown: true},
		{name: "status change is a write", give: "updateAssetStatus", want: []string{"assets.assets.write"}, wantKnown: true},
		{name: "status history is a read", give: "listAssetStatusHistory", want: []string{"assets.assets.read"}, wantKnown: true},
		{name: "maintenance list is a read", give: "listMaintenanceAssets", want: []string{"assets.assets.read"}, wantKnown: true},
		{name: "delete datacenter needs delete", give: "deleteDatacenter", want: []string{"core.datacenters.delete"}, wantKnown: true},
		{name: "login needs nothing", give: "login", want: []string{}, wantKnown: true},
		{name: "accepting an invitation needs nothing", give: "acceptInvitation", want: []string{}, wantKnown: true},
		{name: "password reset needs nothing", give: "requestPasswordReset", want: []string{}, wantKnown: true},
		{name: "deactivating a user needs delete", give: "deleteUser", want: []string{"core.users.delete"}, wantKnown: true},
		{name: "adding a team member is a team write", give: "addTeamMember", want: []string{"core.teams.write"}, wantKnown: true},
		{name: "removing a team member is a team write", give: "removeTeamMember", want: []string{"core.teams.write"}, wantKnown: true},
		{name: "revoking an API token needs delete", give: "revokeAPIToken", want: []string{"core.api_tokens.delete"}, wantKnown: true},
		{name: "security events are a read", give: "listSecurityEvents", want: []string{"core.security_events.read"}, wantKnown: true},
		{name: "permission catalog needs nothing", give: "listPermissions", want: []string{}, wantKnown: true},
		{name: "health needs nothing", give: "healthz", want: []string{}, wantKnown: true},
		{name: "ogen operation name is not an operationId", give: "ListAssets", want: nil, wantKnown: false},
		{name: "unknown operation", give: "dropDatabase", want: nil, wantKnown: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			got, known := permissions.Required(tt.give)

			assert.Equal(t, tt.wantKnown, known)
			if tt.want == nil {
				assert.Nil(t, got)
				return
			}
			assert.ElementsMatch(t, tt.want, got)
		})
	}
}

func TestRequired_ReturnsCopy(t *testing.T) {
	t.Parallel()

	got, _ := permissions.Required("createAsset")
	require.NotEmpty(t, got)
	got[0] = "core.datacenters.delete"

	again, _ := permissions.Required("createAsset")
	assert.Equal(t, []string{"assets.assets.write"}, again)
}

func TestCatalog_Labels(t *testing.T) {
	t.Parallel()

	tests := []struct {
		give string
		want permissions.Permission
	}{
		{give: "core.datacenters.read", want: permissions.Permission{
			Code: "core.datacenters.read", Module: "core", Resource: "datacenters", Level: "read", Label: "View datacenters",
		}},
		{give: "core.datacenters.write", want: permissions.Permission{
			Code: "core.datacenters.write", Module: "core", Resource: "datacenters", Level: "write", Label: "Create and change datacenters",
		}},
		{give: "assets.assets.delete", want: permissions.Permission{
			Code: "assets.assets.delete", Module: "assets", Resource: "assets", Level: "delete", Label: "Delete assets",
		}},
		{give: "core.users.write", want: permissions.Permission{
			Code: "core.users.write", Module: "core", Resource: "users", Level: "write", Label: "Create and change users",
		}},
		{give: "core.teams.delete", want: permissions.Permission{
			Code: "core.teams.delete", Module: "core", Resource: "teams", Level: "delete", Label: "Delete teams",
		}},
		{give: "core.api_tokens.read", want: permissions.Permission{
			Code: "core.api_tokens.read", Module: "core", Resource: "api_tokens", Level: "read", Label: "View API tokens",
		}},
		{give: "core.api_tokens.write", want: permissions.Permission{
			Code: "core.api_tokens.write", Module: "core", Resource: "api_tokens", Level: "write", Label: "Create and change API tokens",
		}},
		{give: "core.security_events.read", want: permissions.Permission{
			Code: "core.security_events.read", Module: "core", Resource: "security_events", Level: "read", Label: "View security events",
		}},
	}
	byCode := make(map[string]permissions.Permission)
	for _, p := range permissions.Catalog() {
		byCode[p.Code] = p
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			t.Parallel()

			got, ok := byCode[tt.give]
			require.True(t, ok, "catalog has no %s", tt.give)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCatalog_SortedUniqueAndEqualToAll(t *testing.T) {
	t.Parallel()

	catalog := permissions.Catalog()
	require.NotEmpty(t, catalog)

	codes := make([]string, len(catalog))
	for i, p := range catalog {
		codes[i] = p.Code
	}
	assert.True(t, slices.IsSorted(codes), "catalog is sorted by code")
	assert.Equal(t, len(codes), len(slices.Compact(slices.Clone(codes))), "catalog codes are unique")
	assert.Equal(t, codes, permissions.All())
}

func TestCatalog_ReturnsCopy(t *testing.T) {
	t.Parallel()

	got := permissions.Catalog()
	require.NotEmpty(t, got)
	got[0].Label = "changed"

	assert.NotEqual(t, "changed", permissions.Catalog()[0].Label)
}

// specOperation is one operation of openapi.yaml, read independently of the
// generator so that a stale table_gen.go fails here.
type specOperation struct {
	method, path string
	id           string
	codes        []string
	module       string
}

func readSpecOperations(t *testing.T) []specOperation {
	t.Helper()

	data, err := os.ReadFile(specPath)
	require.NoError(t, err)
	var doc struct {
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(data, &doc))

	var ops []specOperation
	for path, item := range doc.Paths {
		for method, node := range item {
			if !slices.Contains([]string{"get", "put", "post", "delete", "patch", "head", "options", "trace"}, method) {
				continue
			}
			var op struct {
				ID          string   `yaml:"operationId"`
				Permissions []string `yaml:"x-permissions"`
				Tags        []string `yaml:"tags"`
			}
			require.NoError(t, node.Decode(&op), "%s %s", method, path)
			require.Len(t, op.Tags, 1, "%s %s: its one tag names its module", method, path)
			ops = append(ops, specOperation{method: strings.ToUpper(method), path: path, id: op.ID, codes: op.Permissions, module: op.Tags[0]})
		}
	}
	require.NotEmpty(t, ops)
	return ops
}

func TestTable_MatchesSpec(t *testing.T) {
	t.Parallel()

	ops := readSpecOperations(t)
	specCodes := make(map[string]bool)
	for _, op := range ops {
		got, known := permissions.Required(op.id)
		require.True(t, known, "operation %q (%s %s) is missing from the table; run go generate ./internal/permissions/", op.id, op.method, op.path)
		assert.ElementsMatch(t, op.codes, got, "operation %q: table is stale; run go generate ./internal/permissions/", op.id)
		for _, code := range op.codes {
			specCodes[code] = true
		}
	}

	all := permissions.All()
	assert.Len(t, all, len(specCodes), "catalog has exactly the codes the spec names")
	for _, code := range all {
		assert.True(t, specCodes[code], "catalog code %q is not named by any operation", code)
	}
}

// TestTable_CoversGeneratedRouter resolves every operation of the
// specification through the generated router: the operationId it reports
// must have an entry, and the operation's module (its tag) must own the
// codes it requires.
func TestTable_CoversGeneratedRouter(t *testing.T) {
	t.Parallel()

	srv, err := api.NewServer(api.UnimplementedHandler{}, nil)
	require.NoError(t, err)

	for _, op := range readSpecOperations(t) {
		path := strings.NewReplacer("{id}", "1", "{user_id}", "2", "{reservation_id}", "3").Replace(op.path)
		require.NotContains(t, path, "{", "%s %s has a path parameter this test does not fill in", op.method, op.path)
		route, ok := srv.FindRoute(op.method, path)
		require.True(t, ok, "generated router has no %s %s; run go generate ./internal/api/", op.method, path)
		assert.Equal(t, op.id, route.OperationID())

		codes, known := permissions.Required(route.OperationID())
		assert.True(t, known, "router operation %q is missing from the table", route.OperationID())
		for _, code := range codes {
			assert.True(t, strings.HasPrefix(code, op.module+"."),
				"operation %q of module %q requires %q from another module", route.OperationID(), op.module, code)
		}
	}
}

func TestKnownAndUnknown(t *testing.T) {
	assert.True(t, permissions.Known("assets.assets.read"))
	assert.False(t, permissions.Known("assets.assets.admin"))
	assert.Equal(t, []string{"x.y.read", "core.users.own"},
		permissions.Unknown([]string{"core.users.read", "x.y.read", "core.users.own", "core.teams.write"}))
	assert.Empty(t, permissions.Unknown(permissions.All()))
}
