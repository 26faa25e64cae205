package schema_test

import (
	"fmt"
	"sync"
	"testing"

	"entgo.io/ent"
	sqlschema "entgo.io/ent/dialect/sql/schema"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"entgo.io/ent/entc/load"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/schema"
)

// globalEntities are the only entities without a company. Each must say
// why it is safe to share between tenants.
var globalEntities = map[string]string{
	"Company": "the tenant itself: its policy confines a tenant to its own row",
	"RateLimitCounter": "the sign-in limits every server shares: keys stored only as HMACs under the server secret, " +
		"so a row names no tenant, email or address; its policy denies all access through Ent",
}

// Isolation by construction: every entity gets its company, its audit fields
// and the tenant policy, hooks and interceptors from the one AuditMixin, or
// is listed above.
func TestEverySchema_IsTenantScopedOrDeclaredGlobal(t *testing.T) {
	graph, err := loadSchemas()
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
	graph, err := loadSchemas()
	require.NoError(t, err)
	names := map[string]bool{}
	for _, node := range graph.Nodes {
		names[node.Name] = true
	}
	for name := range globalEntities {
		assert.True(t, names[name], "allow-listed entity %s no longer exists", name)
	}
}

// loadSchemas loads the real schemas once for every test of this file;
// loading compiles the package, which takes seconds.
var loadSchemas = sync.OnceValues(func() (*gen.Graph, error) {
	return entc.LoadGraph(".", &gen.Config{})
})

// tenantUniqueKeyViolations lists every unique key of graph's tables that
// would be unique across tenants: a unique index or composite primary key
// that does not start with company_id, or a unique column. Such a key lets
// one tenant learn of another's values by collision, and an upsert's
// conflict target could land on another tenant's row. The tables of the
// global entities are exempt.
func tenantUniqueKeyViolations(t *testing.T, graph *gen.Graph) []string {
	t.Helper()
	tables, err := graph.Tables()
	require.NoError(t, err)
	global := map[string]bool{}
	for _, node := range graph.Nodes {
		if _, ok := globalEntities[node.Name]; ok {
			global[node.Table()] = true
		}
	}
	startsWithCompany := func(cols []*sqlschema.Column) bool {
		return len(cols) > 0 && cols[0].Name == "company_id"
	}
	var out []string
	for _, table := range tables {
		if global[table.Name] {
			continue
		}
		for _, c := range table.Columns {
			if c.Unique {
				out = append(out, fmt.Sprintf("%s.%s: a unique column is unique across tenants", table.Name, c.Name))
			}
		}
		if len(table.PrimaryKey) > 1 && !startsWithCompany(table.PrimaryKey) {
			out = append(out, fmt.Sprintf("%s: composite primary key does not start with company_id", table.Name))
		}
		for _, idx := range table.Indexes {
			if idx.Unique && !startsWithCompany(idx.Columns) {
				out = append(out, fmt.Sprintf("%s: unique index %s does not start with company_id", table.Name, idx.Name))
			}
		}
	}
	return out
}

func TestEveryUniqueKey_StartsWithCompanyID(t *testing.T) {
	graph, err := loadSchemas()
	require.NoError(t, err)
	require.NotEmpty(t, graph.Nodes)

	assert.Empty(t, tenantUniqueKeyViolations(t, graph))
}

// Gadgets are deliberately good and bad tenant-scoped schemas, to show
// that the unique-key check catches each way of making a key global.
type (
	GadgetWithTenantIndex struct{ ent.Schema }
	GadgetWithLooseIndex  struct{ ent.Schema }
	GadgetWithUniqueField struct{ ent.Schema }
	GadgetWithPeers       struct{ ent.Schema }
)

func gadgetMixin() []ent.Mixin { return []ent.Mixin{schema.AuditMixin{}} }

func gadgetFields() []ent.Field { return []ent.Field{field.String("code")} }

func (GadgetWithTenantIndex) Mixin() []ent.Mixin  { return gadgetMixin() }
func (GadgetWithTenantIndex) Fields() []ent.Field { return gadgetFields() }
func (GadgetWithTenantIndex) Indexes() []ent.Index {
	return []ent.Index{index.Fields("company_id", "code").Unique(), index.Fields("code")}
}

func (GadgetWithLooseIndex) Mixin() []ent.Mixin  { return gadgetMixin() }
func (GadgetWithLooseIndex) Fields() []ent.Field { return gadgetFields() }
func (GadgetWithLooseIndex) Indexes() []ent.Index {
	return []ent.Index{index.Fields("code", "company_id").Unique()}
}

