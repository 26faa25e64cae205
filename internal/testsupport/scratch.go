package testsupport

import (
	"database/sql"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// ScratchPostgres creates an empty database on the PostgreSQL test server,
// dropped with the test, and returns its URL as the server's owner. It
// skips the test when no PostgreSQL is configured.
func ScratchPostgres(t testing.TB) string {
	t.Helper()
	pg := os.Getenv(PostgresEnv)
	if pg == "" {
		t.Skipf("set %s to run this on PostgreSQL", PostgresEnv)
	}
	admin, err := sql.Open("postgres", pg)
	require.NoError(t, err)
	t.Cleanup(func() { admin.Close() })
	name := "binora_scratch_" + randomHex(6)
	_, err = admin.Exec("CREATE DATABASE " + name)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	u, err := url.Parse(pg)
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String()
}
