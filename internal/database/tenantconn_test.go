package database_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
)

// rlsFixture is the policy shape of Binora's tables, on a table of its
// own; the functions come with the migrations.
var rlsFixture = []string{
	`CREATE TABLE things (id bigserial PRIMARY KEY, company_id bigint NOT NULL, name text NOT NULL)`,
	`ALTER TABLE things ENABLE ROW LEVEL SECURITY`,
	`CREATE POLICY tenant ON things USING (company_id = binora_tenant()) WITH CHECK (company_id = binora_tenant())`,
	`CREATE POLICY platform_reads ON things FOR SELECT USING (binora_platform())`,
}

// rlsDatabase migrates a scratch database, adds rlsFixture and the app
// role, and returns the app role's URL.
func rlsDatabase(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	owner := testsupport.ScratchPostgres(t)
	_, err := database.Migrate(ctx, owner)
	require.NoError(t, err)
	execAll(t, owner, rlsFixture...)
	require.NoError(t, database.EnsureAppRole(ctx, owner, database.AppRole{}))
	appURL, err := database.URLWithUser(owner, database.DefaultAppRole)
	require.NoError(t, err)
	return appURL
}

// oneConnection opens appURL on a pool of one connection, so that every
// statement of a test shares the session.
func oneConnection(t testing.TB, appURL string) *database.DB {
	t.Helper()
	db, err := database.Open(context.Background(), appURL)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	db.SQL.SetMaxOpenConns(1)
	return db
}

// TestTenantConn runs its cases on one scratch database, each on a pool
// of its own.
func TestTenantConn(t *testing.T) {
	runOnOneConnection(t, rlsDatabase(t), []connCase{
		{"each statement runs in its context's scope", eachStatementRunsInItsContextsScope},
		{"policies confine rows to the context's tenant", policiesConfineRowsToTheContextsTenant},
		{"an unchanged scope costs no statement", anUnchangedScopeCostsNoStatement},
		{"a rollback that undid the tenant is set again", aRollbackThatUndidTheTenantIsSetAgain},
		{"a failed commit that undid the tenant is set again", aFailedCommitThatUndidTheTenantIsSetAgain},
		{"a rollback that changed nothing keeps the scope", aRollbackThatChangedNothingKeepsTheScope},
		{"a prepared statement runs in the preparing scope", aPreparedStatementRunsInThePreparingScope},
		{"a transaction sets its scope with its begin", aTransactionSetsItsScopeWithItsBegin},
		{"a rolled-back transaction's scope is set again", aRolledBackTransactionsScopeIsSetAgain},
		{"a transaction keeps its isolation and access mode", aTransactionKeepsItsIsolationAndAccessMode},
	})
}

// connCase is a subtest that runs on a pool of one connection of its own.
type connCase struct {
	name string
	fn   func(t *testing.T, db *database.DB)
}

// runOnOneConnection runs each case on its own pool of one connection to
// appURL, so that every statement of a case shares one session.
func runOnOneConnection(t *testing.T, appURL string, cases []connCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, oneConnection(t, appURL)) })
	}
}

// settings returns the session's tenant and platform settings as the
// policies read them.
func settings(t *testing.T, db *database.DB, ctx context.Context) (company, platform string) {
	t.Helper()
	require.NoError(t, db.SQL.QueryRowContext(ctx, settingsQuery).Scan(&company, &platform))
	return company, platform
}

const settingsQuery = `SELECT coalesce(current_setting('binora.company_id', true), ''),
	coalesce(current_setting('binora.platform', true), '')`

var (
	tenantA = tenancy.WithTenant(context.Background(), 101)
	tenantB = tenancy.WithTenant(context.Background(), 202)
	system  = tenancy.SystemContext(context.Background())
)

func eachStatementRunsInItsContextsScope(t *testing.T, db *database.DB) {

	for _, tt := range []struct {
		name                  string
		ctx                   context.Context
		wantCompany, wantPlat string
	}{
		{"tenant A", tenantA, "101", ""},
		{"tenant B on the same connection", tenantB, "202", ""},
		{"no tenant", context.Background(), "", ""},
		{"platform", system, "", "on"},
		{"tenant A again", tenantA, "101", ""},
	} {
		company, platform := settings(t, db, tt.ctx)
		assert.Equal(t, tt.wantCompany, company, tt.name)
		assert.Equal(t, tt.wantPlat, platform, tt.name)
	}
}

