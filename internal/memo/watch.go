// Package memo keeps in memory what requests read again and again from
// rows that rarely change (who a session acts as, the name of a datacenter
// or rack, the email of an author), so that the common request costs no
// query for them, and forgets it the moment those rows change, in every
// server.
//
// Forgetting does not rely on each service remembering to say so: the
// application installs a Watcher's hook on every entity whose rows are
// remembered, which announces the change of a tenant's rows on the notify
// channel inside the transaction that makes it. The announcement reaches
// every server when, and only if, that transaction commits; the server that
// made the change forgets right after its commit, before the request that
// made it is answered. The assets, written too often for that, announce
// their changes right after the commit instead (AnnouncedAfterCommit). A
// cache forgets everything of the tenant, whatever row changed: these rows
// change seldom, and reading them again is cheap.
package memo

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"

	entgo "entgo.io/ent"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/database/notify"
	"github.com/binora/binora/internal/tenancy"
)

// Channel is the notify channel of changes to remembered rows. The payload
// is "<topic>:<company>:<origin>": the topic of the changed entity, the id
// of the company whose rows changed (or allCompanies), and the watcher that
// announced it. A watcher ignores its own announcements when they come
// back: it told its caches at the commit already, and what they loaded
// since is newer. A payload without an origin (an operator's) is heard by
// every watcher.
const Channel = "binora_row_changes"

// Topic groups the entities a cache remembers rows of: a change drops the
// tenant's entries of the caches of its topic only.
type Topic string

// The topics.
const (
	// Identity is who acts and what they hold: companies, sessions, users,
	// API tokens, teams and their members.
	Identity Topic = "identity"
	// Places are where assets are: datacenters and racks.
	Places Topic = "places"
	// Assets are the assets themselves, whose lists remember their counts.
	Assets Topic = "assets"
)

// allCompanies is the payload of a change that may touch any company.
const allCompanies = "*"

// Watcher announces changes of remembered rows and tells its caches of
// them.
type Watcher struct {
	feed   notify.Feed
	logger *slog.Logger
	origin string // names this watcher in the payloads it announces

	mu     sync.RWMutex
	caches []notify.Subscriber
}

// NewWatcher returns a watcher announcing on feed, logging to logger the
// announcements that fail after their change committed.
func NewWatcher(feed notify.Feed, logger *slog.Logger) *Watcher {
	return &Watcher{feed: feed, logger: logger, origin: rand.Text()[:10]}
}

// Register has c told of every change of topic, from this server at once
// and from the others as their notifications arrive.
func (w *Watcher) Register(topic Topic, c notify.Subscriber) {
	f := topicFilter{topic: topic, origin: w.origin, next: c}
	w.mu.Lock()
	w.caches = append(w.caches, f)
	w.mu.Unlock()
	w.feed.Subscribe(Channel, f)
}

// topicFilter tells next of the changes of its topic, with the topic cut
// off the payload, and of every possible loss.
type topicFilter struct {
	topic  Topic
	origin string
	next   notify.Subscriber
}

func (f topicFilter) Changed(payload string) {
	topic, rest, ok := strings.Cut(payload, ":")
	if !ok {
		f.next.Changed(allCompanies)
		return
	}
	company, origin, announced := strings.Cut(rest, ":")
	own := announced && origin == f.origin
	if Topic(topic) == f.topic && !own {
		f.next.Changed(company)
	}
}

func (f topicFilter) Missed() { f.next.Missed() }

// Current reports whether the caches have heard of every committed change
// (notify.Feed's Current): when false, they must read the database.
func (w *Watcher) Current(ctx context.Context) bool { return w.feed.Current(ctx) }

// tellLocal tells this server's caches of change, "<topic>:<company>".
func (w *Watcher) tellLocal(change string) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	for _, c := range w.caches {
		c.Changed(change)
	}
}

// wire is change as announced to every server: with this watcher's name.
func (w *Watcher) wire(change string) string { return change + ":" + w.origin }

// announcing is how a hook's changes reach the other servers.
type announcing int

const (
	// inTransaction sends the notification in the changing transaction:
	// delivered when, and only if, it commits.
	inTransaction announcing = iota
	// afterCommit hands it to the feed's Announce once the change has
	// committed.
	afterCommit
)

