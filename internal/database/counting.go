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
	return WrapStatements(c.count)(d)
}

func (c *StatementCounter) count(ctx context.Context, _ string, run func(context.Context) error) error {
	c.n.Add(1)
	return run(ctx)
}

// Count returns the statements run so far.
func (c *StatementCounter) Count() int { return int(c.n.Load()) }

// Reset sets the count back to zero.
func (c *StatementCounter) Reset() { c.n.Store(0) }
