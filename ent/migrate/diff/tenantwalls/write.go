package tenantwalls

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/lib/pq" // the scratch database's driver
	"github.com/pressly/goose/v3"
)

// FileSuffix ends the name of every walls migration.
const FileSuffix = "_tenant_walls.sql"

// Write applies the goose migrations in the directory at path to the empty
// PostgreSQL database at url, the way the server applies them, and writes
// the walls the tables need and that database lacks as one more migration,
// updating atlas.sum. It returns the new file's name, or "" when nothing was
// missing and nothing was written.
func Write(ctx context.Context, path, url string, tables []*schema.Table, now time.Time) (string, error) {
	have, err := migratedCatalog(ctx, path, url)
	if err != nil {
		return "", err
	}
	walls, err := Plan(tables, have)
	if err != nil || len(walls) == 0 {
		return "", err
	}
	dir, err := sqltool.NewGooseDir(path)
	if err != nil {
		return "", fmt.Errorf("open migration directory: %w", err)
	}
	version, err := nextVersion(dir, now)
	if err != nil {
		return "", err
	}
	name := version + FileSuffix
	if err := dir.WriteFile(name, Render(walls)); err != nil {
		return "", fmt.Errorf("write %s: %w", name, err)
	}
	sum, err := dir.Checksum()
	if err != nil {
		return "", fmt.Errorf("checksum migration directory: %w", err)
	}
	if err := migrate.WriteSumFile(dir, sum); err != nil {
		return "", fmt.Errorf("write %s: %w", migrate.HashFileName, err)
	}
	return name, nil
}

// migratedCatalog migrates the database at url with goose (no version table:
// the database is thrown away) and reads its catalog.
func migratedCatalog(ctx context.Context, path, url string) (Catalog, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return Catalog{}, err
	}
	defer db.Close()
	provider, err := goose.NewProvider(goose.DialectPostgres, db, os.DirFS(path), goose.WithDisableVersioning(true))
	if err != nil {
		return Catalog{}, fmt.Errorf("load migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return Catalog{}, fmt.Errorf("apply migrations: %w", err)
	}
	return ReadCatalog(ctx, db)
}

// nextVersion is now as goose and Atlas write versions, moved past the
// newest file: the Ent diff of the same run may have written one this very
// second, and goose refuses two files of one version.
func nextVersion(dir migrate.Dir, now time.Time) (string, error) {
	v, err := strconv.ParseInt(now.UTC().Format("20060102150405"), 10, 64)
	if err != nil {
		return "", err
	}
	files, err := dir.Files()
	if err != nil {
		return "", fmt.Errorf("read migration directory: %w", err)
	}
	if n := len(files); n > 0 {
		last, err := strconv.ParseInt(files[n-1].Version(), 10, 64)
		if err != nil {
			return "", fmt.Errorf("migration %s: version is not a number: %w", files[n-1].Name(), err)
		}
		v = max(v, last+1)
	}
	return strconv.FormatInt(v, 10), nil
}

// Render writes the walls as a goose migration laid out like the files of
// sqltool.GooseFormatter: one statement a line, each after its comment, the
// down part in reverse order.
func Render(walls []Wall) []byte {
	var b strings.Builder
	b.WriteString("-- +goose Up\n")
	for _, w := range walls {
		fmt.Fprintf(&b, "-- %s\n%s;\n", w.Comment, w.Up)
	}
	b.WriteString("\n-- +goose Down\n")
	for i := len(walls) - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "-- reverse: %s\n%s;\n", walls[i].Comment, walls[i].Down)
	}
	return []byte(b.String())
}