// Hook announces every mutation of the entity it is installed on as a
// change of topic, unless one of skips says it cannot change what is
// remembered. The notification is part of the changing transaction.
func (w *Watcher) Hook(topic Topic, skips ...func(ent.Mutation) bool) ent.Hook {
	return w.hook(topic, inTransaction, skips)
}

// AnnouncedAfterCommit is Hook for the entities written most (the assets,
// whose status changes are the busiest write): a notification in each of
// their transactions would have them commit one at a time
// (notify.Feed.Announce), so it is announced once the change has
// committed, together with the others of that moment, before the request
// that made it is answered. A server that stops between a commit and its
// announcement leaves the others to forget on their own: a cache of this
// topic must keep its entries briefly.
func (w *Watcher) AnnouncedAfterCommit(topic Topic) ent.Hook {
	return w.hook(topic, afterCommit, nil)
}

func (w *Watcher) hook(topic Topic, how announcing, skips []func(ent.Mutation) bool) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			for _, skip := range skips {
				if skip(m) {
					return v, nil
				}
			}
			if err := w.announce(ctx, m, string(topic)+":"+companyOf(ctx, m), how); err != nil {
				return nil, fmt.Errorf("announce the change of %s: %w", m.Type(), err)
			}
			return v, nil
		})
	}
}

// announce has change reach every server the way how says, and tells
// this server's caches once m's change commits.
func (w *Watcher) announce(ctx context.Context, m ent.Mutation, change string, how announcing) error {
	committed := ent.OnCommitOf(m, func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			if how == inTransaction {
				if err := w.feed.Publish(ctx, tx, Channel, w.wire(change)); err != nil {
					_ = tx.Rollback()
					return err
				}
			}
			if err := next.Commit(ctx, tx); err != nil {
				return err
			}
			w.committed(ctx, change, how)
			return nil
		})
	})
	if committed {
		return nil
	}
	if how == afterCommit {
		w.committed(ctx, change, how)
		return nil
	}
	client, ok := m.(interface{ Client() *ent.Client })
	if !ok {
		return fmt.Errorf("mutation %s offers no client", m.Type())
	}
	err := database.WithTx(ctx, client.Client(), func(tx *ent.Tx) error {
		return w.feed.Publish(ctx, tx, Channel, w.wire(change))
	})
	w.tellLocal(change)
	return err
}

// committed tells this server's caches of a committed change and, when it
// is announced after its commit, the other servers. A failed announcement
// fails nothing (the change is made) and is logged: the feed sends it
// again until it gets through.
func (w *Watcher) committed(ctx context.Context, change string, how announcing) {
	w.tellLocal(change)
	if how != afterCommit {
		return
	}
	if err := w.feed.Announce(ctx, Channel, w.wire(change)); err != nil && ctx.Err() == nil {
		w.logger.Warn("announce a committed change to the other servers", "change", change, "error", err)
	}
}

// companyOf names the company whose rows m changes: the tenant of a
// tenant row, the company itself for a company row, or every company when
// that cannot be told.
func companyOf(ctx context.Context, m ent.Mutation) string {
	if cm, ok := m.(*ent.CompanyMutation); ok {
		if id, ok := cm.ID(); ok {
			return strconv.Itoa(id)
		}
		return allCompanies
	}
	if id, ok := tenancy.TenantOf(ctx); ok {
		return strconv.Itoa(id)
	}
	return allCompanies
}

// SkipCreate skips creates: a new row was never read by anyone.
func SkipCreate(m ent.Mutation) bool { return m.Op().Is(entgo.OpCreate) }

// SkipOnly skips an update that changes nothing but fields (and the
// bookkeeping every update stamps): fields nothing remembers.
func SkipOnly(fields ...string) func(ent.Mutation) bool {
	ignored := map[string]bool{"updated_at": true, "updated_by": true, "version": true}
	for _, f := range fields {
		ignored[f] = true
	}
	return func(m ent.Mutation) bool {
		if !m.Op().Is(entgo.OpUpdate|entgo.OpUpdateOne) || len(m.ClearedFields()) > 0 ||
			len(m.AddedEdges()) > 0 || len(m.RemovedEdges()) > 0 || len(m.ClearedEdges()) > 0 {
			return false
		}
		for _, f := range m.Fields() {
			if !ignored[f] {
				return false
			}
		}
		return true
	}
}
