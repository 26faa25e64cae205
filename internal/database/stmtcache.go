package database

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"

	"github.com/lib/pq"
)

// Each connection keeps the statements with parameters it ran lately
// prepared on its PostgreSQL session, so that running one again skips
// parsing and planning. Binora's statements come from Ent's builders in a
// few dozen shapes, and for statements that take a millisecond or less,
// parsing and planning them is a large share of the database's work.
// Execution still costs one round trip: lib/pq binds and executes a
// prepared statement in one message.
//
// Row-level security stays exact: PostgreSQL evaluates the policies'
// binora_tenant() at each execution, not when it plans, so a statement
// prepared for one tenant returns only the next tenant's rows.
//
// Statements without parameters (the tenant setting, BEGIN, COMMIT) keep
// the simple protocol, which already costs one round trip and no Parse
// message of its own.

// preparedPerConnection bounds the statements one session keeps. Binora
// runs fewer shapes than this in steady traffic; a list filtered by an
// ever-changing set of values can make more, and the least recently used
// go first.
const preparedPerConnection = 128

type preparedStmt interface {
	driver.Stmt
	driver.StmtQueryContext
	driver.StmtExecContext
}

type preparedEntry struct {
	query string
	stmt  preparedStmt
}

// stmtCache is one connection's prepared statements, most recently used
// first. Like the connection it serves, one goroutine uses it at a time.
type stmtCache struct {
	order   list.List // of *preparedEntry
	byQuery map[string]*list.Element
}

// prepared returns query prepared on c, preparing it when it is new and
// closing the least recently used statement when the cache is full.
func (s *stmtCache) prepared(ctx context.Context, c pqConn, query string) (preparedStmt, error) {
	if e, ok := s.byQuery[query]; ok {
		s.order.MoveToFront(e)
		return e.Value.(*preparedEntry).stmt, nil
	}
	st, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	ps, ok := st.(preparedStmt)
	if !ok {
		st.Close()
		return nil, errors.New("postgres driver statement lacks context methods")
	}
	if s.byQuery == nil {
		s.byQuery = make(map[string]*list.Element)
	}
	if s.order.Len() >= preparedPerConnection {
		s.evict(s.order.Back())
	}
	s.byQuery[query] = s.order.PushFront(&preparedEntry{query: query, stmt: ps})
	return ps, nil
}

// forget drops query, so that it is prepared again next time.
func (s *stmtCache) forget(query string) {
	if e, ok := s.byQuery[query]; ok {
		s.evict(e)
	}
}

func (s *stmtCache) evict(e *list.Element) {
	entry := s.order.Remove(e).(*preparedEntry)
	delete(s.byQuery, entry.query)
	// A failed close leaves the statement on the session until the
	// connection ends; the connection itself reports its state on next use.
	_ = entry.stmt.Close()
}

// preparedFormStale tells whether err is PostgreSQL refusing a prepared
// statement as such: gone from the session, or planned for a table whose
// columns have since changed type.
func preparedFormStale(err error) bool {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return false
	}
	switch pqErr.Code {
	case "26000", // invalid_sql_statement_name
		"0A000": // feature_not_supported: cached plan must not change result type
		return true
	}
	return false
}

func (c *tenantConn) queryPrepared(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return runPrepared(ctx, c, query, func(st preparedStmt) (driver.Rows, error) {
		return st.QueryContext(ctx, args)
	})
}

func (c *tenantConn) execPrepared(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return runPrepared(ctx, c, query, func(st preparedStmt) (driver.Result, error) {
		return st.ExecContext(ctx, args)
	})
}

// runPrepared runs query's prepared form on c. When PostgreSQL refuses
// that form (someone ran DEALLOCATE, or a migration changed a column's
// type) the statement did not run: it is prepared afresh, and run again
// unless a transaction is open, which the refusal has aborted.
func runPrepared[T any](ctx context.Context, c *tenantConn, query string, run func(preparedStmt) (T, error)) (T, error) {
	for retried := false; ; retried = true {
		st, err := c.statements.prepared(ctx, c.pqConn, query)
		if err != nil {
			var none T
			return none, err
		}
		res, err := run(st)
		if err == nil || !preparedFormStale(err) {
			return res, err
		}
		c.statements.forget(query)
		if retried || c.inTx {
			return res, err
		}
	}
}
