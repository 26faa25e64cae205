package database_test

import (
	"context"
	"database/sql"
	"os"
	"sync"
	"testing"

	"github.com/lib/pq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/testsupport"
)

// scratchRole returns a fresh role name, dropped after the test. Call it
// before scratchPostgres: cleanups run last first, and the role can only
// be dropped once the databases that grant it something are gone.
func scratchRole(t *testing.T) string {
	t.Helper()
	pg := os.Getenv(testsupport.PostgresEnv)
	if pg == "" {
		t.Skipf("set %s to run this on PostgreSQL", testsupport.PostgresEnv)
	}
	name := "binora_test_" + randomHex(4)
	t.Cleanup(func() { execAll(t, pg, "DROP ROLE IF EXISTS "+name) })
	return name
}

// migratedWithRole migrates a scratch database, ensures role on it, and
// returns the owner's URL and the role's.
func migratedWithRole(t *testing.T, role database.AppRole) (owner, app string) {
	t.Helper()
	ctx := context.Background()
	owner = testsupport.ScratchPostgres(t)
	_, err := database.Migrate(ctx, owner)
	require.NoError(t, err)
	require.NoError(t, database.EnsureAppRole(ctx, owner, role))
	app, err = database.URLWithUser(owner, role.Name)
	require.NoError(t, err)
	return owner, app
}

func openSQL(t *testing.T, rawURL string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", rawURL)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestEnsureAppRole_GrantsRowsAndNothingMore(t *testing.T) {
	name := scratchRole(t)
	owner, appURL := migratedWithRole(t, database.AppRole{Name: name})
	ownerDB, app := openSQL(t, owner), openSQL(t, appURL)

	var login, super, bypass, createDB, createRole, inherit bool
	require.NoError(t, ownerDB.QueryRow(`SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolinherit
		FROM pg_roles WHERE rolname = $1`, name).Scan(&login, &super, &bypass, &createDB, &createRole, &inherit))
	assert.Equal(t, []bool{true, false, false, false, false, false}, []bool{login, super, bypass, createDB, createRole, inherit})

	// Companies are the platform's to write (row-level security): one
	// connection, so that the setting holds for the insert.
	app.SetMaxOpenConns(1)
	_, err := app.Exec(`SELECT set_config('binora.platform', 'on', false)`)
	require.NoError(t, err)
	_, err = app.Exec(`INSERT INTO companies (name, subdomain, is_active, created_at, updated_at)
		VALUES ('Acme', 'acme', true, now(), now())`)
	require.NoError(t, err, "rows are the role's to write")
	var versions int
	require.NoError(t, app.QueryRow(`SELECT count(*) FROM goose_db_version`).Scan(&versions))
	assert.Positive(t, versions, "the migrations' history is readable")
	for _, stmt := range []string{
		`DELETE FROM goose_db_version`,
		`CREATE TABLE mine (id int)`,
		`ALTER TABLE companies ADD COLUMN x int`,
	} {
		_, err := app.Exec(stmt)
		var pqErr *pq.Error
		require.ErrorAs(t, err, &pqErr, stmt)
		assert.EqualValues(t, "42501", pqErr.Code, "insufficient privilege: %s", stmt)
	}
	assert.NoError(t, database.CheckServingRole(context.Background(), app))
}

func TestEnsureAppRole_RestoresTheAttributesAndSetsThePassword(t *testing.T) {
	name := scratchRole(t)
	owner, _ := migratedWithRole(t, database.AppRole{Name: name})
	execAll(t, owner, "ALTER ROLE "+name+" CREATEDB BYPASSRLS INHERIT NOLOGIN")

	require.NoError(t, database.EnsureAppRole(context.Background(), owner,
		database.AppRole{Name: name, Password: `it's a p\ss`}))

	var login, bypass, createDB, inherit, hasPassword bool
	require.NoError(t, openSQL(t, owner).QueryRow(`SELECT rolcanlogin, rolbypassrls, rolcreatedb, rolinherit,
		rolpassword IS NOT NULL FROM pg_authid WHERE rolname = $1`, name).
		Scan(&login, &bypass, &createDB, &inherit, &hasPassword))
	assert.Equal(t, []bool{true, false, false, false, true}, []bool{login, bypass, createDB, inherit, hasPassword})
}

// Test processes migrate the same database, and other databases of the
// same server, at once; the role is shared by all of them.
func TestEnsureAppRole_IsSafeToRunConcurrently(t *testing.T) {
	role := database.AppRole{Name: scratchRole(t)}
	dbs := []string{testsupport.ScratchPostgres(t), testsupport.ScratchPostgres(t)}
	for _, db := range dbs {
		_, err := database.Migrate(context.Background(), db)
		require.NoError(t, err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() { errs <- database.EnsureAppRole(context.Background(), dbs[i%2], role) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

func TestEnsureAppRole_AsTheRoleItself_AsksForTheOwner(t *testing.T) {
	name := scratchRole(t)
	_, app := migratedWithRole(t, database.AppRole{Name: name})

	err := database.EnsureAppRole(context.Background(), app, database.AppRole{Name: name})

	assert.ErrorContains(t, err, "DATABASE_OWNER_URL")
}

func TestCheckServingRole_NamesWhatSkipsTheirPolicies(t *testing.T) {
	name := scratchRole(t)
	owner, appURL := migratedWithRole(t, database.AppRole{Name: name})
	execAll(t, owner, "ALTER TABLE companies OWNER TO "+name)
	ctx := context.Background()

	var unsafe *database.UnsafeRoleError
	require.ErrorAs(t, database.CheckServingRole(ctx, openSQL(t, appURL)), &unsafe)
	assert.Equal(t, []string{"companies"}, unsafe.OwnedTables)
	assert.False(t, unsafe.Superuser)

	require.ErrorAs(t, database.CheckServingRole(ctx, openSQL(t, owner)), &unsafe)
	assert.True(t, unsafe.Superuser)
	assert.Contains(t, unsafe.Error(), "it is a superuser")
}

func TestPending_CountsWithoutCreatingTheVersionTable(t *testing.T) {
	ctx := context.Background()
	db := testsupport.ScratchPostgres(t)

	fresh, err := database.Pending(ctx, db)
	require.NoError(t, err)
	var table sql.NullString
	require.NoError(t, openSQL(t, db).QueryRow(`SELECT to_regclass('goose_db_version')::text`).Scan(&table))
	applied, err := database.Migrate(ctx, db)
	require.NoError(t, err)
	after, err := database.Pending(ctx, db)
	require.NoError(t, err)

	assert.Equal(t, applied, fresh)
	assert.False(t, table.Valid, "asking created the version table")
	assert.Zero(t, after)
}

func TestURLWithUser_ReplacesTheUserAndDropsThePassword(t *testing.T) {
	got, err := database.URLWithUser("postgres://owner:secret@db.example:5432/binora?sslmode=disable", "binora_app")
	require.NoError(t, err)
	assert.Equal(t, "postgres://binora_app@db.example:5432/binora?sslmode=disable", got)
}
