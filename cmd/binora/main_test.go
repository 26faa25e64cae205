package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/testsupport"
)

// forEachDB points the command line at each test database in turn: on
// PostgreSQL the owner migrates and the app role serves, as in production.
func forEachDB(t *testing.T, fn func(t *testing.T)) {
	for _, target := range testsupport.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			owner := target.URL(t)
			t.Setenv("BINORA_DATA_DIR", t.TempDir())
			t.Setenv("DATABASE_URL", testsupport.AppURL(t, owner))
			if target.Name == "postgres" {
				t.Setenv("DATABASE_OWNER_URL", owner)
			} else {
				t.Setenv("DATABASE_OWNER_URL", "")
			}
			t.Setenv("DATABASE_READ_URL", "")
			t.Setenv("BINORA_JWT_SECRET", strings.Repeat("cli-secret-", 4))
			t.Setenv("BINORA_ARGON2_MEMORY_KIB", "1024")
			t.Setenv("BINORA_ARGON2_ITERATIONS", "1")
			fn(t)
		})
	}
}

func binora(args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestTenantCreate_PrintsTheCompanyIDAndRefusesADuplicate(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		sub := "cli-" + hex.EncodeToString(b)
		args := []string{"tenant", "create", "--subdomain", sub, "--name", "CLI Co",
			"--admin-email", "ops@cli.test", "--admin-password", "a-long-password"}

		out, _, err := binora(args...)
		require.NoError(t, err)
		id, convErr := strconv.Atoi(strings.TrimSpace(out))
		require.NoError(t, convErr, "stdout: %q", out)
		assert.Positive(t, id)

		_, _, err = binora(args...)
		require.Error(t, err)
		assert.Contains(t, describe(err), "already taken")
	})
}

func TestTenantCreate_MissingFlags_NamesThem(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		_, _, err := binora("tenant", "create", "--name", "No Subdomain")

		require.Error(t, err)
		msg := describe(err)
		assert.Contains(t, msg, "--subdomain")
		assert.Contains(t, msg, "--admin-email")
		assert.Contains(t, msg, "--admin-password")
	})
}

func TestDemo_IsIdempotentAndPrintsHowToLogIn(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		first, _, err := binora("demo")
		require.NoError(t, err)
		second, _, err := binora("demo", "--addr", ":9090")
		require.NoError(t, err)

		for _, out := range []string{first, second} {
			assert.Contains(t, out, "X-Tenant: demo")
			assert.Contains(t, out, "/api/auth/login")
		}
		assert.Contains(t, first, "http://localhost:8080/api/auth/login")
		assert.Contains(t, second, "exists already")
		assert.Contains(t, second, "http://localhost:9090/api/auth/login")
		assert.NotContains(t, second, ":8080")
	})
}

func TestMigrate_ReportsWhatItApplied(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		out, _, err := binora("migrate")

		require.NoError(t, err)
		assert.Contains(t, out, "migration(s)")
	})
}

func TestRun_UnknownCommand_FailsWithUsage(t *testing.T) {
	_, stderr, err := binora("frobnicate")

	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown command "frobnicate"`)
	assert.Contains(t, stderr, "usage:")
}
