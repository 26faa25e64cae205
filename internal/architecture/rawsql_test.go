package architecture

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawSQLHome is the one package that may speak SQL past Ent: opening the
// pool, migrating, and the few statements the data layer needs. Raw SQL
// elsewhere would run no privacy policy and no tenant interceptor.
const rawSQLHome = "internal/database"

// rawSQLAllowed are the other places that may use raw SQL, each with why.
// Test files are exempt everywhere, and so is generated code.
var rawSQLAllowed = map[string]string{
	"internal/testsupport":     "test fixtures: back-dating tokens and the like, never shipped",
	"internal/loadtest":        "the load harness, never served: its ceiling is plain SQL by definition",
	"ent/migrate/diff":         "development command that creates and drops a scratch database to diff the schema on",
	"internal/database/notify": "changes between processes: SQLite's PRAGMA data_version; NOTIFY through database.ExecInTx, or after a commit on a connection of its own",
	"internal/database/ratelimitdb": "sign-in limits every server shares: one upsert per check, which Ent's builders cannot " +
		"express, on a table of no tenant (its Ent policy denies all)",
}

// rawSQLCalls are the methods that run hand-written SQL: on *sql.DB and
// *sql.Tx, and on the Ent client when sql/execquery or sql/modifier is on.
var rawSQLCalls = map[string]bool{
	"ExecContext":     true,
	"QueryContext":    true,
	"QueryRowContext": true,
	"Modify":          true,
}

// rawSQLUses lists what in one Go source file speaks SQL past Ent: an
// import of database/sql or a call of a rawSQLCalls method on anything.
func rawSQLUses(fset *token.FileSet, f *ast.File) []string {
	var uses []string
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "database/sql" {
			uses = append(uses, fset.Position(imp.Pos()).String()+": imports database/sql")
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && rawSQLCalls[sel.Sel.Name] {
			uses = append(uses, fset.Position(call.Pos()).String()+": calls "+sel.Sel.Name)
		}
		return true
	})
	return uses
}

// moduleSources parses every hand-written, non-test Go file of the module
// (nested modules such as sdk/go excluded) and returns them by path
// relative to the module root.
func moduleSources(t *testing.T) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	out := map[string]*ast.File{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == root {
				return nil
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		if ast.IsGenerated(f) {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		out[filepath.ToSlash(rel)] = f
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, out)
	return fset, out
}

func TestRawSQL_OnlyInTheDatabasePackage(t *testing.T) {
	fset, files := moduleSources(t)
	seenHome := false
	for file, f := range files {
		dir := filepath.ToSlash(filepath.Dir(file))
		if dir == rawSQLHome {
			seenHome = true
			continue
		}
		if _, ok := rawSQLAllowed[dir]; ok {
			continue
		}
		assert.Empty(t, rawSQLUses(fset, f), "%s: raw SQL belongs in %s", file, rawSQLHome)
	}
	assert.True(t, seenHome, "%s has no Go files: the walk looked in the wrong place", rawSQLHome)
}

func TestRawSQLAllowed_Exist(t *testing.T) {
	for dir, reason := range rawSQLAllowed {
		assert.NotEmpty(t, reason)
		assert.DirExists(t, filepath.Join("..", "..", dir), "allow-listed %s no longer exists", dir)
	}
}

func TestRawSQLUses_FindsEveryWayIn(t *testing.T) {
	tests := []struct {
		name string
		give string
		want int
	}{
		{"ent predicates are fine", `package p
import "entgo.io/ent/dialect/sql"
func f(s *sql.Selector) { s.Where(sql.EQ("a", 1)) }`, 0},
		{"an identifier named like a method is fine", `package p
type QueryContext struct{}`, 0},
		{"database/sql import", `package p
import _ "database/sql"`, 1},
		{"exec on a pool", `package p
func f() { db.SQL.ExecContext(ctx, "DELETE FROM assets") }`, 1},
		{"query on a transaction", `package p
func f() { tx.QueryContext(ctx, "SELECT 1"); tx.QueryRowContext(ctx, "SELECT 1") }`, 2},
		{"raw SQL through the Ent client", `package p
func f() { client.ExecContext(ctx, "UPDATE users SET is_admin = true") }`, 1},
		{"a modifier on an Ent query", `package p
func f() { client.Asset.Query().Modify(func(s *sql.Selector) {}).ScanX(ctx, &v) }`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "x.go", tt.give, 0)
			require.NoError(t, err)
			assert.Len(t, rawSQLUses(fset, f), tt.want)
		})
	}
}
