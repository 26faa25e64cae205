package database

import "fmt"

// RowLocks reports whether the dialect locks rows (SELECT ... FOR UPDATE):
// PostgreSQL does; SQLite refuses the clause and needs none, because its
// write transactions take the database's write lock at BEGIN and so run
// one at a time. An unknown dialect is an error rather than a guess: a
// guess would either break every locked read on SQLite or drop the locks
// on PostgreSQL without a sound.
func RowLocks(dialect string) (bool, error) {
	switch dialect {
	case DialectPostgres:
		return true, nil
	case DialectSQLite:
		return false, nil
	default:
		return false, fmt.Errorf("unknown database dialect %q", dialect)
	}
}
