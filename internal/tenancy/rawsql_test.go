package tenancy_test

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
)

// The second wall: SQL that names no company at all, run by the server's
// own connection in a tenant's transaction, sees that tenant's rows only,
// and none outside a tenant.
func TestRawSQL_InATenantsTransaction_SeesOnlyItsRows(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		if !env.IsPostgres() || os.Getenv(testsupport.WithoutRLSEnv) == "1" {
			t.Skip("row-level security is PostgreSQL's, and switched off in this run")
		}
		w := newWorld(t, env)
		pool := env.App.DB.SQL

		companies := func(ctx context.Context, query string) []int {
			tx, err := pool.BeginTx(ctx, nil)
			require.NoError(t, err)
			defer func() { _ = tx.Rollback() }()
			return distinctCompanies(ctx, t, tx, query)
		}
		for _, table := range []string{"assets", "datacenters", "users", "companies"} {
			column := "company_id"
			if table == "companies" {
				column = "id"
			}
			t.Run(table, func(t *testing.T) {
				got := companies(w.a.Ctx(), "SELECT DISTINCT "+column+" FROM "+table)
				assert.Equal(t, []int{w.a.Company.ID}, got)
				assert.Empty(t, companies(context.Background(), "SELECT DISTINCT "+column+" FROM "+table))
			})
		}
		sys := tenancy.SystemContext(context.Background())
		assert.Empty(t, companies(sys, "SELECT DISTINCT company_id FROM assets"), "the platform reads no assets")
		assert.Contains(t, companies(sys, "SELECT id FROM companies"), w.b.Company.ID, "the platform reads companies")
	})
}

// TestWalls_ThisRunServesAsTheRoleItSays guards the switch that takes
// row-level security away: the server's role is confined exactly when the
// run says so.
func TestWalls_ThisRunServesAsTheRoleItSays(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		if !env.IsPostgres() {
			t.Skip("SQLite has no roles")
		}
		var super, bypass bool
		require.NoError(t, env.App.DB.SQL.QueryRow(`SELECT rolsuper, rolbypassrls FROM pg_roles
			WHERE rolname = current_user`).Scan(&super, &bypass))
		assert.Equal(t, os.Getenv(testsupport.WithoutRLSEnv) == "1", super || bypass)
	})
}

// distinctCompanies runs query in ctx: the connection sets the tenant of
// each statement from the statement's own context.
func distinctCompanies(ctx context.Context, t *testing.T, tx *sql.Tx, query string) []int {
	t.Helper()
	rows, err := tx.QueryContext(ctx, query)
	require.NoError(t, err)
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Err())
	return ids
}
