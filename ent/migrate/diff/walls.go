package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect/sql/schema"
	"github.com/pressly/goose/v3"

	"github.com/binora/binora/ent/migrate/diff/tenantwalls"
)

// writeWalls applies the goose migrations in the directory at path to the
// empty PostgreSQL database at devURL, the way the server applies them, and
// writes the tenant walls the tables need and that database lacks as one
// more migration. It returns the new file's name, or "" when nothing was
// missing and nothing was written.
func writeWalls(ctx context.Context, path, devURL string, tables []*schema.Table, now time.Time) (string, error) {
	have, err := migratedCatalog(ctx, path, devURL)
	if err != nil {
		return "", err
	}
	walls, err := tenantwalls.Plan(tables, have)
	if err != nil || len(walls) == 0 {
		return "", err
	}
	dir, err := sqltool.NewGooseDir(path)
	if err != nil {
		return "", fmt.Errorf("open migration directory: %w", err)
	}
	return tenantwalls.WriteFile(dir, walls, now)
}

// migratedCatalog migrates the database at devURL with goose (no version
// table: the database is thrown away) and reads its catalog.
func migratedCatalog(ctx context.Context, path, devURL string) (tenantwalls.Catalog, error) {
	db, err := sql.Open("postgres", devURL)
	if err != nil {
		return tenantwalls.Catalog{}, err
	}
	defer db.Close()
	provider, err := goose.NewProvider(goose.DialectPostgres, db, os.DirFS(path), goose.WithDisableVersioning(true))
	if err != nil {
		return tenantwalls.Catalog{}, fmt.Errorf("load migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return tenantwalls.Catalog{}, fmt.Errorf("apply migrations: %w", err)
	}
	return readCatalog(ctx, db)
}

// readCatalog reads what db's current schema has of the walls, by name.
func readCatalog(ctx context.Context, db *sql.DB) (tenantwalls.Catalog, error) {
	var c tenantwalls.Catalog
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
			return tenantwalls.Catalog{}, err
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
