// Command diff writes a new versioned migration for each dialect when the Ent
// schema differs from what the existing migrations build. It replays the
// migrations on a scratch database (in-memory SQLite; a throw-away
// PostgreSQL database) and writes nothing when they already match.
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

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/lib/pq"
	sqlite "modernc.org/sqlite"

	entmigrate "github.com/binora/binora/ent/migrate"
)

func init() {
	// Atlas opens SQLite under the name "sqlite3".
	sql.Register("sqlite3", &sqlite.Driver{})
}

func main() {
	name := flag.String("name", "schema", "name of the new migration")
	dir := flag.String("dir", "ent/migrate/migrations", "directory holding one sub-directory per dialect")
	pgURL := flag.String("postgres", envOr("BINORA_DEV_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"),
		"PostgreSQL server on which a scratch database is created and dropped")
	flag.Parse()

	ctx := context.Background()
	if err := diff(ctx, filepath.Join(*dir, "sqlite"), dialect.SQLite, "sqlite://binora-dev?mode=memory&_pragma=foreign_keys(1)", *name); err != nil {
		log.Fatalf("sqlite: %v", err)
	}
	scratch, drop, err := scratchPostgres(ctx, *pgURL)
	if err != nil {
		log.Fatalf("postgres: %v", err)
	}
	defer drop()
	if err := diff(ctx, filepath.Join(*dir, "postgres"), dialect.Postgres, scratch, *name); err != nil {
		drop()
		log.Fatalf("postgres: %v", err)
	}
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
	)
	if errors.Is(err, migrate.ErrNoPlan) {
		return nil
	}
	return err
}

// scratchPostgres creates an empty database on the server at base and
// returns its URL (in schema mode, so migrations name no schema) and a
// function that drops it.
func scratchPostgres(ctx context.Context, base string) (string, func(), error) {
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
	u, err := url.Parse(base)
	if err != nil {
		admin.Close()
		return "", nil, err
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("search_path", "public")
	u.RawQuery = q.Encode()
	dropped := false
	drop := func() {
		if dropped {
			return
		}
		dropped = true
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
