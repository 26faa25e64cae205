package tenantwalls

import (
	"context"
	"database/sql"
	"fmt"
)

// Catalog is what a database already has of the objects walls are made of,
// by name, in its current schema. Keys are "<table>.<name>" for constraints
// and policies, table names for row-level security, names for functions.
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

// ReadCatalog reads the catalog of db's current schema.
func ReadCatalog(ctx context.Context, db *sql.DB) (Catalog, error) {
	var c Catalog
	for _, q := range []struct {
		into *map[string]bool
		sql  string
	}{
		{&c.Constraints, `SELECT t.relname || '.' || c.conname FROM pg_constraint c
			JOIN pg_class t ON t.oid = c.conrelid
			WHERE t.relnamespace = current_schema()::regnamespace`},
		{&c.RowSecurity, `SELECT relname FROM pg_class
			WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relrowsecurity`},
		{&c.Policies, `SELECT tablename || '.' || policyname FROM pg_policies
			WHERE schemaname = current_schema()`},
		{&c.Functions, `SELECT proname FROM pg_proc
			WHERE pronamespace = current_schema()::regnamespace`},
	} {
		names, err := readNames(ctx, db, q.sql)
		if err != nil {
			return Catalog{}, err
		}
		*q.into = names
	}
	return c, nil
}

func readNames(ctx context.Context, db *sql.DB, query string) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("read catalog: %w", err)
	}
	defer rows.Close()
	names := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("read catalog: %w", err)
		}
		names[name] = true
	}
	return names, rows.Err()
}
