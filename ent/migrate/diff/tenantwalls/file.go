package tenantwalls

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
)

// FileSuffix ends the name of every walls migration.
const FileSuffix = "_tenant_walls.sql"

// WriteFile writes walls as one more goose migration in dir, named after
// now, and updates atlas.sum. It returns the new file's name.
func WriteFile(dir *sqltool.GooseDir, walls []Wall, now time.Time) (string, error) {
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
