package database

import (
	"context"
	"database/sql/driver"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// preparingConn stands in for lib/pq's connection: it hands out
// statements that record whether they were closed.
type preparingConn struct {
	pqConn
	prepared []*fakeStmt
}

func (p *preparingConn) PrepareContext(_ context.Context, query string) (driver.Stmt, error) {
	st := &fakeStmt{query: query}
	p.prepared = append(p.prepared, st)
	return st, nil
}

type fakeStmt struct {
	preparedStmt
	query  string
	closed bool
}

func (s *fakeStmt) Close() error {
	s.closed = true
	return nil
}

func TestStmtCache_KeepsTheMostRecentlyUsedAndClosesTheRest(t *testing.T) {
	conn := &preparingConn{}
	var cache stmtCache
	ctx := context.Background()
	query := func(i int) string { return fmt.Sprintf("SELECT %d + $1", i) }

	first, err := cache.prepared(ctx, conn, query(0))
	require.NoError(t, err)
	for i := 1; i < preparedPerConnection; i++ {
		_, err := cache.prepared(ctx, conn, query(i))
		require.NoError(t, err)
	}
	again, err := cache.prepared(ctx, conn, query(0))
	require.NoError(t, err)
	require.Same(t, first, again, "a known statement is not prepared again")

	_, err = cache.prepared(ctx, conn, query(preparedPerConnection))
	require.NoError(t, err)

	assert.Len(t, conn.prepared, preparedPerConnection+1)
	assert.Equal(t, preparedPerConnection, cache.order.Len())
	assert.False(t, conn.prepared[0].closed, "the statement used last is kept")
	assert.True(t, conn.prepared[1].closed, "the least recently used goes when the cache is full")
	assert.NotContains(t, cache.byQuery, query(1))
}
