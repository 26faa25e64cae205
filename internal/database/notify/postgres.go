package notify

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lib/pq"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
)

// How soon a lost listening connection is tried again, doubling up to the
// maximum while the database stays unreachable.
const (
	minReconnect = 200 * time.Millisecond
	maxReconnect = 5 * time.Second
)

// postgresFeed listens on a dedicated connection of lib/pq's Listener. That
// connection is the Listener's own, not one of the pool's: it needs no
// tenant settings, and LISTEN and NOTIFY need no privilege on any table,
// so the restricted app role can use both.
type postgresFeed struct {
	subs      subscribers
	url       string
	logger    *slog.Logger
	announcer *announcer

	start    sync.Once
	listener *pq.Listener
	// connected is true while the listening connection is up; pending
	// counts the LISTENs not yet acknowledged. Only with both settled do
	// subscribers hear of every change.
	connected atomic.Bool
	pending   atomic.Int64
}

func newPostgresFeed(url string, logger *slog.Logger) *postgresFeed {
	return &postgresFeed{url: url, logger: logger, announcer: newAnnouncer(url)}
}

// Publish sends a NOTIFY as part of tx: PostgreSQL delivers it at commit.
func (f *postgresFeed) Publish(ctx context.Context, tx *ent.Tx, channel, payload string) error {
	return database.ExecInTx(ctx, tx, "SELECT pg_notify($1, $2)", channel, payload)
}

// Announce sends a NOTIFY after the change it announces has committed
// (announce.go).
func (f *postgresFeed) Announce(ctx context.Context, channel, payload string) error {
	return f.announcer.announce(ctx, channel, payload)
}

// Subscribe starts the listener at the first call and LISTENs on channel
// in the background: the Listener waits for its connection, which must not
// hold up the start of the process while the database is unreachable.
func (f *postgresFeed) Subscribe(channel string, s Subscriber) {
	f.start.Do(func() {
		f.listener = pq.NewListener(f.url, minReconnect, maxReconnect, f.onEvent)
		go f.dispatch(f.listener.Notify)
	})
	if !f.subs.add(channel, s) {
		return
	}
	f.pending.Add(1)
	go func() {
		err := f.listener.Listen(channel)
		if errors.Is(err, net.ErrClosed) {
			return // closed before the connection came
		}
		if err != nil {
			f.logger.Error("listen for changes", "channel", channel, "error", err)
			return // pending stays up: the feed is never current
		}
		f.pending.Add(-1)
	}()
}

// Current holds while the listening connection is up and listens on every
// channel subscribed to.
func (f *postgresFeed) Current(context.Context) bool {
	return f.connected.Load() && f.pending.Load() == 0
}

// onEvent follows the listening connection. After a (re)connection the
// notifications sent while it was down are lost: subscribers forget
// everything before the feed counts as current again.
func (f *postgresFeed) onEvent(event pq.ListenerEventType, err error) {
	switch event {
	case pq.ListenerEventConnected, pq.ListenerEventReconnected:
		f.subs.missed()
		f.connected.Store(true)
	case pq.ListenerEventDisconnected, pq.ListenerEventConnectionAttemptFailed:
		f.connected.Store(false)
		f.logger.Warn("listening for changes: connection lost; caches are bypassed until it is back", "error", err)
	}
}

// dispatch hands notifications to the subscribers of their channel. The
// Listener sends nil after a reconnection, when notifications may have been
// lost.
func (f *postgresFeed) dispatch(notifications <-chan *pq.Notification) {
	for n := range notifications {
		if n == nil {
			f.subs.missed()
			continue
		}
		f.subs.changed(n.Channel, n.Extra)
	}
}

// Close stops the listener. It does not wait for the Listener's goroutine,
// which may be sleeping before its next connection attempt.
func (f *postgresFeed) Close() error {
	f.connected.Store(false)
	err := f.announcer.close()
	if f.listener == nil {
		return err
	}
	return errors.Join(err, f.listener.Close())
}
