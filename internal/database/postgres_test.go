package database_test

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"
)

// execAll runs statements on the database at rawURL with lib/pq alone.
func execAll(t testing.TB, rawURL string, statements ...string) {
	t.Helper()
	db, err := sql.Open("postgres", rawURL)
	require.NoError(t, err)
	defer db.Close()
	for _, s := range statements {
		_, err := db.Exec(s)
		require.NoError(t, err, s)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
