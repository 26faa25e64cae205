package ratelimitdb_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/database/ratelimitdb"
	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/internal/ratelimit/ratelimittest"
	"github.com/binora/binora/internal/testsupport"
)

var secret = []byte(strings.Repeat("test-secret-", 4))

// database returns the pool of a migrated PostgreSQL database, as the
// role the server serves with; the tests skip without one.
func database(t testing.TB) *sql.DB {
	t.Helper()
	for _, target := range testsupport.Targets() {
		if target.Name == "postgres" {
			return testsupport.NewEnv(t, target, app.Options{}).App.DB.SQL
		}
	}
	t.Skip("PostgreSQL only: set " + testsupport.PostgresEnv)
	return nil
}

// newLimiter returns a limiter of its own name on db.
func newLimiter(t testing.TB, db *sql.DB, limit int, window time.Duration, now func() time.Time) *ratelimitdb.Limiter {
	t.Helper()
	l, err := ratelimitdb.New(db, ratelimitdb.Config{Name: "test-" + rand.Text(), Limit: limit, Window: window,
		Secret: secret, Now: now})
	require.NoError(t, err)
	return l
}

func TestLimiter_KeepsTheLimiterSemantics(t *testing.T) {
	db := database(t)
	ratelimittest.Run(t, func(t *testing.T, limit int, window time.Duration, now func() time.Time) ratelimit.Limiter {
		return newLimiter(t, db, limit, window, now)
	})
}

func TestLimiter_TwoServersCountTogether(t *testing.T) {
	db := database(t)
	first := newLimiter(t, db, 3, time.Minute, nil)
	second, err := ratelimitdb.New(db, ratelimitdb.Config{Name: first.Name(), Limit: 3, Window: time.Minute, Secret: secret})
	require.NoError(t, err)
	ctx := context.Background()

	for i, l := range []*ratelimitdb.Limiter{first, second, first} {
		ok, _, err := l.Allow(ctx, "ann")
		require.NoError(t, err)
		require.True(t, ok, "event %d", i+1)
	}
	ok, wait, err := second.Allow(ctx, "ann")

	require.NoError(t, err)
	assert.False(t, ok, "the second server sees the first's events")
	assert.Positive(t, wait)
	assert.LessOrEqual(t, wait, time.Minute)
}

func TestLimiter_StoresNoKeyInTheClear(t *testing.T) {
	db := database(t)
	l := newLimiter(t, db, 3, time.Minute, nil)
	key := ratelimit.Join("7", "ann@acme.test", "203.0.113.7")
	_, _, err := l.Allow(context.Background(), key)
	require.NoError(t, err)

	var keyHash, parentHash []byte
	require.NoError(t, db.QueryRow(`SELECT key_hash, parent_hash FROM rate_limit_counters WHERE limiter = $1`, l.Name()).
		Scan(&keyHash, &parentHash))

	for _, part := range []string{"ann@acme.test", "203.0.113.7", key} {
		assert.NotContains(t, string(keyHash), part)
		assert.NotContains(t, string(parentHash), part)
	}
	assert.Len(t, keyHash, 32)
	assert.NotEqual(t, keyHash, parentHash)
}

func TestLimiter_SweepsEndedWindows(t *testing.T) {
	db := database(t)
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	l := newLimiter(t, db, 3, time.Minute, func() time.Time { return now })
	ctx := context.Background()
	for _, key := range []string{"a", "b", "c"} {
		_, _, err := l.Allow(ctx, key)
		require.NoError(t, err)
	}
	now = now.Add(2 * time.Minute)

	ratelimitdb.SweepNow(l)
	_, _, err := l.Allow(ctx, "fresh")
	require.NoError(t, err)

	var rows int
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM rate_limit_counters WHERE limiter = $1`, l.Name()).Scan(&rows))
	assert.Equal(t, 1, rows, "only the live window is left")
}

// BenchmarkLimiter_Allow measures one check-and-count, the statement every
// login and reset request adds on PostgreSQL: b.N events on distinct keys
// of one limit, from parallelism goroutines per CPU (BENCH_PARALLELISM, default 8).
func BenchmarkLimiter_Allow(b *testing.B) {
	parallelism := 8
	if n, err := strconv.Atoi(os.Getenv("BENCH_PARALLELISM")); err == nil && n > 0 {
		parallelism = n
	}
	db := database(b)
	l := newLimiter(b, db, 5, time.Minute, nil)
	prefix := rand.Text()
	b.SetParallelism(parallelism)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		ctx, i := context.Background(), 0
		for pb.Next() {
			i++
			if _, _, err := l.Allow(ctx, prefix+strconv.Itoa(i%1000)); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
