// Package identitycache keeps in memory what authenticating a request reads
// from the identity rows (sessions, users, teams, API tokens and the
// tenant's own state), so that the common request costs no query for it,
// and forgets it the moment any of those rows change, in every server.
//
// Forgetting does not rely on each service remembering to say so: Watch
// installs Ent hooks on every identity entity, which announce the change
// of a tenant's identity on the notify channel inside the transaction that
// makes it. The announcement reaches every server when, and only if, that
// transaction commits; the server that made the change forgets right after
// its commit, before the request that made it is answered.
package identitycache

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	entgo "entgo.io/ent"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/apitoken"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/database/notify"
	"github.com/binora/binora/internal/tenancy"
)

// Channel is the notify channel of identity changes. The payload is the id
// of the company whose identity changed, or allCompanies.
const Channel = "binora_identity"

// allCompanies is the payload of a change that may touch any company.
const allCompanies = "*"

// Watcher announces identity changes and tells its caches of them.
type Watcher struct {
	feed notify.Feed

	mu     sync.RWMutex
	caches []notify.Subscriber
}

// Watch installs the hooks that announce identity changes on client and
// returns the watcher caches register with.
func Watch(client *ent.Client, feed notify.Feed) *Watcher {
	w := &Watcher{feed: feed}
	client.Session.Use(w.hook(skipCreate))
	client.User.Use(w.hook(skipCreate, skipOnly(user.FieldLastLoginAt, user.FieldPasswordHash)))
	client.APIToken.Use(w.hook(skipCreate, skipOnly(apitoken.FieldLastUsedAt)))
	client.Team.Use(w.hook(skipCreate))
	client.TeamMembership.Use(w.hook())
	client.Company.Use(w.hook(skipCreate))
	return w
}

// Register has c told of every identity change, from this server at once
// and from the others as their notifications arrive.
func (w *Watcher) Register(c notify.Subscriber) {
	w.mu.Lock()
	w.caches = append(w.caches, c)
	w.mu.Unlock()
	w.feed.Subscribe(Channel, c)
}

// Current reports whether the caches have heard of every committed change
// (notify.Feed's Current): when false, they must read the database.
func (w *Watcher) Current(ctx context.Context) bool { return w.feed.Current(ctx) }

func (w *Watcher) tellLocal(payload string) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	for _, c := range w.caches {
		c.Changed(payload)
	}
}

// hook announces every mutation of the entity unless one of skips says it
// cannot change what authentication reads.
func (w *Watcher) hook(skips ...func(ent.Mutation) bool) ent.Hook {
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
			if err := w.announce(ctx, m, payloadOf(ctx, m)); err != nil {
				return nil, fmt.Errorf("announce identity change: %w", err)
			}
			return v, nil
		})
	}
}

// txMutation is what every generated mutation offers: its transaction, if
// it runs in one, and a client on its driver.
type txMutation interface {
	Tx() (*ent.Tx, error)
	Client() *ent.Client
}

// announce publishes payload with the transaction m runs in, and tells this
// server's caches once it commits. A mutation outside a transaction has
// committed already: its announcement gets a transaction of its own.
func (w *Watcher) announce(ctx context.Context, m ent.Mutation, payload string) error {
	tm, ok := m.(txMutation)
	if !ok {
		return fmt.Errorf("mutation %s offers no transaction", m.Type())
	}
	tx, err := tm.Tx()
	if err != nil {
		err := database.WithTx(ctx, tm.Client(), func(tx *ent.Tx) error {
			return w.feed.Publish(ctx, tx, Channel, payload)
		})
		w.tellLocal(payload)
		return err
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			if err := w.feed.Publish(ctx, tx, Channel, payload); err != nil {
				_ = tx.Rollback()
				return err
			}
			if err := next.Commit(ctx, tx); err != nil {
				return err
			}
			w.tellLocal(payload)
			return nil
		})
	})
	return nil
}

// payloadOf names the company whose identity m changes: the tenant of a
// tenant row, the company itself for a company row, or every company when
// that cannot be told.
func payloadOf(ctx context.Context, m ent.Mutation) string {
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

// skipCreate skips creates: a new row was never read by anyone.
func skipCreate(m ent.Mutation) bool { return m.Op().Is(entgo.OpCreate) }

// skipOnly skips an update that changes nothing but fields (and the
// bookkeeping every update stamps): they are not part of what
// authentication reads.
func skipOnly(fields ...string) func(ent.Mutation) bool {
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
