package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/lib/pq"

	"github.com/binora/binora/internal/database"
)

// announcer sends the notifications of changes that have committed
// already, outside their transactions, on a connection of its own.
//
// A transaction that notifies takes a lock of the whole database at its
// commit and holds it until the commit is on disk, so transactions that
// notify commit one after another where others share a disk flush. The
// busiest writes therefore do not notify themselves: each hands its
// notification here after its commit, and every notification handed in
// while one statement is under way goes out together in the next. However
// many writes commit at once, a server holds that lock for one statement at
// a time, and not while a flush is awaited: the connection commits without
// waiting for the disk (synchronous_commit off). That risks nothing the
// notification is for: a change it announces is on disk already, and when
// PostgreSQL stops, every listening connection breaks and its server
// forgets everything anyway.
type announcer struct {
	deliver func(notes map[note]struct{}) error // sends one statement
	stop    func() error

	mu      sync.Mutex
	next    *announcement // gathering while one is sent
	sending bool
	closed  bool
	retry   time.Duration // wait before sending again after a failure
}

// errClosed answers what is announced on, or still waits in, a closed
// feed.
var errClosed = errors.New("announce changes: the feed is closed")

// note is one notification: equal ones of a statement are sent once.
type note struct{ channel, payload string }

// announcement is the notifications one statement sends, and what became
// of it once done is closed.
type announcement struct {
	notes map[note]struct{}
	done  chan struct{}
	err   error
}

func newAnnouncement() *announcement {
	return &announcement{notes: map[note]struct{}{}, done: make(chan struct{})}
}

func newAnnouncer(url string) *announcer {
	conn := &announcingConn{url: url}
	return &announcer{deliver: conn.send, stop: conn.close}
}

// announce sends payload on channel with the next statement and waits
// until that statement has run, or ctx ends. A statement that fails is
// tried again, with the notifications handed in meanwhile, until it
// succeeds or the announcer is closed; the waiters of the failed attempt
// are told its error. Until a statement succeeds again nobody waits: a
// write must not take as long as the database takes to come back.
func (a *announcer) announce(ctx context.Context, channel, payload string) error {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return errClosed
	}
	if a.next == nil {
		a.next = newAnnouncement()
	}
	sent := a.next
	sent.notes[note{channel, payload}] = struct{}{}
	if !a.sending {
		a.sending = true
		go a.send()
	}
	failing := a.retry > 0
	a.mu.Unlock()
	if failing {
		return nil
	}
	select {
	case <-sent.done:
		return sent.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// send sends what gathered, one statement at a time, until nothing is
// left.
func (a *announcer) send() {
	for {
		current, wait, ok := a.take()
		if !ok {
			return
		}
		time.Sleep(wait)
		err := a.deliver(current.notes)
		current.err = err
		a.settle(current, err)
		close(current.done)
	}
}

// take returns what gathered for the next statement and how long to wait
// before sending it; ok is false when there is nothing to send, or the
// announcer is closed.
func (a *announcer) take() (current *announcement, wait time.Duration, ok bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	current, a.next = a.next, nil
	if current == nil || a.closed {
		a.sending = false
		if current != nil {
			current.err = errClosed
			close(current.done)
		}
		return nil, 0, false
	}
	return current, a.retry, true
}

// settle sets the wait before the next statement and, after a failure,
// hands the notifications of the failed one to the next.
func (a *announcer) settle(failed *announcement, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err == nil {
		a.retry = 0
		return
	}
	a.retry = min(max(2*a.retry, minReconnect), maxReconnect)
	if a.next == nil {
		a.next = newAnnouncement()
	}
	for n := range failed.notes {
		a.next.notes[n] = struct{}{}
	}
}

// close stops sending; notifications not sent by then are dropped.
func (a *announcer) close() error {
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	return a.stop()
}

// announcingConn is the connection notifications are sent on, opened at
// the first.
type announcingConn struct {
	url string

	mu     sync.Mutex
	db     *sql.DB
	closed bool
}

// send sends notes in one statement, which commits on its own. The
// statement is a simple query with its values quoted in: without
// parameters it is one message each way, and its cost in the writing
// request's process is a fraction of a prepared statement's.
func (c *announcingConn) send(notes map[note]struct{}) error {
	db, err := c.pool()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, notifyStatement(notes)); err != nil {
		return fmt.Errorf("announce changes: %w", err)
	}
	return nil
}

// notifyStatement is one NOTIFY per note, the channel quoted as a name
// and the payload as a literal by lib/pq. NOTIFY answers no row, where
// SELECT pg_notify(...) answers one to describe and read.
func notifyStatement(notes map[note]struct{}) string {
	size := 0
	for n := range notes {
		// Room for the command, the quotes and an escape or two.
		size += len(`NOTIFY "", E''; `) + len(n.channel) + len(n.payload) + 4
	}
	var b strings.Builder
	b.Grow(size)
	for n := range notes {
		b.WriteString("NOTIFY ")
		b.WriteString(pq.QuoteIdentifier(n.channel))
		b.WriteString(", ")
		b.WriteString(pq.QuoteLiteral(n.payload))
		b.WriteString("; ")
	}
	return b.String()
}

// pool returns the pool of the one connection, opening it at first use.
func (c *announcingConn) pool() (*sql.DB, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, errClosed
	}
	if c.db == nil {
		db, err := openAnnouncing(c.url)
		if err != nil {
			return nil, err
		}
		c.db = db
	}
	return c.db, nil
}

// openAnnouncing opens the pool of the one announcing connection.
func openAnnouncing(url string) (*sql.DB, error) {
	connector, err := database.PostgresConnector(url, func(cfg *pq.Config) {
		if cfg.Runtime == nil {
			cfg.Runtime = map[string]string{}
		}
		cfg.Runtime["synchronous_commit"] = "off"
	})
	if err != nil {
		return nil, fmt.Errorf("announce changes: %w", err)
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

func (c *announcingConn) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.db == nil {
		return nil
	}
	return c.db.Close()
}
