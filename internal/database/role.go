package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/lib/pq"
	"github.com/pressly/goose/v3/lock"
)

// Row-level security does not apply to superusers, to roles with
// BYPASSRLS, nor to a table's owner. The server must therefore log in as a
// role that is none of these: the app role, which the migrations (run by
// the owner) create and grant exactly the rights to read and write rows.

// DefaultAppRole is the name of the role the server serves with, unless
// configured otherwise.
const DefaultAppRole = "binora_app"

// AppRole is the login role the server serves with on PostgreSQL.
type AppRole struct {
	Name string
	// Password is set on the role when not empty; an existing role keeps
	// its password otherwise, and a new one has none (enough with trust or
	// peer authentication).
	Password string
}

// roleAttributes are the attributes the app role must have: pg_roles
// column, wanted value, and the keywords that set it.
var roleAttributes = []struct {
	column  string
	want    bool
	keyword string
}{
	{"rolcanlogin", true, "LOGIN"},
	{"rolsuper", false, "NOSUPERUSER"},
	{"rolbypassrls", false, "NOBYPASSRLS"},
	{"rolcreatedb", false, "NOCREATEDB"},
	{"rolcreaterole", false, "NOCREATEROLE"},
	{"rolinherit", false, "NOINHERIT"},
}

// EnsureAppRole creates role, or brings an existing one back to the
// attributes above, and grants it the use of every table and sequence in
// schema public, read-only on the migrations' version table, owning
// nothing. ownerURL must be the owner's (or a superuser's) connection;
// the migrations run first, so the grants cover every table. It does
// nothing on SQLite.
func EnsureAppRole(ctx context.Context, ownerURL string, role AppRole) error {
	if !IsPostgres(ownerURL) {
		return nil
	}
	if role.Name == "" {
		role.Name = DefaultAppRole
	}
	pool, err := sql.Open("postgres", ownerURL)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer pool.Close()
	// The advisory lock serialises migrators of one database; roles are
	// shared by every database of the server, so two databases migrated at
	// once may still race on the role itself: try again then.
	for attempt := 1; ; attempt++ {
		err = ensureAppRole(ctx, pool, role)
		if err == nil || attempt == 3 || !lostRoleRace(err) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("role %s: %w", role.Name, err)
	}
	return nil
}

func ensureAppRole(ctx context.Context, pool *sql.DB, role AppRole) error {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after a Commit it only says sql.ErrTxDone
	// The migrations' own lock: the grants must not run while another
	// process changes tables.
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", lock.DefaultLockID); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	var me, db string
	if err := tx.QueryRowContext(ctx, "SELECT current_user, current_database()").Scan(&me, &db); err != nil {
		return err
	}
	if me == role.Name {
		return fmt.Errorf("connected as %s itself: migrate as the database owner (DATABASE_OWNER_URL)", role.Name)
	}
	stmt, err := roleStatements(ctx, tx, role)
	if err != nil {
		return err
	}
	for _, s := range append(stmt, grantStatements(pq.QuoteIdentifier(role.Name), pq.QuoteIdentifier(db))...) {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			// The statement names what failed; never the password.
			return fmt.Errorf("%s: %w", strings.SplitN(s, " PASSWORD ", 2)[0], err)
		}
	}
	return tx.Commit()
}

// roleStatements returns the CREATE ROLE for a missing role, or the ALTER
// ROLE that changes what differs (none when nothing does, so that
// databases migrated at once rarely touch the shared role together).
func roleStatements(ctx context.Context, tx *sql.Tx, role AppRole) ([]string, error) {
	cols := make([]string, len(roleAttributes))
	have := make([]bool, len(roleAttributes))
	dest := make([]any, len(roleAttributes))
	for i, a := range roleAttributes {
		cols[i], dest[i] = a.column, &have[i]
	}
	name := pq.QuoteIdentifier(role.Name)
	err := tx.QueryRowContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM pg_roles WHERE rolname = $1", role.Name).
		Scan(dest...)
	var words []string
	for i, a := range roleAttributes {
		if errors.Is(err, sql.ErrNoRows) || have[i] != a.want {
			words = append(words, a.keyword)
		}
	}
	if role.Password != "" {
		words = append(words, "PASSWORD "+pq.QuoteLiteral(role.Password))
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return []string{"CREATE ROLE " + name + " " + strings.Join(words, " ")}, nil
	case err != nil:
		return nil, fmt.Errorf("read role: %w", err)
	case len(words) == 0:
		return nil, nil
	}
	return []string{"ALTER ROLE " + name + " " + strings.Join(words, " ")}, nil
}

// grantStatements give the role rows to read and write, never ownership,
// the functions of the schema (the migrations keep binora_asset_search
// from PUBLIC, for the app role alone), and only the reading of the
// migrations' history.
func grantStatements(role, db string) []string {
	return []string{
		"GRANT CONNECT ON DATABASE " + db + " TO " + role,
		"GRANT USAGE ON SCHEMA public TO " + role,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role,
		"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role,
		"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO " + role,
		"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON " + versionTable + " FROM " + role,
		"GRANT SELECT ON " + versionTable + " TO " + role,
	}
}

// lostRoleRace reports an error of two databases creating or altering the
// shared role at the same moment.
func lostRoleRace(err error) bool {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return false
	}
	switch pqErr.Code {
	case "42710", "23505", "40001", "40P01": // duplicate object or key, serialisation, deadlock
		return true
	}
	return strings.Contains(pqErr.Message, "concurrently updated")
}

// URLWithUser returns rawURL logging in as user, without a password.
func URLWithUser(rawURL, user string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("database url: %w", err)
	}
	u.User = url.User(user)
	return u.String(), nil
}
