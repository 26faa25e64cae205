package database_test

import (
	"context"
	"os"
	"testing"

	atlasmigrate "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect/sql/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/migrate/diff/tenantwalls"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/testsupport"
)

// emptyDatabases returns the URL of a new, empty database per dialect.
func emptyDatabases(t *testing.T) map[string]string {
	dbs := map[string]string{"sqlite": database.SQLiteURL(t.TempDir())}
	if os.Getenv(testsupport.PostgresEnv) != "" {
		dbs["postgres"] = testsupport.ScratchPostgres(t)
	}
	return dbs
}

func TestMigrate_EmptyDatabaseEndsExactlyAtTheEntSchema(t *testing.T) {
	for name, url := range emptyDatabases(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()

			applied, err := database.Migrate(ctx, url)
			require.NoError(t, err)
			assert.Positive(t, applied)

			assert.ErrorIs(t, schemaDrift(t, url), atlasmigrate.ErrNoPlan, "the migrations and the Ent schema differ")
		})
	}
}

func TestSchemaDrift_IsDetected(t *testing.T) {
	for name, url := range emptyDatabases(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			_, err := database.Migrate(ctx, url)
			require.NoError(t, err)
			db, err := database.Open(ctx, url)
			require.NoError(t, err)
			defer db.Close()
			_, err = db.SQL.ExecContext(ctx, `DROP INDEX datacenter_company_id_code`)
			require.NoError(t, err)

			assert.NoError(t, schemaDrift(t, url), "a missing index must show as a difference")
		})
	}
}

// schemaDrift diffs the database at url against the Ent schema: ErrNoPlan
// means they match.
func schemaDrift(t *testing.T, url string) error {
	ctx := context.Background()
	db, err := database.Open(ctx, url)
	require.NoError(t, err)
	defer db.Close()
	dir, err := atlasmigrate.NewLocalDir(t.TempDir())
	require.NoError(t, err)
	// The tenant walls are the migrations' own, which Ent does not know:
	// the same hook as `make generate` keeps them out of the diff.
	return db.Client.Schema.NamedDiff(ctx, "drift", schema.WithDir(dir), schema.WithErrNoPlan(true),
		schema.WithDiffHook(tenantwalls.KeepWalls))
}

func TestMigrate_IsIdempotent(t *testing.T) {
	for name, url := range emptyDatabases(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			_, err := database.Migrate(ctx, url)
			require.NoError(t, err)

			again, err := database.Migrate(ctx, url)

			require.NoError(t, err)
			assert.Zero(t, again)
		})
	}
}
