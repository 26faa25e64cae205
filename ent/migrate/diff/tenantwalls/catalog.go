package tenantwalls

// Catalog is what a database already has of the objects walls are made of,
// by name, in its current schema. Keys are "<table>.<name>" for constraints
// and policies, table names for row-level security, names for functions.
// The diff command reads it: raw SQL stays out of this package.
type Catalog struct {
	Constraints map[string]bool
	RowSecurity map[string]bool
	Policies    map[string]bool
	Functions   map[string]bool
}

// has reports whether the object w creates exists. Only names are compared:
// a wall changed by hand keeps its name and is not rewritten.
func (c Catalog) has(w Wall) bool {
	switch w.kind {
	case function:
		return c.Functions[w.name]
	case constraint:
		return c.Constraints[w.table+"."+w.name]
	case rowSecurity:
		return c.RowSecurity[w.table]
	case policy:
		return c.Policies[w.table+"."+w.name]
	default:
		return false
	}
}
