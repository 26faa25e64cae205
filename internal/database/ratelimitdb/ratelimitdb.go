// Package ratelimitdb is the ratelimit.Limiter that every server on one
// PostgreSQL database shares: the events of a key are a row of
// rate_limit_counters, so failures counted by one server are seen by all,
// and N servers allow what one would.
//
// Each check-and-count is one statement (an upsert whose conflict branch
// counts only within the limit), so concurrent servers cannot all slip
// past the limit together. Keys are stored as HMAC-SHA256 under a key
// derived from the server secret, never as the emails and addresses they
// name. Rows of ended windows count as absent and are deleted by a sweep
// each limiter runs at most once a minute per process.
package ratelimitdb

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/ratelimit"
)

// keyInfo is the purpose the key-hashing key is derived for.
const keyInfo = "binora rate-limit keys"

// sweepEvery is how often one limiter of one process deletes the rows of
// ended windows: often enough that a stream of distinct keys leaves at
// most a few minutes of rows behind, rarely enough to cost nothing.
const sweepEvery = time.Minute

// Limiter counts one limit's events in the database.
type Limiter struct {
	db     *sql.DB
	name   string
	limit  int
	window time.Duration
	// now is the clock windows are timed by; nil means the database's, one
	// clock for every server.
	now  func() time.Time
	hkey []byte

	refused atomic.Uint64

	sweepMu   sync.Mutex
	lastSweep time.Time
}

var _ ratelimit.Limiter = (*Limiter)(nil)

// Config is one limit.
type Config struct {
	// Name tells this limit's rows from every other's: two servers count
	// together exactly when they use the same name.
	Name   string
	Limit  int
	Window time.Duration
	// Secret is the server secret (BINORA_JWT_SECRET), the same on every
	// server; the key that hashes the keys is derived from it.
	Secret []byte
	// Now times the windows; nil uses the database's clock.
	Now func() time.Time
}

// New returns the limiter of c on db.
func New(db *sql.DB, c Config) (*Limiter, error) {
	if c.Name == "" || c.Limit <= 0 || c.Window <= 0 {
		return nil, errors.New("ratelimitdb: a limit needs a name, a limit and a window")
	}
	if len(c.Secret) < 32 {
		return nil, errors.New("ratelimitdb: the server secret must have at least 32 bytes")
	}
	hkey, err := hkdf.Key(sha256.New, c.Secret, nil, keyInfo, sha256.Size)
	if err != nil {
		return nil, fmt.Errorf("ratelimitdb key: %w", err)
	}
	return &Limiter{db: db, name: c.Name, limit: c.Limit, window: c.Window, now: c.Now, hkey: hkey}, nil
}

// hash is the HMAC of s, what the table stores instead of s.
func (l *Limiter) hash(s string) database.Bytea {
	m := hmac.New(sha256.New, l.hkey)
	m.Write([]byte(s))
	return m.Sum(nil)
}

// clock is the time parameter of a statement: the limiter's clock, or
// NULL for the database's.
func (l *Limiter) clock() any {
	if l.now == nil {
		return nil
	}
	return l.now()
}

// seconds converts the seconds a statement computed to a duration, to the
// microsecond PostgreSQL keeps.
func seconds(s float64) time.Duration {
	return time.Duration(math.Round(s*1e6)) * time.Microsecond
}

// Refused is ratelimit.Limiter's: the refusals of this process.
func (l *Limiter) Refused() uint64 { return l.refused.Load() }

// Name is the limiter's name: limiters of one name count together.
func (l *Limiter) Name() string { return l.name }
