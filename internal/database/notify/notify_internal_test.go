package notify

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
)

// The package's tests sit inside it: testsupport wires the whole
// application, which imports this package.

// postgresEnv is testsupport.PostgresEnv.
const postgresEnv = "BINORA_TEST_POSTGRES_URL"

// Generous for a notification on the wire; only a failure waits it out.
const (
	arrival = 5 * time.Second
	poll    = 10 * time.Millisecond
)

// recorder is a Subscriber that remembers what it was told.
type recorder struct {
	mu       sync.Mutex
	payloads []string
	missed   int
}

func (r *recorder) Changed(payload string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.payloads = append(r.payloads, payload)
}

func (r *recorder) Missed() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.missed++
}

// heard returns the payloads and the number of Missed calls so far.
func (r *recorder) heard() ([]string, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.payloads), r.missed
}

// told counts everything the recorder heard.
func (r *recorder) told() int {
	payloads, missed := r.heard()
	return len(payloads) + missed
}

// forEachDialect runs fn on an SQLite file and, when configured, on
// PostgreSQL, with the URL both pools of a test open.
func forEachDialect(t *testing.T, fn func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, database.SQLiteURL(t.TempDir())) })
	if pg := os.Getenv(postgresEnv); pg != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, pg) })
	}
}

func open(t *testing.T, url string) *database.DB {
	t.Helper()
	db, err := database.Open(context.Background(), url)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func newFeed(t *testing.T, db *database.DB) Feed {
	t.Helper()
	f := New(db, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { f.Close() })
	return f
}

// publish commits a transaction on db that publishes payload on channel
// (and writes a row on SQLite, where only a write changes the file).
func publish(t *testing.T, db *database.DB, f Feed, channel, payload string) {
	t.Helper()
	require.NoError(t, commitOrAbort(db, f, channel, payload, nil))
}

func commitOrAbort(db *database.DB, f Feed, channel, payload string, abort error) error {
	ctx := context.Background()
	return database.WithTx(ctx, db.Client, func(tx *ent.Tx) error {
		if db.Dialect == database.DialectSQLite {
			if err := database.ExecInTx(ctx, tx, "CREATE TABLE IF NOT EXISTS notify_test (x INTEGER); INSERT INTO notify_test VALUES (1)"); err != nil {
				return err
			}
		}
		if err := f.Publish(ctx, tx, channel, payload); err != nil {
			return err
		}
		return abort
	})
}

func TestFeed_ACommitThroughAnotherPool_IsHeardByTheSubscriber(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		listening, writing := open(t, url), open(t, url)
		listener, writer := newFeed(t, listening), newFeed(t, writing)
		rec := &recorder{}
		listener.Subscribe("binora_test_commit", rec)
		require.Eventually(t, func() bool { return listener.Current(ctx) }, arrival, poll, "the feed settles")
		before := rec.told()

		publish(t, writing, writer, "binora_test_commit", "acme")

		assert.Eventually(t, func() bool { return listener.Current(ctx) && rec.told() > before }, arrival, poll)
	})
}

func TestPostgresFeed_DeliversThePayloadOfCommittedTransactionsOnly(t *testing.T) {
	pg := os.Getenv(postgresEnv)
	if pg == "" {
		t.Skipf("set %s to run this on PostgreSQL", postgresEnv)
	}
	listening, writing := open(t, pg), open(t, pg)
	listener, writer := newFeed(t, listening), newFeed(t, writing)
	rec := &recorder{}
	listener.Subscribe("binora_test_payload", rec)
	require.Eventually(t, func() bool { return listener.Current(context.Background()) }, arrival, poll)

	abort := errors.New("abort")
	require.ErrorIs(t, commitOrAbort(writing, writer, "binora_test_payload", "rolled-back", abort), abort)
	publish(t, writing, writer, "binora_test_payload", "committed")

	require.Eventually(t, func() bool { return rec.told() > 1 }, arrival, poll)
	payloads, missed := rec.heard()
	assert.Equal(t, []string{"committed"}, payloads, "the rolled-back transaction sent nothing")
	assert.Equal(t, 1, missed, "only the first connection")
}

func TestPublish_OutsideWithTx_IsRefused(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		db := open(t, url)
		tx, err := db.Client.Tx(context.Background())
		require.NoError(t, err)
		defer func() { _ = tx.Rollback() }()

		err = database.ExecInTx(context.Background(), tx, "SELECT 1")

		assert.ErrorIs(t, err, database.ErrNoRawTx)
	})
}
