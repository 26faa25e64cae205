package database

import (
	"context"

	"entgo.io/ent/dialect"
)

// AroundStatement runs one SQL statement: it calls run exactly once and
// returns its error, doing its own work before and after.
type AroundStatement func(ctx context.Context, query string, run func(context.Context) error) error

// WrapStatements returns a driver wrapper (an app.Options.WrapDriver) that
// passes every statement of the driver, inside transactions too, through
// around: the one place where statements can be counted or traced.
func WrapStatements(around AroundStatement) func(dialect.Driver) dialect.Driver {
	return func(d dialect.Driver) dialect.Driver {
		return &aroundDriver{Driver: d, around: around}
	}
}

type aroundDriver struct {
	dialect.Driver
	around AroundStatement
}

func (d *aroundDriver) Exec(ctx context.Context, query string, args, v any) error {
	return d.around(ctx, query, func(ctx context.Context) error { return d.Driver.Exec(ctx, query, args, v) })
}

func (d *aroundDriver) Query(ctx context.Context, query string, args, v any) error {
	return d.around(ctx, query, func(ctx context.Context) error { return d.Driver.Query(ctx, query, args, v) })
}

func (d *aroundDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &aroundTx{Tx: tx, around: d.around}, nil
}

type aroundTx struct {
	dialect.Tx
	around AroundStatement
}

func (t *aroundTx) Exec(ctx context.Context, query string, args, v any) error {
	return t.around(ctx, query, func(ctx context.Context) error { return t.Tx.Exec(ctx, query, args, v) })
}

func (t *aroundTx) Query(ctx context.Context, query string, args, v any) error {
	return t.around(ctx, query, func(ctx context.Context) error { return t.Tx.Query(ctx, query, args, v) })
}
