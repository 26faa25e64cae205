// Command diff writes a new versioned migration for each dialect when the Ent
// schema differs from what the existing migrations build. It replays the
// migrations on a scratch database (in-memory SQLite; a throw-away
// PostgreSQL database) and writes nothing when they already match.
//
// On PostgreSQL a second step follows: on another scratch database, migrated
// with everything the first step left in the directory, it writes the tenant
// walls (package tenantwalls) that are missing as <version>_tenant_walls.sql.
// SQLite has no walls.
//
//	go run ./ent/migrate/diff -name add_rack
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/lib/pq"
	sqlite "modernc.org/sqlite"

	entmigrate "github.com/binora/binora/ent/migrate"
	"github.com/binora/binora/ent/migrate/diff/tenantwalls"
)

func init() {
	// Atlas opens SQLite under the name "sqlite3".
	sql.Register("sqlite3", &sqlite.Driver{})
}

func main() {
	name := flag.String("name", "schema", "name of the new migration")
	dir := flag.String("dir", "ent/migrate/migrations", "directory holding one sub-directory per dialect")
	pgURL := flag.String("postgres", envOr("BINORA_DEV_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"),
		"PostgreSQL server on which scratch databases are created and dropped")
	flag.Parse()

	if err := run(context.Background(), *dir, *pgURL, *name); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, dir, pgURL, name string) error {
	if err := diff(ctx, filepath.Join(dir, "sqlite"), dialect.SQLite, "sqlite://binora-dev?mode=memory&_pragma=foreign_keys(1)", name); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	pgDir := filepath.Join(dir, "postgres")
	err := withScratchPostgres(ctx, pgURL, func(devURL string) error {
		return diff(ctx, pgDir, dialect.Postgres, devURL, name)
	})
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	// A database of its own: Atlas's replay drops only the tables it made,
	// and leaves the walls' functions behind.
	err = withScratchPostgres(ctx, pgURL, func(devURL string) error {
		file, err := writeWalls(ctx, pgDir, devURL, entmigrate.Tables, time.Now())
		if file != "" {
			log.Printf("postgres: wrote %s", filepath.Join(pgDir, file))
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres tenant walls: %w", err)
	}
	return nil
}

func diff(ctx context.Context, path, dialectName, devURL, name string) error {
	dir, err := sqltool.NewGooseDir(path)
	if err != nil {
		return fmt.Errorf("open migration directory: %w", err)
	}
	err = entmigrate.NamedDiff(ctx, devURL, name,
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(dialectName),
		schema.WithFormatter(sqltool.GooseFormatter),
		schema.WithErrNoPlan(true),
		// The walls migration adds constraints Ent does not know of.
		schema.WithDiffHook(tenantwalls.KeepWalls),
	)
	if errors.Is(err, migrate.ErrNoPlan) {
		return nil
	}
	return err
}

// withScratchPostgres runs fn with the URL of an empty database it creates
// on the server at base and drops afterwards.
func withScratchPostgres(ctx context.Context, base string, fn func(devURL string) error) error {
	devURL, drop, err := scratchPostgres(ctx, base)
	if err != nil {
		return err
	}
	defer drop()
	return fn(devURL)
}

// scratchPostgres creates an empty database on the server at base and
// returns its URL (in schema mode, so migrations name no schema) and a
// function that drops it.
func scratchPostgres(ctx context.Context, base string) (string, func(), error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, err
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return "", nil, err
	}
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "binora_dev_" + hex.EncodeToString(suffix)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create scratch database (is PostgreSQL running? set BINORA_DEV_POSTGRES_URL): %w", err)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("search_path", "public")
	u.RawQuery = q.Encode()
	drop := func() {
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	}
	return u.String(), drop, nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
