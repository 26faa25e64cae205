package database

import (
	"context"
	"sync/atomic"

	"entgo.io/ent/dialect"
)

// StatementCounter wraps a database driver and counts the SQL statements it
// runs, inside transactions too, so that tests can pin the cost of a request
// and the load harness can report it.
type StatementCounter struct {
	n atomic.Int64
}

// Wrap is an app.Options.WrapDriver.
func (c *StatementCounter) Wrap(d dialect.Driver) dialect.Driver {
	return &countingDriver{Driver: d, c: c}
}

// Count returns the statements run so far.
func (c *StatementCounter) Count() int { return int(c.n.Load()) }

// Reset sets the count back to zero.
func (c *StatementCounter) Reset() { c.n.Store(0) }

type countingDriver struct {
	dialect.Driver
	c *StatementCounter
}

func (d *countingDriver) Exec(ctx context.Context, query string, args, v any) error {
	d.c.n.Add(1)
	return d.Driver.Exec(ctx, query, args, v)
}

func (d *countingDriver) Query(ctx context.Context, query string, args, v any) error {
	d.c.n.Add(1)
	return d.Driver.Query(ctx, query, args, v)
}

func (d *countingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, c: d.c}, nil
}

type countingTx struct {
	dialect.Tx
	c *StatementCounter
}

func (t *countingTx) Exec(ctx context.Context, query string, args, v any) error {
	t.c.n.Add(1)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *countingTx) Query(ctx context.Context, query string, args, v any) error {
	t.c.n.Add(1)
	return t.Tx.Query(ctx, query, args, v)
}
