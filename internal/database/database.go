// Package database opens Binora's database, PostgreSQL or embedded SQLite,
// applies the versioned migrations and runs transactions.
package database

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"  // PostgreSQL driver
	_ "modernc.org/sqlite" // embedded SQLite driver, registered as "sqlite"

	"github.com/binora/binora/ent"
	_ "github.com/binora/binora/ent/runtime" // policies, hooks and interceptors
)

// DB is an open database: the Ent client Binora's code uses, and the raw
// connection pool for migrations and health checks.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string
	// URL is the address the pool was opened with, for migrations that need
	// a connection of their own.
	URL string
	// tenants is the PostgreSQL pool's connector (nil on SQLite).
	tenants *tenantConnector
}

// Open connects to rawURL: "postgres://…" (or "postgresql://…") for
// PostgreSQL, "sqlite://PATH" or a bare path for an embedded SQLite file.
// Extra Ent client options (a counting driver in tests, say) go in wrap.
func Open(ctx context.Context, rawURL string, wrap ...func(dialect.Driver) dialect.Driver) (*DB, error) {
	name, dsn, err := driverFor(rawURL)
	if err != nil {
		return nil, err
	}
	db := &DB{Dialect: DialectPostgres, URL: rawURL}
	if name == "sqlite" {
		db.Dialect = DialectSQLite
		if db.SQL, err = sql.Open(name, dsn); err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		// SQLite allows one writer; more connections only queue on the
		// file lock, while reads share WAL snapshots.
		db.SQL.SetMaxOpenConns(8)
	} else {
		// Every connection carries the tenant of its statements, for the
		// row-level security policies (tenantconn.go).
		if db.tenants, err = newTenantConnector(dsn); err != nil {
			return nil, err
		}
		db.SQL = sql.OpenDB(db.tenants)
		db.SQL.SetMaxOpenConns(25)
		db.SQL.SetMaxIdleConns(25)
		// A connection idle for long may have been dropped without a word
		// by a firewall or NAT on the way; opening a new one is cheaper
		// than a request failing on it.
		db.SQL.SetConnMaxIdleTime(5 * time.Minute)
	}
	if err := db.SQL.PingContext(ctx); err != nil {
		db.SQL.Close()
		return nil, fmt.Errorf("reach database: %w", err)
	}
	var drv dialect.Driver = entsql.OpenDB(db.Dialect, db.SQL)
	for _, w := range wrap {
		drv = w(drv)
	}
	// Outermost, so that ExecInTx's statements pass the wrappers too.
	drv = rememberingDriver{drv}
	db.Client = ent.NewClient(ent.Driver(drv))
	return db, nil
}

// Close closes the client and its pool.
func (db *DB) Close() error { return db.Client.Close() }

// Dialects as Ent names them.
const (
	DialectPostgres = dialect.Postgres
	DialectSQLite   = dialect.SQLite
)

// IsPostgres reports whether rawURL names a PostgreSQL database.
func IsPostgres(rawURL string) bool {
	return strings.HasPrefix(rawURL, "postgres://") || strings.HasPrefix(rawURL, "postgresql://")
}

// OpenAside opens a pool of one connection to db's database, outside db's
// pool: for a watcher that must never wait for a pooled connection, which
// a transaction may hold while it waits for the watcher.
func (db *DB) OpenAside() (*sql.DB, error) {
	name, dsn, err := driverFor(db.URL)
	if err != nil {
		return nil, err
	}
	aside, err := sql.Open(name, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	aside.SetMaxOpenConns(1)
	return aside, nil
}

// SQLiteURL returns the URL of the embedded database file in dir.
func SQLiteURL(dir string) string {
	return "sqlite://" + filepath.Join(dir, "binora.db")
}

func driverFor(rawURL string) (driver, dsn string, err error) {
	if IsPostgres(rawURL) {
		dsn, err := withConnectTimeout(rawURL)
		return "postgres", dsn, err
	}
	path := sqlitePath(rawURL)
	if path == "" {
		return "", "", fmt.Errorf("database url %q names no file", rawURL)
	}
	if strings.Contains(path, "?") {
		return "", "", fmt.Errorf("database url %q: options are set by Binora, give only the path", rawURL)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", "", fmt.Errorf("create database directory: %w", err)
	}
	return "sqlite", sqliteDSN(path, true), nil
}

// defaultConnectTimeout bounds how long opening a PostgreSQL connection may
// take when the URL sets no connect_timeout: a database host that drops
// packets would otherwise hold every request (and /readyz) until the
// operating system gives up, minutes later.
const defaultConnectTimeout = "5"

// withConnectTimeout returns rawURL with connect_timeout set, unless it
// sets one itself.
func withConnectTimeout(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("database url: %w", err)
	}
	q := u.Query()
	if q.Has("connect_timeout") {
		return rawURL, nil
	}
	q.Set("connect_timeout", defaultConnectTimeout)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func sqlitePath(rawURL string) string { return strings.TrimPrefix(rawURL, "sqlite://") }

// sqliteDSN sets what Binora relies on: foreign keys, a wait instead of an
// immediate SQLITE_BUSY, WAL for concurrent readers, times stored in a form
// SQL date functions understand, and transactions that take the write lock
// at BEGIN so read-modify-write transactions serialise instead of failing.
func sqliteDSN(path string, foreignKeys bool) string {
	fk := "1"
	if !foreignKeys {
		fk = "0"
	}
	q := url.Values{}
	q.Add("_pragma", "foreign_keys("+fk+")")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Set("_time_format", "sqlite")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}
