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

	files, err := fs.Sub(migrations.FS, dir)
	if err != nil {
		return 0, err
	}
	provider, err := goose.NewProvider(gooseDialect, pool, files, opts...)
	if err != nil {
		return 0, fmt.Errorf("load migrations: %w", err)
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