func policiesConfineRowsToTheContextsTenant(t *testing.T, db *database.DB) {
	insert := `INSERT INTO things (company_id, name) VALUES ($1, 'x')`
	_, err := db.SQL.ExecContext(tenantA, insert, 101)
	require.NoError(t, err)
	_, err = db.SQL.ExecContext(tenantB, insert, 202)
	require.NoError(t, err)

	_, err = db.SQL.ExecContext(tenantB, insert, 101)
	assert.ErrorContains(t, err, "row-level security", "a row for another tenant is refused")

	count := func(ctx context.Context) (n int) {
		require.NoError(t, db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM things`).Scan(&n))
		return n
	}
	assert.Equal(t, 1, count(tenantA))
	assert.Equal(t, 1, count(tenantB))
	assert.Equal(t, 0, count(context.Background()), "no tenant sees nothing")
	assert.Equal(t, 2, count(system), "the platform reads every row")
}

func anUnchangedScopeCostsNoStatement(t *testing.T, db *database.DB) {
	settings(t, db, tenantB)

	before := database.TenantSets(db)
	settings(t, db, tenantA)
	settings(t, db, tenantA)
	_, err := db.SQL.ExecContext(tenantA, `SELECT 1`)
	require.NoError(t, err)

	assert.Equal(t, int64(1), database.TenantSets(db)-before)
}

// PostgreSQL undoes a session setting made inside a transaction that does
// not commit; the connection must not believe the setting is still there.
func aRollbackThatUndidTheTenantIsSetAgain(t *testing.T, db *database.DB) {

	tx, err := db.SQL.BeginTx(tenantB, nil)
	require.NoError(t, err)
	var inside string
	require.NoError(t, tx.QueryRowContext(tenantA, `SELECT current_setting('binora.company_id')`).Scan(&inside))
	require.Equal(t, "101", inside)
	require.NoError(t, tx.Rollback())

	company, _ := settings(t, db, tenantA)
	assert.Equal(t, "101", company)
}

func aFailedCommitThatUndidTheTenantIsSetAgain(t *testing.T, db *database.DB) {

	tx, err := db.SQL.BeginTx(tenantB, nil)
	require.NoError(t, err)
	_, err = tx.ExecContext(tenantA, `SELECT 1 / 0`)
	require.Error(t, err)
	require.Error(t, tx.Commit(), "a failed transaction does not commit")

	company, _ := settings(t, db, tenantA)
	assert.Equal(t, "101", company)
}

func aRollbackThatChangedNothingKeepsTheScope(t *testing.T, db *database.DB) {
	settings(t, db, tenantA)
	tx, err := db.SQL.BeginTx(tenantA, nil)
	require.NoError(t, err)
	_, err = tx.ExecContext(tenantA, `SELECT 1`)
	require.NoError(t, err)
	require.NoError(t, tx.Rollback())

	before := database.TenantSets(db)
	company, _ := settings(t, db, tenantA)

	assert.Equal(t, "101", company)
	assert.Zero(t, database.TenantSets(db)-before)
}

func aPreparedStatementRunsInThePreparingScope(t *testing.T, db *database.DB) {
	settings(t, db, tenantB)

	stmt, err := db.SQL.PrepareContext(tenantA, settingsQuery)
	require.NoError(t, err)
	defer stmt.Close()
	var company, platform string
	require.NoError(t, stmt.QueryRowContext(tenantA).Scan(&company, &platform))

	assert.Equal(t, "101", company)
}

func aTransactionSetsItsScopeWithItsBegin(t *testing.T, db *database.DB) {
	settings(t, db, tenantB)

	before := database.TenantSets(db)
	tx, err := db.SQL.BeginTx(tenantA, nil)
	require.NoError(t, err)
	var inside string
	require.NoError(t, tx.QueryRowContext(tenantA, `SELECT current_setting('binora.company_id')`).Scan(&inside))
	require.NoError(t, tx.Commit())
	company, _ := settings(t, db, tenantA)

	assert.Equal(t, "101", inside)
	assert.Equal(t, "101", company, "the committed setting stays")
	assert.Equal(t, int64(1), database.TenantSets(db)-before, "set once, with the BEGIN")
}

func aRolledBackTransactionsScopeIsSetAgain(t *testing.T, db *database.DB) {
	settings(t, db, tenantB)

	tx, err := db.SQL.BeginTx(tenantA, nil)
	require.NoError(t, err)
	require.NoError(t, tx.Rollback())
	before := database.TenantSets(db)
	company, _ := settings(t, db, tenantA)

	assert.Equal(t, "101", company)
	assert.Equal(t, int64(1), database.TenantSets(db)-before, "the rollback undid the setting")
}

func aTransactionKeepsItsIsolationAndAccessMode(t *testing.T, db *database.DB) {
	tx, err := db.SQL.BeginTx(tenantA, &sql.TxOptions{Isolation: sql.LevelSerializable, ReadOnly: true})
	require.NoError(t, err)
	defer func() { _ = tx.Rollback() }()
	var isolation, readOnly, company string
	require.NoError(t, tx.QueryRowContext(tenantA, `SELECT current_setting('transaction_isolation'),
		current_setting('transaction_read_only'), current_setting('binora.company_id')`).Scan(&isolation, &readOnly, &company))

	assert.Equal(t, "serializable", isolation)
	assert.Equal(t, "on", readOnly)
	assert.Equal(t, "101", company)
}
