package tenantwalls

import (
	"fmt"
	"strings"

	"entgo.io/ent/dialect/sql/schema"
)

// sqlFunction is a helper the policies call. Both are plain LANGUAGE sql
// STABLE one-expression functions, neither SECURITY DEFINER nor with a SET
// clause, so the planner inlines them and a policy's company_id =
// binora_tenant() stays an index condition. Each statement is on one line:
// goose and Atlas's replay both split a file at lines ending in ";".
type sqlFunction struct {
	name, returns, body string
}

var functions = []sqlFunction{
	// The tenant the connection set; NULL when unset or reset to '' (a
	// bare ''::bigint would fail), so that policies then match no row.
	{name: "binora_tenant", returns: "bigint", body: "SELECT NULLIF(current_setting('binora.company_id', true), '')::bigint"},
	// Whether the connection is platform code (see platformPolicies).
	{name: "binora_platform", returns: "boolean", body: "SELECT coalesce(current_setting('binora.platform', true), '') = 'on'"},
}

func (f sqlFunction) wall() Wall {
	return Wall{
		Comment: fmt.Sprintf("create function %q", f.name),
		Up: fmt.Sprintf("CREATE FUNCTION %s() RETURNS %s LANGUAGE sql STABLE PARALLEL SAFE AS $$ %s $$",
			quote(f.name), f.returns, f.body),
		Down: fmt.Sprintf("DROP FUNCTION %s()", quote(f.name)),
		kind: function, name: f.name,
	}
}

func tenantKey(table string) Wall {
	name := table + KeySuffix
	return Wall{
		Comment: fmt.Sprintf("add unique constraint %q to table: %q", name, table),
		Up: fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s UNIQUE (%s, %s)",
			quote(table), quote(name), quote(companyColumn), quote("id")),
		Down: fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", quote(table), quote(name)),
		kind: constraint, table: table, name: name,
	}
}

// wall is the composite twin of the reference. ON UPDATE NO ACTION makes
// moving a parent to another company fail while children point at it.
func (r tenantRef) wall() Wall {
	name := r.name()
	return Wall{
		Comment: fmt.Sprintf("add foreign key %q to table: %q", name, r.table),
		Up: fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s, %s) REFERENCES %s (%s, %s) ON UPDATE NO ACTION ON DELETE %s",
			quote(r.table), quote(name), quote(companyColumn), quote(r.column),
			quote(r.refTable), quote(companyColumn), quote("id"), onDelete(r.onDelete, r.column)),
		Down: fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", quote(r.table), quote(name)),
		kind: constraint, table: r.table, name: name,
	}
}

// onDelete matches Ent's action on delete. SET NULL and SET DEFAULT name the
// column (PostgreSQL 15): on a composite key they would otherwise also null
// company_id, which is NOT NULL, and the parent's delete would fail.
func onDelete(action schema.ReferenceOption, column string) string {
	switch action {
	case schema.SetNull, schema.SetDefault:
		return fmt.Sprintf("%s (%s)", action, quote(column))
	case schema.Cascade, schema.Restrict, schema.NoAction:
		return string(action)
	default: // Ent leaves it empty when the schema says nothing
		return string(schema.NoAction)
	}
}

// enableRowSecurity turns policies on for every role but the table's owner
// and superusers. Not FORCE: the owner runs the migrations and must see
// every company's rows.
func enableRowSecurity(table string) Wall {
	return Wall{
		Comment: fmt.Sprintf("enable row level security on table: %q", table),
		Up:      fmt.Sprintf("ALTER TABLE %s ENABLE ROW LEVEL SECURITY", quote(table)),
		Down:    fmt.Sprintf("ALTER TABLE %s DISABLE ROW LEVEL SECURITY", quote(table)),
		kind:    rowSecurity, table: table,
	}
}

func isolation(t *schema.Table) Wall {
	cond := fmt.Sprintf("%s = binora_tenant()", quote(companyColumn))
	return policySpec{table: t.Name, name: IsolationPolicy, command: "ALL", using: cond, check: cond}.wall()
}

func (p policySpec) wall() Wall {
	up := fmt.Sprintf("CREATE POLICY %s ON %s FOR %s USING (%s)", quote(p.name), quote(p.table), p.command, p.using)
	if p.check != "" {
		up += fmt.Sprintf(" WITH CHECK (%s)", p.check)
	}
	return Wall{
		Comment: fmt.Sprintf("create policy %q on table: %q", p.name, p.table),
		Up:      up,
		Down:    fmt.Sprintf("DROP POLICY %s ON %s", quote(p.name), quote(p.table)),
		kind:    policy, table: p.table, name: p.name,
	}
}

func quote(ident string) string {
	return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"`
}
