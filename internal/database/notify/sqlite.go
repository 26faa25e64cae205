package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/binora/binora/ent"
)

// sqliteFeed watches the database file through PRAGMA data_version on a
// connection of its own, outside the application's pool: a cache asked
// inside a transaction, which holds the file's write lock and one pooled
// connection while the writers queued behind it hold the others, must not
// wait for a pooled connection. The number changes whenever another connection,
// of this process's pool or of another process (the command line), commits
// to the file; the watching connection never writes, so every commit
// counts. Asking costs one statement that reads no table (SQLite answers it
// from the WAL index in shared memory), cheap enough to ask before every
// use of a cache.
//
// The number says only that something was committed, not what: every
// commit makes subscribers forget everything (Missed), and Changed is never
// called. That is the price of needing no table: a counter row bumped by
// each published change would say which channel changed, but needs a
// migration and a read of that row before every use all the same. A
// forgotten tenant costs one indexed read of the file to load again.
type sqliteFeed struct {
	subs subscribers
	open func() (*sql.DB, error)

	mu      sync.Mutex
	aside   *sql.DB   // from open (database.DB.OpenAside), when first needed
	conn    *sql.Conn // of aside; nil until first needed, and after a failure
	closed  bool
	version int64
}

func newSQLiteFeed(open func() (*sql.DB, error)) *sqliteFeed { return &sqliteFeed{open: open} }

// Publish has nothing to send: the commit of tx changes the file's
// data_version, which every process checks.
func (f *sqliteFeed) Publish(context.Context, *ent.Tx, string, string) error { return nil }

// Announce has nothing to send either: the change has committed to the
// file already.
func (f *sqliteFeed) Announce(context.Context, string, string) error { return nil }

// Subscribe has s told when the file changes.
func (f *sqliteFeed) Subscribe(channel string, s Subscriber) { f.subs.add(channel, s) }

// Current asks the file whether anything was committed since the last
// call and, if so, has every subscriber forget. It is false only when the
// file cannot be asked.
func (f *sqliteFeed) Current(ctx context.Context) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	version, fresh, err := f.dataVersion(ctx)
	if err != nil {
		return false
	}
	if fresh || version != f.version {
		f.version = version
		f.subs.missed()
	}
	return true
}

// dataVersion reads the watching connection's data_version; fresh is true
// when the connection was opened for it (numbers of different connections
// do not compare). A failed read drops the connection.
func (f *sqliteFeed) dataVersion(ctx context.Context) (version int64, fresh bool, err error) {
	if f.closed {
		return 0, false, errors.New("watch the database file: the feed is closed")
	}
	if f.aside == nil {
		if f.aside, err = f.open(); err != nil {
			return 0, false, fmt.Errorf("watch the database file: %w", err)
		}
	}
	if f.conn == nil {
		if f.conn, err = f.aside.Conn(ctx); err != nil {
			return 0, false, fmt.Errorf("watch the database file: %w", err)
		}
		fresh = true
	}
	if err = f.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version); err != nil {
		f.conn.Close()
		f.conn = nil
		return 0, false, fmt.Errorf("watch the database file: %w", err)
	}
	return version, fresh, nil
}

// Close closes the watching connection; the feed is not current after it.
func (f *sqliteFeed) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	if f.aside == nil {
		return nil
	}
	var err error
	if f.conn != nil {
		err = f.conn.Close()
		f.conn = nil
	}
	return errors.Join(err, f.aside.Close())
}
