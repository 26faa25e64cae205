package testsupport

import (
	"database/sql"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// ownerPool is an Env's connection as the database's owner, opened when a
// test first asks for it and closed with the Env.
type ownerPool struct {
	once sync.Once
	db   *sql.DB
	err  error
}

func (p *ownerPool) close() {
	if p.db != nil {
		p.db.Close()
	}
}

// OwnerSQL returns a pool on env's database as its owner, for fixtures
// that rewrite what the application may not (back-dated expiries): on
// PostgreSQL it is not confined by row-level security, so it sees every
// tenant's rows. On SQLite it is the application's own pool.
func (e *Env) OwnerSQL(t testing.TB) *sql.DB {
	t.Helper()
	if !e.IsPostgres() {
		return e.App.DB.SQL
	}
	e.owner.once.Do(func() {
		e.owner.db, e.owner.err = sql.Open("postgres", e.OwnerURL)
	})
	require.NoError(t, e.owner.err)
	return e.owner.db
}
