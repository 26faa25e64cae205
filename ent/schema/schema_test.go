package schema_test

import (
	"testing"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// globalEntities are the only entities without a company. Each must say
// why it is safe to share between tenants.
var globalEntities = map[string]string{
	"Company": "the tenant itself: its policy confines a viewer to its own row",
}

// Isolation by construction: every entity gets its company, its audit fields
// and the tenant policy, hooks and interceptors from the one AuditMixin, or
// is listed above.
func TestEverySchema_IsTenantScopedOrDeclaredGlobal(t *testing.T) {
	graph, err := entc.LoadGraph(".", &gen.Config{})
	require.NoError(t, err)
	require.NotEmpty(t, graph.Nodes)

	for _, node := range graph.Nodes {
		if reason, global := globalEntities[node.Name]; global {
			assert.NotEmpty(t, reason)
			continue
		}
		mixed := map[string]bool{}
		for _, f := range node.Fields {
			if f.Position != nil && f.Position.MixedIn {
				mixed[f.Name] = true
			}
		}
		for _, want := range []string{"company_id", "created_at", "updated_at", "created_by", "updated_by"} {
			assert.True(t, mixed[want], "%s: %s must come from the AuditMixin", node.Name, want)
		}
		for _, f := range node.Fields {
			if f.Name == "company_id" && (f.Position == nil || !f.Position.MixedIn) {
				t.Errorf("%s declares company_id by hand", node.Name)
			}
		}
	}
}

func TestGlobalEntities_Exist(t *testing.T) {
	graph, err := entc.LoadGraph(".", &gen.Config{})
	require.NoError(t, err)
	names := map[string]bool{}
	for _, node := range graph.Nodes {
		names[node.Name] = true
	}
	for name := range globalEntities {
		assert.True(t, names[name], "allow-listed entity %s no longer exists", name)
	}
}
