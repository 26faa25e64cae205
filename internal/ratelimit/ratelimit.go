// Package ratelimit counts events per key in fixed windows. It guards the
// endpoints that take a secret (login, password reset) against guessing.
//
// Limiter is what the guarded code sees. Memory counts in the process,
// enough for one server on the embedded SQLite file; on PostgreSQL every
// server counts in one table (internal/database/ratelimitdb), so that N
// servers allow what one would.
package ratelimit

import (
	"context"
	"strings"
	"time"
)

// Limiter allows at most a limit of events per key in each window, the
// window starting at a key's first event. Every implementation keeps the
// semantics of Memory; ratelimittest holds them to it.
type Limiter interface {
	// Allow records an event for key and reports whether it is within the
	// limit; if not, nothing is recorded and retryAfter says when the
	// window ends. The check and the count are one step, so concurrent
	// callers cannot all slip past the limit together.
	Allow(ctx context.Context, key string) (ok bool, retryAfter time.Duration, err error)
	// Refund takes back one event of key, for an attempt that turned out
	// not to count (a login that succeeded after its slot was reserved).
	Refund(ctx context.Context, key string) error
	// Blocked reports, without recording anything, whether key has used
	// up its window, and for how long it stays blocked.
	Blocked(ctx context.Context, key string) (blocked bool, retryAfter time.Duration, err error)
	// Reset forgets key's events.
	Reset(ctx context.Context, key string) error
	// ResetChildren forgets the events of every key whose Parent is
	// parent, for keys that nest (an email, then the addresses it was
	// tried from).
	ResetChildren(ctx context.Context, parent string) error
	// Refused is how many events Allow has turned away in this process,
	// for the operator's metrics.
	Refused() uint64
}

// Sep separates the parts of a key that nest: Join("ann", "203.0.113.1")
// is a child of Join("ann") + Sep.
const Sep = "\x00"

// Join makes a key of parts, Sep between them.
func Join(parts ...string) string { return strings.Join(parts, Sep) }

// Parent is key up to and including its last Sep ("" for a key without
// one): what ResetChildren names. A limiter that stores keys hashed
// stores the hash of the parent beside that of the key.
func Parent(key string) string {
	return key[:strings.LastIndex(key, Sep)+1]
}
