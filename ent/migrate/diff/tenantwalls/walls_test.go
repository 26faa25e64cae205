package tenantwalls

import (
	"strings"
	"testing"

	"entgo.io/ent/dialect/sql/schema"
	"entgo.io/ent/schema/field"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	entmigrate "github.com/binora/binora/ent/migrate"
)

// fixture is a small schema: a tenant root, a global table, tenant tables
// that reference each other, the global table and themselves.
func fixture() []*schema.Table {
	col := func(name string) *schema.Column { return &schema.Column{Name: name, Type: field.TypeInt} }
	table := func(name string, cols ...string) *schema.Table {
		t := &schema.Table{Name: name, Columns: []*schema.Column{col("id")}}
		for _, c := range cols {
			t.Columns = append(t.Columns, col(c))
		}
		return t
	}
	companies := table("companies")
	regions := table("regions")
	datacenters := table("datacenters", "company_id", "region_id")
	assets := table("assets", "company_id", "datacenter_id", "parent_id")
	apiTokens := table("api_tokens", "company_id")
	fk := func(t *schema.Table, column string, ref *schema.Table, onDelete schema.ReferenceOption) {
		c, _ := t.Column(column)
		t.ForeignKeys = append(t.ForeignKeys, &schema.ForeignKey{
			Symbol: t.Name + "_" + column, Columns: []*schema.Column{c},
			RefTable: ref, RefColumns: []*schema.Column{ref.Columns[0]}, OnDelete: onDelete,
		})
	}
	for _, t := range []*schema.Table{datacenters, assets, apiTokens} {
		fk(t, "company_id", companies, schema.NoAction)
	}
	fk(datacenters, "region_id", regions, schema.NoAction)
	fk(assets, "parent_id", assets, schema.SetNull)
	fk(assets, "datacenter_id", datacenters, schema.Cascade)
	return []*schema.Table{regions, companies, assets, datacenters, apiTokens}
}

func upStatements(t *testing.T, walls []Wall) []string {
	t.Helper()
	var out []string
	for _, w := range walls {
		out = append(out, w.Up)
	}
	return out
}

func TestDesired_DerivesTheWallsFromTheForeignKeys(t *testing.T) {
	walls, err := Desired(fixture())
	require.NoError(t, err)

	assert.Equal(t, []string{
		`CREATE FUNCTION "binora_tenant"() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT NULLIF(current_setting('binora.company_id', true), '')::bigint $$`,
		`CREATE FUNCTION "binora_platform"() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT coalesce(current_setting('binora.platform', true), '') = 'on' $$`,
		`ALTER TABLE "assets" ADD CONSTRAINT "assets_tenant_key" UNIQUE ("company_id", "id")`,
		`ALTER TABLE "datacenters" ADD CONSTRAINT "datacenters_tenant_key" UNIQUE ("company_id", "id")`,
		`ALTER TABLE "assets" ADD CONSTRAINT "assets_datacenter_id_tenant_fk" FOREIGN KEY ("company_id", "datacenter_id") REFERENCES "datacenters" ("company_id", "id") ON UPDATE NO ACTION ON DELETE CASCADE`,
		`ALTER TABLE "assets" ADD CONSTRAINT "assets_parent_id_tenant_fk" FOREIGN KEY ("company_id", "parent_id") REFERENCES "assets" ("company_id", "id") ON UPDATE NO ACTION ON DELETE SET NULL ("parent_id")`,
		`ALTER TABLE "api_tokens" ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE "assets" ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE "companies" ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE "datacenters" ENABLE ROW LEVEL SECURITY`,
		`CREATE POLICY "tenant_isolation" ON "api_tokens" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant())`,
		`CREATE POLICY "tenant_isolation" ON "assets" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant())`,
		`CREATE POLICY "tenant_isolation" ON "datacenters" FOR ALL USING ("company_id" = binora_tenant()) WITH CHECK ("company_id" = binora_tenant())`,
		`CREATE POLICY "tenant_own_company" ON "companies" FOR SELECT USING (id = binora_tenant())`,
		`CREATE POLICY "platform_companies" ON "companies" FOR ALL USING (binora_platform()) WITH CHECK (binora_platform())`,
		`CREATE POLICY "platform_resolve_api_token" ON "api_tokens" FOR SELECT USING (binora_platform())`,
	}, upStatements(t, walls))
}

// catalogOf is a catalog holding what walls create.
func catalogOf(walls []Wall) Catalog {
	c := Catalog{Constraints: map[string]bool{}, RowSecurity: map[string]bool{}, Policies: map[string]bool{}, Functions: map[string]bool{}}
	for _, w := range walls {
		switch w.kind {
		case function:
			c.Functions[w.name] = true
		case constraint:
			c.Constraints[w.table+"."+w.name] = true
		case rowSecurity:
			c.RowSecurity[w.table] = true
		case policy:
			c.Policies[w.table+"."+w.name] = true
		}
	}
	return c
}

func TestPlan_WhenTheCatalogHasEveryWall_IsEmpty(t *testing.T) {
	want, err := Desired(entmigrate.Tables)
	require.NoError(t, err)

	missing, err := Plan(entmigrate.Tables, catalogOf(want))

	require.NoError(t, err)
	assert.Empty(t, missing)
}

func TestPlan_ReturnsOnlyTheMissingWalls(t *testing.T) {
	want, err := Desired(fixture())
	require.NoError(t, err)
	have := catalogOf(want)
	delete(have.Constraints, "assets.assets_parent_id_tenant_fk")
	delete(have.Policies, "companies.platform_companies")

	missing, err := Plan(fixture(), have)

	require.NoError(t, err)
	assert.Equal(t, []string{
		`ALTER TABLE "assets" ADD CONSTRAINT "assets_parent_id_tenant_fk" FOREIGN KEY ("company_id", "parent_id") REFERENCES "assets" ("company_id", "id") ON UPDATE NO ACTION ON DELETE SET NULL ("parent_id")`,
		`CREATE POLICY "platform_companies" ON "companies" FOR ALL USING (binora_platform()) WITH CHECK (binora_platform())`,
	}, upStatements(t, missing))
}

func TestDesired_NameLongerThanPostgreSQLAllows_IsRefused(t *testing.T) {
	tables := fixture()
	long := strings.Repeat("x", 60)
	for _, tb := range tables {
		if tb.Name == "assets" {
			tb.Columns[2].Name = long // datacenter_id
		}
	}

	_, err := Desired(tables)

	assert.ErrorContains(t, err, long+FKSuffix)
}

func TestDesired_PlatformPolicyOnAMissingTable_IsRefused(t *testing.T) {
	var tables []*schema.Table
	for _, tb := range fixture() {
		if tb.Name != "api_tokens" {
			tables = append(tables, tb)
		}
	}

	_, err := Desired(tables)

	assert.ErrorContains(t, err, "platform_resolve_api_token")
}

func TestOnDelete_NamesTheColumnWhenItSetsOne(t *testing.T) {
	tests := []struct {
		give schema.ReferenceOption
		want string
	}{
		{give: schema.SetNull, want: `SET NULL ("parent_id")`},
		{give: schema.SetDefault, want: `SET DEFAULT ("parent_id")`},
		{give: schema.Cascade, want: "CASCADE"},
		{give: schema.Restrict, want: "RESTRICT"},
		{give: schema.NoAction, want: "NO ACTION"},
		{give: "", want: "NO ACTION"},
	}
	for _, tt := range tests {
		t.Run(string(tt.give), func(t *testing.T) {
			assert.Equal(t, tt.want, onDelete(tt.give, "parent_id"))
		})
	}
}
