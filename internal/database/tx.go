package database

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent"
)

// WithTx runs fn in a transaction of client, committing if fn returns nil
// and rolling back otherwise (also when fn panics). Every read-modify-write in
// Binora goes through it.
func WithTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) (err error) {
	tx, done, err := beginTx(ctx, client)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer done()
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			//nolint:errorlint // the rollback failure is context; callers match the cause, err
			return fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	return nil
}
