package tenantwalls

import (
	"cmp"
	"fmt"
	"slices"

	"entgo.io/ent/dialect/sql/schema"
)

// scoped reports whether t holds one company's rows: it has a company_id.
func scoped(t *schema.Table) bool {
	if t == nil {
		return false
	}
	return slices.ContainsFunc(t.Columns, func(c *schema.Column) bool { return c.Name == companyColumn })
}

// tenantTables returns the tenant-scoped tables, sorted by name so that the
// generated file does not depend on the order Ent lists them in.
func tenantTables(tables []*schema.Table) []*schema.Table {
	var out []*schema.Table
	for _, t := range tables {
		if scoped(t) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b *schema.Table) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// referencedTables returns the parents of the references: the tables that
// need a unique (company_id, id) for a composite foreign key to point at.
func referencedTables(refs []tenantRef) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.refTable)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// rowSecurityTables returns the tables that get row-level security: every
// tenant-scoped table, and the tables a platform policy is about (companies,
// the tenant root, has no company_id of its own).
func rowSecurityTables(tables []*schema.Table) []string {
	var out []string
	for _, t := range tenantTables(tables) {
		out = append(out, t.Name)
	}
	for _, p := range platformPolicies {
		out = append(out, p.table)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// checkPlatformTables refuses a platform policy on a table Ent does not
// describe: a renamed table would otherwise leave it pointing nowhere.
func checkPlatformTables(tables []*schema.Table) error {
	for _, p := range platformPolicies {
		if !slices.ContainsFunc(tables, func(t *schema.Table) bool { return t.Name == p.table }) {
			return fmt.Errorf("platform policy %s names table %s, which the Ent schema does not have", p.name, p.table)
		}
	}
	return nil
}

func sortRefs(refs []tenantRef) {
	slices.SortFunc(refs, func(a, b tenantRef) int {
		return cmp.Or(cmp.Compare(a.table, b.table), cmp.Compare(a.column, b.column))
	})
}
