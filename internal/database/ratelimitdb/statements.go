package ratelimitdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/binora/binora/internal/ratelimit"
)

// The statements' parameters: $1 the limiter's name, $2 the key's hash,
// and a time that is the limiter's clock or, when NULL, the database's.
// A row whose window_end has passed counts as absent.

// allowSQL counts an event within the limit, in one statement. The upsert
// inserts a key's first event, restarts an ended window, or counts one
// more within the limit; past the limit its WHERE leaves the row as it is
// (locked, so the read below is the row the conflict saw) and the second
// branch reads when the window ends. $3 parent hash, $4 limit, $5 window
// in seconds, $6 the time.
const allowSQL = `WITH clock AS (SELECT coalesce($6::timestamptz, statement_timestamp()) AS t),
counted AS (
	INSERT INTO rate_limit_counters AS c (limiter, key_hash, parent_hash, events, window_end)
	SELECT $1::text, $2::bytea, $3::bytea, 1, clock.t + make_interval(secs => $5::float8) FROM clock
	ON CONFLICT (limiter, key_hash) DO UPDATE SET
		events = CASE WHEN c.window_end <= excluded.window_end - make_interval(secs => $5::float8)
			THEN 1 ELSE c.events + 1 END,
		window_end = CASE WHEN c.window_end <= excluded.window_end - make_interval(secs => $5::float8)
			THEN excluded.window_end ELSE c.window_end END
	WHERE c.window_end <= excluded.window_end - make_interval(secs => $5::float8) OR c.events < $4::bigint
	RETURNING 1
)
SELECT true, 0::float8 FROM counted
UNION ALL
SELECT false, extract(epoch FROM c.window_end - clock.t)::float8 FROM rate_limit_counters c, clock
WHERE c.limiter = $1::text AND c.key_hash = $2::bytea AND NOT EXISTS (SELECT 1 FROM counted)`

// refundSQL takes back one event of a live window. $3 the time.
const refundSQL = `UPDATE rate_limit_counters SET events = events - 1
WHERE limiter = $1 AND key_hash = $2 AND events > 0
AND window_end > coalesce($3::timestamptz, statement_timestamp())`

// blockedSQL reads whether a live window is full, and for how long. $3 the
// limit, $4 the time.
const blockedSQL = `WITH clock AS (SELECT coalesce($4::timestamptz, statement_timestamp()) AS t)
SELECT c.events >= $3::bigint, extract(epoch FROM c.window_end - clock.t)::float8
FROM rate_limit_counters c, clock
WHERE c.limiter = $1::text AND c.key_hash = $2::bytea AND c.window_end > clock.t`

const (
	resetSQL         = `DELETE FROM rate_limit_counters WHERE limiter = $1 AND key_hash = $2`
	resetChildrenSQL = `DELETE FROM rate_limit_counters WHERE limiter = $1 AND parent_hash = $2`
	// sweepSQL deletes this limiter's ended windows; each limiter sweeps
	// by its own clock, so one whose clock is moved (a test) never
	// deletes another's live rows. $2 the time.
	sweepSQL = `DELETE FROM rate_limit_counters
WHERE limiter = $1 AND window_end <= coalesce($2::timestamptz, statement_timestamp())`
)

// Allow is ratelimit.Limiter's.
func (l *Limiter) Allow(ctx context.Context, key string) (bool, time.Duration, error) {
	l.sweep(ctx)
	var ok bool
	var wait float64
	err := l.db.QueryRowContext(ctx, allowSQL, l.name, l.hash(key), l.hash(ratelimit.Parent(key)),
		l.limit, l.window.Seconds(), l.clock()).Scan(&ok, &wait)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// Refused on a row committed by another server after this
		// statement's snapshot was taken: its window has just begun.
		ok, wait = false, l.window.Seconds()
	case err != nil:
		return false, 0, fmt.Errorf("rate limit %s: %w", l.name, err)
	}
	if !ok {
		l.refused.Add(1)
		return false, seconds(wait), nil
	}
	return true, 0, nil
}

// Refund is ratelimit.Limiter's.
func (l *Limiter) Refund(ctx context.Context, key string) error {
	return l.exec(ctx, refundSQL, l.name, l.hash(key), l.clock())
}

// Blocked is ratelimit.Limiter's.
func (l *Limiter) Blocked(ctx context.Context, key string) (bool, time.Duration, error) {
	var full bool
	var wait float64
	err := l.db.QueryRowContext(ctx, blockedSQL, l.name, l.hash(key), l.limit, l.clock()).Scan(&full, &wait)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, 0, nil
	case err != nil:
		return false, 0, fmt.Errorf("rate limit %s: %w", l.name, err)
	case !full:
		return false, 0, nil
	}
	return true, seconds(wait), nil
}

// Reset is ratelimit.Limiter's.
func (l *Limiter) Reset(ctx context.Context, key string) error {
	return l.exec(ctx, resetSQL, l.name, l.hash(key))
}

// ResetChildren is ratelimit.Limiter's.
func (l *Limiter) ResetChildren(ctx context.Context, parent string) error {
	return l.exec(ctx, resetChildrenSQL, l.name, l.hash(parent))
}

func (l *Limiter) exec(ctx context.Context, query string, args ...any) error {
	if _, err := l.db.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("rate limit %s: %w", l.name, err)
	}
	return nil
}

// sweep deletes the rows of ended windows when the last sweep of this
// limiter in this process is sweepEvery old, so that the table holds
// about the live windows whatever stream of keys arrives. A failed sweep
// is left to the next one: the rows it missed already count as absent.
func (l *Limiter) sweep(ctx context.Context) {
	now := time.Now()
	l.sweepMu.Lock()
	due := now.Sub(l.lastSweep) >= sweepEvery
	if due {
		l.lastSweep = now
	}
	l.sweepMu.Unlock()
	if due {
		_ = l.exec(ctx, sweepSQL, l.name, l.clock())
	}
}
