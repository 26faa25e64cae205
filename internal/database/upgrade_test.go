package database_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/database"
)

// initialVersion is the first migration of both dialects.
const initialVersion = 20261126160122

// A later migration rebuilds the users table on SQLite. Rebuilding inside a
// transaction with foreign keys on would null or cascade the rows that point
// at users; the data written under the first schema must come through whole.
func TestMigrate_UpgradesAPopulatedDatabaseWithoutLosingRows(t *testing.T) {
	for name, url := range emptyDatabases(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			_, err := database.MigrateTo(ctx, url, initialVersion)
			require.NoError(t, err)
			db, err := database.Open(ctx, url)
			require.NoError(t, err)
			defer db.Close()
			for _, stmt := range []string{
				`INSERT INTO companies (name, subdomain, is_active, created_at, updated_at) VALUES ('Acme', 'acme', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
				`INSERT INTO users (email, first_name, last_name, password_hash, is_active, is_admin, company_id, created_at, updated_at)
					SELECT 'a@acme.test', 'Ada', 'Lovelace', '', true, true, id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM companies WHERE subdomain = 'acme'`,
				`INSERT INTO sessions (user_id, expires_at, company_id, created_at, updated_at)
					SELECT id, CURRENT_TIMESTAMP, company_id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM users WHERE email = 'a@acme.test'`,
			} {
				_, err := db.SQL.ExecContext(ctx, stmt)
				require.NoError(t, err, stmt)
			}

			applied, err := database.Migrate(ctx, url)
			require.NoError(t, err)
			assert.Positive(t, applied)

			var email, first string
			require.NoError(t, db.SQL.QueryRowContext(ctx, `SELECT email, first_name FROM users`).Scan(&email, &first))
			assert.Equal(t, "a@acme.test", email)
			assert.Equal(t, "Ada", first)
			var sessions int
			require.NoError(t, db.SQL.QueryRowContext(ctx,
				`SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id`).Scan(&sessions))
			assert.Equal(t, 1, sessions, "the session still points at its user")
			var version int
			require.NoError(t, db.SQL.QueryRowContext(ctx, `SELECT version FROM users`).Scan(&version))
			assert.Equal(t, 1, version, "a row written before versions starts at version 1")
		})
	}
}