func (GadgetWithUniqueField) Mixin() []ent.Mixin { return gadgetMixin() }
func (GadgetWithUniqueField) Fields() []ent.Field {
	return []ent.Field{field.String("serial").Unique()}
}

func (GadgetWithPeers) Mixin() []ent.Mixin { return gadgetMixin() }
func (GadgetWithPeers) Edges() []ent.Edge {
	// A many-to-many edge gets a join table keyed on the two ids alone.
	return []ent.Edge{edge.To("peers", GadgetWithPeers.Type)}
}

// graphOf builds the graph of the given schemas next to the real Company,
// which the AuditMixin's edge needs.
func graphOf(t *testing.T, schemas ...ent.Interface) *gen.Graph {
	t.Helper()
	specs := make([]*load.Schema, 0, len(schemas)+1)
	for _, s := range append([]ent.Interface{schema.Company{}}, schemas...) {
		b, err := load.MarshalSchema(s)
		require.NoError(t, err)
		spec, err := load.UnmarshalSchema(b)
		require.NoError(t, err)
		specs = append(specs, spec)
	}
	graph, err := gen.NewGraph(&gen.Config{Package: "example.test/ent", Schema: "example.test/ent/schema"}, specs...)
	require.NoError(t, err)
	return graph
}

func TestTenantUniqueKeyViolations_CatchesGlobalKeys(t *testing.T) {
	tests := []struct {
		name string
		give ent.Interface
		want []string
	}{
		{"unique index led by company_id, plain index", GadgetWithTenantIndex{}, nil},
		{"unique index not led by company_id", GadgetWithLooseIndex{}, []string{
			"gadget_with_loose_indexes: unique index gadgetwithlooseindex_code_company_id does not start with company_id",
		}},
		{"unique field", GadgetWithUniqueField{}, []string{
			"gadget_with_unique_fields.serial: a unique column is unique across tenants",
		}},
		{"many-to-many join table", GadgetWithPeers{}, []string{
			"gadget_with_peers_peers: composite primary key does not start with company_id",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tenantUniqueKeyViolations(t, graphOf(t, tt.give))
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestTenantUniqueKeyViolations_ExemptsGlobalEntities(t *testing.T) {
	graph := graphOf(t)
	tables, err := graph.Tables()
	require.NoError(t, err)
	require.Len(t, tables, 1)
	subdomain, ok := tables[0].Column("subdomain")
	require.True(t, ok)
	require.True(t, subdomain.Unique, "Company's subdomain is unique on purpose: it names the tenant")

	assert.Empty(t, tenantUniqueKeyViolations(t, graph))
}

// An Ent many-to-many edge keeps its links in a join table of two id
// columns: no company_id, so neither the tenant interceptor nor the
// database's policies could confine it. Tenant-scoped links are entities
// of their own, as TeamMembership is.
func TestNoManyToManyEdge_BetweenTenantScopedEntities(t *testing.T) {
	graph, err := loadSchemas()
	require.NoError(t, err)
	for _, node := range graph.Nodes {
		if _, global := globalEntities[node.Name]; global {
			continue
		}
		for _, e := range node.Edges {
			if _, global := globalEntities[e.Type.Name]; !global && e.M2M() {
				t.Errorf("%s.%s is a many-to-many edge; make the link an entity with the AuditMixin", node.Name, e.Name)
			}
		}
	}
}

// writtenByRawSQL are the entities whose rows only raw SQL writes (their
// policies deny Ent): a bytea column there gets database.Bytea parameters.
var writtenByRawSQL = map[string]bool{"RateLimitCounter": true}

// On PostgreSQL a byte-slice parameter travels as text, for Ent's JSON
// fields (internal/database/params.go): a bytes field that Ent writes
// would reach its bytea column as text. Only raw SQL, passing
// database.Bytea, may write one.
func TestBytesFields_AreWrittenOnlyByRawSQL(t *testing.T) {
	graph, err := loadSchemas()
	require.NoError(t, err)
	for _, node := range graph.Nodes {
		for _, f := range node.Fields {
			if f.Type.Type == field.TypeBytes && !writtenByRawSQL[node.Name] {
				t.Errorf("%s.%s is a bytes field that Ent would write as text on PostgreSQL", node.Name, f.Name)
			}
		}
	}
}
