// Package notify tells every Binora process of the changes any of them
// commits, so that what a process keeps in memory (the tenant cache) never
// outlives the rows it was read from by more than a moment.
//
// On PostgreSQL a change is published with NOTIFY inside the transaction
// that makes it, so it is delivered when, and only if, that transaction
// commits; each process LISTENs on a connection of its own and tells its
// subscribers. On the embedded SQLite file there is no such channel between
// processes; each process instead asks the file, before it trusts its
// memory, whether anyone committed since it last asked (see sqlite.go).
package notify

import (
	"context"
	"log/slog"
	"sync"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
)

// Subscriber learns of the changes published on one channel.
type Subscriber interface {
	// Changed is told the payload of a change committed on the channel.
	Changed(payload string)
	// Missed is told that changes may have gone unseen (the listening
	// connection was lost, or the database cannot say what changed):
	// whatever the subscriber derived from the database must go.
	Missed()
}

// Feed publishes changes and tells subscribers of them.
type Feed interface {
	// Publish announces payload on channel to every process once tx
	// commits, and to none if it rolls back. tx must come from
	// database.WithTx.
	Publish(ctx context.Context, tx *ent.Tx, channel, payload string) error
	// Announce tells every process of payload on channel, for a change
	// that has committed already: on PostgreSQL outside any transaction,
	// with whatever other announcements are made at the same moment
	// (see announce.go); it returns once the notification is sent. It is
	// the way for writes so frequent that a notification in each of their
	// transactions would hold them up; a process that stops between the
	// commit and the announcement leaves it unsent.
	Announce(ctx context.Context, channel, payload string) error
	// Subscribe has s told of the changes on channel from now on.
	Subscribe(channel string, s Subscriber)
	// Current reports whether subscribers have been told of every change
	// committed before the call. On PostgreSQL that holds while the
	// listening connection is up (a notification still on the wire, a few
	// milliseconds, is the exception no feed can close); on SQLite it is
	// checked against the file. When it is false, a cache must read the
	// database instead of its memory.
	Current(ctx context.Context) bool
	// Close stops listening.
	Close() error
}

// New returns the feed of db: a LISTEN connection on PostgreSQL, opened at
// the first Subscribe, or a watch on the SQLite file.
func New(db *database.DB, logger *slog.Logger) Feed {
	if db.Dialect == database.DialectPostgres {
		return newPostgresFeed(db.URL, logger)
	}
	return newSQLiteFeed(db.OpenAside)
}

// subscribers are a feed's subscribers by channel.
type subscribers struct {
	mu        sync.RWMutex
	byChannel map[string][]Subscriber
}

// add registers s and reports whether channel is new.
func (s *subscribers) add(channel string, sub Subscriber) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byChannel == nil {
		s.byChannel = map[string][]Subscriber{}
	}
	_, known := s.byChannel[channel]
	s.byChannel[channel] = append(s.byChannel[channel], sub)
	return !known
}

func (s *subscribers) changed(channel, payload string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, sub := range s.byChannel[channel] {
		sub.Changed(payload)
	}
}

// missed tells every subscriber of every channel.
func (s *subscribers) missed() {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, subs := range s.byChannel {
		for _, sub := range subs {
			sub.Missed()
		}
	}
}
