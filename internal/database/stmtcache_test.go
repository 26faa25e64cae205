package database_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/database"
)

// TestStatementCache runs its cases on one scratch database, each on a
// pool of one connection, so that every statement shares the session and
// its prepared statements.
func TestStatementCache(t *testing.T) {
	runOnOneConnection(t, rlsDatabase(t), []connCase{
		{"a kept statement confines rows to each tenant that runs it", aKeptStatementConfinesRowsToEachTenant},
		{"a statement is prepared once and run many times", aStatementIsPreparedOnce},
		{"a statement the session lost is prepared again", aStatementTheSessionLostIsPreparedAgain},
		{"inside a transaction a lost statement fails once", insideATransactionALostStatementFailsOnce},
	})
}

const countByName = `SELECT count(*) FROM things WHERE name = $1`

func countNamed(t *testing.T, db *database.DB, ctx context.Context, name string) (n int) {
	t.Helper()
	require.NoError(t, db.SQL.QueryRowContext(ctx, countByName, name).Scan(&n))
	return n
}

// preparedCopies counts the session's prepared statements with query's
// text; the session is the pool's only connection.
func preparedCopies(t *testing.T, db *database.DB, query string) (n int) {
	t.Helper()
	require.NoError(t, db.SQL.QueryRowContext(tenantA,
		`SELECT count(*) FROM pg_prepared_statements WHERE statement = $1`, query).Scan(&n))
	return n
}

// PostgreSQL switches a statement to a generic plan after five runs; the
// session forces it from the start, and the tenants alternate past that,
// so that a plan made for one tenant would show in the other's count.
func aKeptStatementConfinesRowsToEachTenant(t *testing.T, db *database.DB) {
	_, err := db.SQL.ExecContext(context.Background(), `SET plan_cache_mode = force_generic_plan`)
	require.NoError(t, err)
	insert := `INSERT INTO things (company_id, name) VALUES ($1, $2)`
	for _, row := range []struct {
		ctx     context.Context
		company int
	}{{tenantA, 101}, {tenantB, 202}, {tenantB, 202}} {
		_, err := db.SQL.ExecContext(row.ctx, insert, row.company, "kept")
		require.NoError(t, err)
	}

	for range 4 {
		assert.Equal(t, 1, countNamed(t, db, tenantA, "kept"))
		assert.Equal(t, 2, countNamed(t, db, tenantB, "kept"))
		assert.Equal(t, 0, countNamed(t, db, context.Background(), "kept"), "no tenant sees nothing")
		assert.Equal(t, 3, countNamed(t, db, system, "kept"), "the platform reads every row")
	}
	assert.Equal(t, 1, preparedCopies(t, db, countByName), "the runs above shared one prepared statement")
}

func aStatementIsPreparedOnce(t *testing.T, db *database.DB) {
	const query = `SELECT $1::int + 1`
	for i := range 3 {
		var got int
		require.NoError(t, db.SQL.QueryRowContext(tenantA, query, i).Scan(&got))
		assert.Equal(t, i+1, got)
	}
	_, err := db.SQL.ExecContext(tenantA, `SELECT $1::int`, 1)
	require.NoError(t, err)

	assert.Equal(t, 1, preparedCopies(t, db, query))
	assert.Equal(t, 1, preparedCopies(t, db, `SELECT $1::int`), "statements run for no rows are kept too")
	assert.Zero(t, preparedCopies(t, db, `SELECT 1`), "a statement without parameters is not prepared")
}

func aStatementTheSessionLostIsPreparedAgain(t *testing.T, db *database.DB) {
	assert.Zero(t, countNamed(t, db, tenantA, "lost"))
	_, err := db.SQL.ExecContext(tenantA, `DEALLOCATE ALL`)
	require.NoError(t, err)

	assert.Zero(t, countNamed(t, db, tenantA, "lost"), "the lost statement is prepared again and run")
	assert.Equal(t, 1, preparedCopies(t, db, countByName))
}

func insideATransactionALostStatementFailsOnce(t *testing.T, db *database.DB) {
	assert.Zero(t, countNamed(t, db, tenantA, "lost"))
	_, err := db.SQL.ExecContext(tenantA, `DEALLOCATE ALL`)
	require.NoError(t, err)

	tx, err := db.SQL.BeginTx(tenantA, nil)
	require.NoError(t, err)
	var n int
	err = tx.QueryRowContext(tenantA, countByName, "lost").Scan(&n)
	assert.ErrorContains(t, err, "does not exist", "the refusal aborted the transaction, so it is not run again")
	require.NoError(t, tx.Rollback())

	assert.Zero(t, countNamed(t, db, tenantA, "lost"), "the next run prepares it again")
}
