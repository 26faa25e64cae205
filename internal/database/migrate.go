package database

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"math"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/binora/binora/ent/migrate/migrations"
)

// versionTable is where goose records the applied migrations.
const versionTable = goose.DefaultTablename

// Migrate applies every pending versioned migration to the database at
// rawURL and returns how many it applied. On PostgreSQL an advisory lock
// serialises replicas that start at once.
func Migrate(ctx context.Context, rawURL string) (int, error) {
	return migrateTo(ctx, rawURL, math.MaxInt64)
}

// migrateTo applies the pending migrations up to and including version.
func migrateTo(ctx context.Context, rawURL string, version int64) (int, error) {
	name, dsn, err := driverFor(rawURL)
	if err != nil {
		return 0, err
	}
	gooseDialect := goose.DialectPostgres
	dir := "postgres"
	var opts []goose.ProviderOption
	if name == "sqlite" {
		gooseDialect = goose.DialectSQLite3
		dir = "sqlite"
		// A table rebuild turns foreign keys off with a PRAGMA that does
		// nothing inside a transaction, where a DROP TABLE would then
		// cascade to child rows: migrate on a connection that has them off
		// from the start, and check them afterwards.
		dsn = sqliteDSN(sqlitePath(rawURL), false)
	} else {
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return 0, fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	pool, err := sql.Open(name, dsn)
	if err != nil {
		return 0, fmt.Errorf("open database: %w", err)
	}
	defer pool.Close()
	pool.SetMaxOpenConns(1)

	provider, err := newProvider(pool, gooseDialect, dir, opts...)
	if err != nil {
		return 0, err
	}
	results, err := provider.UpTo(ctx, version)
	if err != nil {
		return len(results), fmt.Errorf("apply migrations: %w", err)
	}
	if name == "sqlite" {
		if err := checkForeignKeys(ctx, pool); err != nil {
			return len(results), err
		}
	}
	return len(results), nil
}

func newProvider(pool *sql.DB, d goose.Dialect, dir string, opts ...goose.ProviderOption) (*goose.Provider, error) {
	files, err := fs.Sub(migrations.FS, dir)
	if err != nil {
		return nil, err
	}
	provider, err := goose.NewProvider(d, pool, files, opts...)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return provider, nil
}

// Pending returns how many migrations the PostgreSQL database at rawURL
// lacks. It only reads, so the role the server serves with may ask.
func Pending(ctx context.Context, rawURL string) (int, error) {
	pool, err := sql.Open("postgres", rawURL)
	if err != nil {
		return 0, fmt.Errorf("open database: %w", err)
	}
	defer pool.Close()
	provider, err := newProvider(pool, goose.DialectPostgres, "postgres")
	if err != nil {
		return 0, err
	}
	// Without the version table goose would try to create it, which the
	// server's role may not do: nothing is applied then.
	var table sql.NullString
	if err := pool.QueryRowContext(ctx, "SELECT to_regclass($1)::text", versionTable).Scan(&table); err != nil {
		return 0, fmt.Errorf("check pending migrations: %w", err)
	}
	if !table.Valid {
		return len(provider.ListSources()), nil
	}
	status, err := provider.Status(ctx)
	if err != nil {
		return 0, fmt.Errorf("check pending migrations: %w", err)
	}
	n := 0
	for _, m := range status {
		if m.State == goose.StatePending {
			n++
		}
	}
	return n, nil
}

func checkForeignKeys(ctx context.Context, pool *sql.DB) error {
	rows, err := pool.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("check foreign keys: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		return fmt.Errorf("migrations left rows whose foreign keys point nowhere")
	}
	return rows.Err()
}
