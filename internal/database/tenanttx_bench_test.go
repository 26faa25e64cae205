package database_test

import (
	"context"
	"testing"
)

// BenchmarkTransactionOfAnotherTenant begins and commits a transaction on
// one pooled connection whose last tenant was another, as most write
// transactions of a server with many tenants are: the cost of the tenant
// setting and the BEGIN together.
func BenchmarkTransactionOfAnotherTenant(b *testing.B) {
	db := oneConnection(b, rlsDatabase(b))
	tenants := []context.Context{tenantA, tenantB}
	b.ResetTimer()
	for i := range b.N {
		tx, err := db.SQL.BeginTx(tenants[i%2], nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
