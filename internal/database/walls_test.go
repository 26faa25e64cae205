package database_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/lib/pq"
	"github.com/lib/pq/pqerror"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/database"
)

// The tenant walls are PostgreSQL's: composite foreign keys and row-level
// security from the tenant_walls migrations. These tests run as the
// superuser, which bypasses row-level security but not constraints.

// walledDatabase returns a connection to a new PostgreSQL database with every
// migration applied, and skips the test without a PostgreSQL server.
func walledDatabase(t *testing.T) *sql.DB {
	t.Helper()
	url, ok := emptyDatabases(t)["postgres"]
	if !ok {
		t.Skip("the tenant walls exist on PostgreSQL only: set BINORA_TEST_POSTGRES_URL")
	}
	_, err := database.Migrate(context.Background(), url)
	require.NoError(t, err)
	db, err := sql.Open("postgres", url)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// insert runs an INSERT … RETURNING id.
func insert(t *testing.T, db *sql.DB, query string, args ...any) int64 {
	t.Helper()
	var id int64
	require.NoError(t, db.QueryRow(query, args...).Scan(&id), query)
	return id
}

type tenant struct{ company, datacenter, user, team int64 }

// newTenant creates a company with a datacenter, a user and a team; name
// keeps the unique columns of the tenants of one test apart.
func newTenant(t *testing.T, db *sql.DB, name string) tenant {
	t.Helper()
	var tn tenant
	tn.company = insert(t, db, `INSERT INTO companies (name, subdomain, created_at, updated_at)
		VALUES ($1, $1, now(), now()) RETURNING id`, name)
	tn.datacenter = insert(t, db, `INSERT INTO datacenters (name, code, company_id, created_at, updated_at)
		VALUES ($1, $1, $2, now(), now()) RETURNING id`, name, tn.company)
	tn.user = insert(t, db, `INSERT INTO users (email, company_id, created_at, updated_at)
		VALUES ($1 || '@example.test', $2, now(), now()) RETURNING id`, name, tn.company)
	tn.team = insert(t, db, `INSERT INTO teams (name, permissions, company_id, created_at, updated_at)
		VALUES ($1, '[]', $2, now(), now()) RETURNING id`, name, tn.company)
	return tn
}

// insertAsset inserts an asset of company into datacenter, under parent
// when it is not nil.
func insertAsset(db *sql.DB, code string, company, datacenter int64, parent any) (int64, error) {
	var id int64
	err := db.QueryRow(`INSERT INTO assets (code, name, asset_type, status, company_id, datacenter_id, parent_id, created_at, updated_at)
		VALUES ($1, $1, 'SRV', 0, $2, $3, $4, now(), now()) RETURNING id`, code, company, datacenter, parent).Scan(&id)
	return id, err
}

// requireTenantFKViolation asserts that err is the foreign-key violation of
// the wall named constraint.
func requireTenantFKViolation(t *testing.T, err error, constraint string) {
	t.Helper()
	var pqErr *pq.Error
	require.ErrorAs(t, err, &pqErr)
	assert.Equal(t, pqerror.ForeignKeyViolation, pqErr.Code)
	assert.Equal(t, constraint, pqErr.Constraint)
	assert.True(t, strings.HasSuffix(pqErr.Constraint, "_tenant_fk"), pqErr.Constraint)
}

func TestTenantWalls_ForeignKeysStayWithinOneCompany(t *testing.T) {
	db := walledDatabase(t)

	t.Run("an asset pointing at another company's datacenter is refused", func(t *testing.T) {
		a, b := newTenant(t, db, "insert-a"), newTenant(t, db, "insert-b")

		_, err := insertAsset(db, "A-1", a.company, b.datacenter, nil)

		requireTenantFKViolation(t, err, "assets_datacenter_id_tenant_fk")
	})

	t.Run("re-pointing an asset at another company's datacenter is refused", func(t *testing.T) {
		a, b := newTenant(t, db, "repoint-a"), newTenant(t, db, "repoint-b")
		asset, err := insertAsset(db, "A-1", a.company, a.datacenter, nil)
		require.NoError(t, err)

		_, err = db.Exec(`UPDATE assets SET datacenter_id = $1 WHERE id = $2`, b.datacenter, asset)

		requireTenantFKViolation(t, err, "assets_datacenter_id_tenant_fk")
	})

	t.Run("moving a referenced datacenter to another company is refused", func(t *testing.T) {
		a, b := newTenant(t, db, "movedc-a"), newTenant(t, db, "movedc-b")
		_, err := insertAsset(db, "A-1", a.company, a.datacenter, nil)
		require.NoError(t, err)

		_, err = db.Exec(`UPDATE datacenters SET company_id = $1 WHERE id = $2`, b.company, a.datacenter)

		requireTenantFKViolation(t, err, "assets_datacenter_id_tenant_fk")
	})

	t.Run("a team membership of another company's user is refused", func(t *testing.T) {
		a, b := newTenant(t, db, "member-a"), newTenant(t, db, "member-b")

		_, err := db.Exec(`INSERT INTO team_memberships (company_id, team_id, user_id, created_at, updated_at)
			VALUES ($1, $2, $3, now(), now())`, a.company, a.team, b.user)

		requireTenantFKViolation(t, err, "team_memberships_user_id_tenant_fk")
	})

	t.Run("moving a user with a team membership to another company is refused", func(t *testing.T) {
		a, b := newTenant(t, db, "moveuser-a"), newTenant(t, db, "moveuser-b")
		_, err := db.Exec(`INSERT INTO team_memberships (company_id, team_id, user_id, created_at, updated_at)
			VALUES ($1, $2, $3, now(), now())`, a.company, a.team, a.user)
		require.NoError(t, err)

		_, err = db.Exec(`UPDATE users SET company_id = $1 WHERE id = $2`, b.company, a.user)

		requireTenantFKViolation(t, err, "team_memberships_user_id_tenant_fk")
	})

	t.Run("deleting a parent asset nulls the child's parent and keeps its company", func(t *testing.T) {
		a := newTenant(t, db, "parent-a")
		parent, err := insertAsset(db, "A-1", a.company, a.datacenter, nil)
		require.NoError(t, err)
		child, err := insertAsset(db, "A-2", a.company, a.datacenter, parent)
		require.NoError(t, err)

		_, err = db.Exec(`DELETE FROM assets WHERE id = $1`, parent)

		require.NoError(t, err)
		var parentID sql.NullInt64
		var company int64
		require.NoError(t, db.QueryRow(`SELECT parent_id, company_id FROM assets WHERE id = $1`, child).Scan(&parentID, &company))
		assert.False(t, parentID.Valid, "parent_id is NULL")
		assert.Equal(t, a.company, company)
	})
}

// The server still connects as the owner, which row-level security does not
// confine; this is what a connection as any other role gets.
func TestTenantWalls_RowLevelSecurityConfinesAnUnprivilegedRole(t *testing.T) {
	db := walledDatabase(t)
	a, b := newTenant(t, db, "rls-a"), newTenant(t, db, "rls-b")
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	// Roles belong to the server, not to the scratch database: a name of its own.
	role := "binora_walls_" + hex.EncodeToString(suffix)
	_, err := db.Exec(`CREATE ROLE ` + role + ` NOLOGIN`)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = db.Exec(`DROP OWNED BY ` + role)
		_, _ = db.Exec(`DROP ROLE ` + role)
	})
	_, err = db.Exec(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO ` + role)
	require.NoError(t, err)

	// as scans the row of query, run as role with the given settings in a
	// transaction it rolls back.
	as := func(settings map[string]string, query string, dest ...any) error {
		tx, err := db.Begin()
		require.NoError(t, err)
		defer func() { _ = tx.Rollback() }()
		_, err = tx.Exec(`SET LOCAL ROLE ` + role)
		require.NoError(t, err)
		for k, v := range settings {
			_, err = tx.Exec(`SELECT set_config($1, $2, true)`, k, v)
			require.NoError(t, err)
		}
		return tx.QueryRow(query).Scan(dest...)
	}
	tenantA := map[string]string{"binora.company_id": fmt.Sprint(a.company)}
	count := func(settings map[string]string, table string) int {
		var n int
		require.NoError(t, as(settings, `SELECT count(*) FROM `+table, &n))
		return n
	}

	assert.Equal(t, 1, count(tenantA, "datacenters"), "its own datacenter only")
	assert.Equal(t, 1, count(tenantA, "companies"), "its own company only")
	assert.Zero(t, count(map[string]string{}, "datacenters"), "no tenant set: no row")
	assert.Zero(t, count(map[string]string{"binora.company_id": ""}, "datacenters"), "tenant reset: no row")
	assert.GreaterOrEqual(t, count(map[string]string{"binora.platform": "on"}, "companies"), 2, "platform sees every company")
	assert.Zero(t, count(map[string]string{"binora.platform": "on"}, "datacenters"), "the platform paths are no wider")

	var id int64
	err = as(tenantA, fmt.Sprintf(`INSERT INTO datacenters (name, code, company_id, created_at, updated_at)
		VALUES ('x', 'x', %d, now(), now()) RETURNING id`, b.company), &id)
	var pqErr *pq.Error
	require.ErrorAs(t, err, &pqErr)
	assert.Equal(t, pqerror.InsufficientPrivilege, pqErr.Code, "WITH CHECK refuses another company's row")
}
