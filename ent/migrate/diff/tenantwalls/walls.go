// Package tenantwalls derives PostgreSQL's tenant walls from the Ent schema,
// tells which ones a database's catalog lacks, and writes those as one more
// goose migration. The application filters every query by tenant; the walls
// are the database's own backstop for what that filter cannot see:
//
//   - a foreign key only checks that the parent row exists, not that it
//     belongs to the same company, so every foreign key between two
//     tenant-scoped tables gets a composite twin (company_id, X) →
//     (company_id, id), backed by a unique key on the parent;
//   - row-level security confines a connection that sets binora.company_id
//     (and logs in as a role that is neither superuser nor owner) to that
//     company's rows.
//
// Everything is derived from the tables Ent describes, so a new entity gets
// its walls from `make generate` with no hand-written SQL.
package tenantwalls

import (
	"fmt"

	"entgo.io/ent/dialect/sql/schema"
)

// Names of the walls. The suffixes are a contract: the application maps a
// violation of a constraint named <table>_<column>_tenant_fk to a 400 naming
// the column, and KeepWalls recognises the constraints by them.
const (
	KeySuffix       = "_tenant_key"
	FKSuffix        = "_tenant_fk"
	IsolationPolicy = "tenant_isolation"
	companyColumn   = "company_id"
	// PostgreSQL silently truncates longer identifiers, and a truncated name
	// would lose its suffix.
	maxIdentifier = 63
)

// What a wall is, so that a Catalog can tell whether it already exists.
type kind int

const (
	function kind = iota
	constraint
	rowSecurity
	policy
)

// Wall is one statement of the walls migration, the statement that undoes
// it, and the catalog object it creates.
type Wall struct {
	Comment string
	Up      string
	Down    string
	kind    kind
	table   string
	name    string
}

// Plan returns the walls the tables need that the catalog lacks, in an order
// PostgreSQL accepts: functions before the policies that call them, unique
// keys before the foreign keys that reference them.
func Plan(tables []*schema.Table, have Catalog) ([]Wall, error) {
	want, err := Desired(tables)
	if err != nil {
		return nil, err
	}
	var missing []Wall
	for _, w := range want {
		if !have.has(w) {
			missing = append(missing, w)
		}
	}
	return missing, nil
}

// Desired returns every wall the tables need.
func Desired(tables []*schema.Table) ([]Wall, error) {
	refs, err := tenantReferences(tables)
	if err != nil {
		return nil, err
	}
	if err := checkPlatformTables(tables); err != nil {
		return nil, err
	}
	var walls []Wall
	for _, f := range functions {
		walls = append(walls, f.wall())
	}
	for _, t := range referencedTables(refs) {
		walls = append(walls, tenantKey(t))
	}
	for _, r := range refs {
		walls = append(walls, r.wall())
	}
	for _, t := range rowSecurityTables(tables) {
		walls = append(walls, enableRowSecurity(t))
	}
	for _, t := range tenantTables(tables) {
		walls = append(walls, isolation(t))
	}
	for _, p := range platformPolicies {
		walls = append(walls, p.wall())
	}
	return walls, nil
}

// tenantRef is a single-column foreign key between two tenant-scoped tables.
type tenantRef struct {
	table, column, refTable string
	onDelete                schema.ReferenceOption
}

func (r tenantRef) name() string { return r.table + "_" + r.column + FKSuffix }

// tenantReferences lists the foreign keys that need a composite twin, in
// table and column order so that the generated file is stable.
func tenantReferences(tables []*schema.Table) ([]tenantRef, error) {
	var refs []tenantRef
	for _, t := range tenantTables(tables) {
		for _, fk := range t.ForeignKeys {
			if len(fk.Columns) != 1 || fk.Columns[0].Name == companyColumn || !scoped(fk.RefTable) {
				continue
			}
			if len(fk.RefColumns) != 1 || fk.RefColumns[0].Name != "id" {
				return nil, fmt.Errorf("foreign key %s: a tenant wall can only reference the parent's id", fk.Symbol)
			}
			r := tenantRef{table: t.Name, column: fk.Columns[0].Name, refTable: fk.RefTable.Name, onDelete: fk.OnDelete}
			if len(r.name()) > maxIdentifier || len(r.refTable+KeySuffix) > maxIdentifier {
				return nil, fmt.Errorf("foreign key %s: %s is longer than PostgreSQL's %d-byte names", fk.Symbol, r.name(), maxIdentifier)
			}
			refs = append(refs, r)
		}
	}
	sortRefs(refs)
	return refs, nil
}
