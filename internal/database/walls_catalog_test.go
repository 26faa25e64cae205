package database_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The catalog of a migrated database holds a wall for every tenant table and
// every foreign key between two of them, and no policy wider than the
// platform paths: a new entity without its walls, or a broader policy, fails
// here.

// queryStrings returns the rows of a query of one text column.
func queryStrings(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		out = append(out, s)
	}
	require.NoError(t, rows.Err())
	return out
}

// tenantTablesSQL lists the tables of the schema with a company_id column.
const tenantTablesSQL = `SELECT c.relname FROM pg_class c
	JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'company_id' AND NOT a.attisdropped
	WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY 1`

func TestTenantWalls_Catalog(t *testing.T) {
	db := walledDatabase(t)
	tables := queryStrings(t, db, tenantTablesSQL)
	require.Contains(t, tables, "assets")

	t.Run("every tenant table has row-level security and the isolation policy", func(t *testing.T) {
		for _, table := range tables {
			var enabled, forced bool
			require.NoError(t, db.QueryRow(`SELECT relrowsecurity, relforcerowsecurity FROM pg_class
				WHERE oid = $1::regclass`, table).Scan(&enabled, &forced))
			assert.True(t, enabled, "%s: row-level security", table)
			assert.False(t, forced, "%s: not FORCE, the owner migrates", table)
			var cmd string
			var using, check sql.NullString
			err := db.QueryRow(`SELECT cmd, qual, with_check FROM pg_policies
				WHERE schemaname = current_schema() AND tablename = $1 AND policyname = 'tenant_isolation'`, table).
				Scan(&cmd, &using, &check)
			require.NoError(t, err, "%s: tenant_isolation policy", table)
			assert.Equal(t, "ALL", cmd, table)
			assert.Equal(t, "(company_id = binora_tenant())", using.String, "%s: USING", table)
			assert.Equal(t, "(company_id = binora_tenant())", check.String, "%s: WITH CHECK", table)
		}
	})

	t.Run("every foreign key between tenant tables has its tenant twin", func(t *testing.T) {
		refs := tenantReferences(t, db)
		require.NotEmpty(t, refs)
		for _, r := range refs {
			var def string
			var onDelete, onUpdate string
			err := db.QueryRow(`SELECT pg_get_constraintdef(oid), confdeltype, confupdtype FROM pg_constraint
				WHERE conrelid = $1::regclass AND conname = $2 AND contype = 'f'`, r.table, r.twin()).
				Scan(&def, &onDelete, &onUpdate)
			require.NoError(t, err, "%s on %s", r.twin(), r.table)
			assert.True(t, strings.HasPrefix(def, fmt.Sprintf("FOREIGN KEY (company_id, %s) REFERENCES %s(company_id, id)", r.column, r.refTable)), def)
			assert.Equal(t, r.onDelete, onDelete, "%s: ON DELETE as the single-column key's", r.twin())
			assert.Equal(t, "a", onUpdate, "%s: ON UPDATE NO ACTION", r.twin())
		}
	})

	t.Run("the only other policies are the platform paths", func(t *testing.T) {
		others := queryStrings(t, db, `SELECT tablename || ' ' || policyname || ' ' || cmd || ' USING ' ||
			coalesce(qual, '-') || ' CHECK ' || coalesce(with_check, '-') FROM pg_policies
			WHERE schemaname = current_schema() AND policyname <> 'tenant_isolation' ORDER BY 1`)

		assert.Equal(t, []string{
			"api_tokens platform_resolve_api_token SELECT USING binora_platform() CHECK -",
			"companies platform_companies ALL USING binora_platform() CHECK binora_platform()",
			"companies tenant_own_company SELECT USING (id = binora_tenant()) CHECK -",
		}, others)
		var companies bool
		require.NoError(t, db.QueryRow(`SELECT relrowsecurity FROM pg_class WHERE oid = 'companies'::regclass`).Scan(&companies))
		assert.True(t, companies, "companies: row-level security")
	})
}

// tenantRef is a single-column foreign key, other than company_id's, between
// two tables with a company_id.
type tenantRef struct{ table, column, refTable, onDelete string }

func (r tenantRef) twin() string { return r.table + "_" + r.column + "_tenant_fk" }

func tenantReferences(t *testing.T, db *sql.DB) []tenantRef {
	t.Helper()
	rows, err := db.Query(`SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, c.confdeltype::text
		FROM pg_constraint c
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND a.attname <> 'company_id'
		AND c.connamespace = current_schema()::regnamespace
		AND c.conrelid::regclass::text IN (` + tenantTablesSQL + `)
		AND c.confrelid::regclass::text IN (` + tenantTablesSQL + `)`)
	require.NoError(t, err)
	defer rows.Close()
	var refs []tenantRef
	for rows.Next() {
		var r tenantRef
		require.NoError(t, rows.Scan(&r.table, &r.column, &r.refTable, &r.onDelete))
		refs = append(refs, r)
	}
	require.NoError(t, rows.Err())
	return refs
}
