package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// BeginTx starts a transaction in the scope ctx asks for. A scope to set
// travels with the BEGIN, in one simple query: one round trip where a set
// then a BEGIN took two, on most write transactions of a server that
// serves many tenants. PostgreSQL counts that setting as made inside the
// transaction, so a transaction that does not commit undoes it and
// tenantTx.end forgets it.
//
// lib/pq's own BeginTx is not used: it starts a cancel watcher for each
// transaction and calls the last one again at the end of every later
// transaction of the connection, which closes the connection at the third
// call when it did not begin them. Cancelling still works as it did:
// database/sql rolls back a transaction whose context ends, and lib/pq
// cancels a statement whose context ends while it runs.
func (c *tenantConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	query, err := beginStatement(opts)
	if err != nil {
		return nil, err
	}
	want := scopeOf(ctx)
	setting := want != c.current
	if setting {
		c.current = scope{}
		c.connector.sets.Add(1)
		query += "; " + want.statement()
	}
	if _, err := c.pqConn.ExecContext(ctx, query, nil); err != nil {
		// The BEGIN may have run and the setting failed after it: a
		// connection left in a failed transaction must not return to
		// the pool. Rolling back ends it; outside a transaction lib/pq
		// marks the connection bad instead, and the pool drops it.
		_ = c.pqConn.Rollback()
		return nil, fmt.Errorf("begin a transaction: %w", err)
	}
	if setting {
		c.current = want
	}
	c.inTx, c.changedInTx = true, setting
	return &tenantTx{Tx: c.pqConn, conn: c}, nil
}

// Begin is driver.Conn's; database/sql calls BeginTx.
func (c *tenantConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// isolationModes are the isolation levels PostgreSQL offers, as BEGIN
// names them; the default level names none.
var isolationModes = map[sql.IsolationLevel]string{
	sql.LevelDefault:         "",
	sql.LevelReadUncommitted: " ISOLATION LEVEL READ UNCOMMITTED",
	sql.LevelReadCommitted:   " ISOLATION LEVEL READ COMMITTED",
	sql.LevelRepeatableRead:  " ISOLATION LEVEL REPEATABLE READ",
	sql.LevelSerializable:    " ISOLATION LEVEL SERIALIZABLE",
}

// beginStatement is the BEGIN that opts ask for.
func beginStatement(opts driver.TxOptions) (string, error) {
	mode, ok := isolationModes[sql.IsolationLevel(opts.Isolation)]
	if !ok {
		return "", fmt.Errorf("isolation level not supported by PostgreSQL: %s", sql.IsolationLevel(opts.Isolation))
	}
	if opts.ReadOnly {
		return "BEGIN" + mode + " READ ONLY", nil
	}
	return "BEGIN" + mode + " READ WRITE", nil
}

// tenantTx is a transaction whose end tells the connection what became of
// a setting made inside it: PostgreSQL undoes it when the transaction does
// not commit (a rollback, or a failed COMMIT, which lib/pq turns into one).
type tenantTx struct {
	driver.Tx
	conn *tenantConn
}

func (t *tenantTx) Commit() error {
	err := t.Tx.Commit()
	t.end(err == nil)
	return err
}

func (t *tenantTx) Rollback() error {
	err := t.Tx.Rollback()
	t.end(false)
	return err
}

func (t *tenantTx) end(committed bool) {
	if !committed && t.conn.changedInTx {
		t.conn.current = scope{}
	}
	t.conn.inTx, t.conn.changedInTx = false, false
}
