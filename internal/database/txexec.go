package database

import (
	"context"
	"errors"
	"sync"

	"entgo.io/ent/dialect"

	"github.com/binora/binora/ent"
)

// Some statements must join a transaction that Ent's builders cannot
// express: a PostgreSQL NOTIFY, delivered only if the transaction commits.
// Ent's transaction keeps its driver to itself (and sql/execquery stays off,
// see ent/entc.go), so the driver Open builds remembers the transaction it
// begins for WithTx, and ExecInTx runs a statement on it. ExecInTx runs no
// privacy policy: it is for fixed statements such as pg_notify, never for
// reading or writing tenant rows.

// ErrNoRawTx is returned by ExecInTx for a transaction not begun by WithTx
// on a client that Open built.
var ErrNoRawTx = errors.New("database: the transaction was not begun by WithTx on a database that Open opened")

// txSlot receives the transaction the driver begins for one WithTx.
type txSlot struct{ tx dialect.Tx }

type txSlotKey struct{}

// openTxs maps each *ent.Tx of a running WithTx to its driver transaction.
var openTxs sync.Map

// rememberingDriver fills the txSlot of the context a transaction is begun
// with.
type rememberingDriver struct{ dialect.Driver }

func (d rememberingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if slot, ok := ctx.Value(txSlotKey{}).(*txSlot); ok && err == nil {
		slot.tx = tx
	}
	return tx, err
}

// beginTx begins a transaction of client and, when client's driver is
// Open's, makes it reachable to ExecInTx until done is called.
func beginTx(ctx context.Context, client *ent.Client) (tx *ent.Tx, done func(), err error) {
	slot := &txSlot{}
	tx, err = client.Tx(context.WithValue(ctx, txSlotKey{}, slot))
	if err != nil {
		return nil, nil, err
	}
	if slot.tx == nil {
		return tx, func() {}, nil
	}
	openTxs.Store(tx, slot)
	return tx, func() { openTxs.Delete(tx) }, nil
}

// ExecInTx runs query with args inside tx, which WithTx began; it commits
// or rolls back with tx.
func ExecInTx(ctx context.Context, tx *ent.Tx, query string, args ...any) error {
	v, ok := openTxs.Load(tx)
	if !ok {
		return ErrNoRawTx
	}
	return v.(*txSlot).tx.Exec(ctx, query, args, nil)
}
