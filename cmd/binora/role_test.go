package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/testsupport"
)

// scratchServer points the command line at an empty PostgreSQL database
// and returns its owner's URL and the app role's.
func scratchServer(t *testing.T) (owner, app string) {
	t.Helper()
	owner = testsupport.ScratchPostgres(t)
	app = testsupport.AppURL(t, owner)
	t.Setenv("BINORA_DATA_DIR", t.TempDir())
	t.Setenv("BINORA_JWT_SECRET", strings.Repeat("cli-secret-", 4))
	t.Setenv("DATABASE_OWNER_URL", "")
	t.Setenv("DATABASE_READ_URL", "")
	t.Setenv("BINORA_DB_APP_ROLE", "")
	t.Setenv("BINORA_DB_APP_PASSWORD", "")
	return owner, app
}

func TestServe_AsASuperuser_IsRefusedWithTheFix(t *testing.T) {
	owner, app := scratchServer(t)
	t.Setenv("DATABASE_URL", owner)
	_, _, err := binora("migrate")
	require.NoError(t, err)

	_, _, err = binora("serve", "--addr", "127.0.0.1:0")

	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "it is a superuser")
	assert.Contains(t, msg, "DATABASE_OWNER_URL='"+owner+"' binora migrate")
	assert.Contains(t, msg, "DATABASE_URL='"+app+"' binora serve")
}

func TestServe_WithAReadReplicaAsASuperuser_IsRefused(t *testing.T) {
	owner, app := scratchServer(t)
	t.Setenv("DATABASE_URL", app)
	t.Setenv("DATABASE_OWNER_URL", owner)
	t.Setenv("DATABASE_READ_URL", owner)

	_, _, err := binora("serve", "--addr", "127.0.0.1:0")

	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "refusing to serve: DATABASE_READ_URL ("+owner+")")
	assert.Contains(t, msg, "it is a superuser")
	assert.Contains(t, msg, "as role binora_app")
}

func TestOperatorCommands_WithAReplicaOutOfReach_UseThePrimaryAlone(t *testing.T) {
	owner, app := scratchServer(t)
	t.Setenv("DATABASE_URL", app)
	t.Setenv("DATABASE_OWNER_URL", owner)
	t.Setenv("BINORA_ARGON2_MEMORY_KIB", "1024")
	// Nothing listens on port 1: the replica is out of reach.
	t.Setenv("DATABASE_READ_URL", "postgres://binora_app@127.0.0.1:1/binora?sslmode=disable")

	_, _, createErr := binora("tenant", "create", "--subdomain", "replica-down", "--name", "Replica down",
		"--admin-email", "admin@replica-down.test", "--admin-password", "a-long-password")
	out, _, listErr := binora("tenant", "list")
	_, _, serveErr := binora("serve", "--addr", "127.0.0.1:0")

	require.NoError(t, createErr)
	require.NoError(t, listErr)
	assert.Contains(t, out, "replica-down")
	require.Error(t, serveErr, "serve needs the replica its lists read")
	assert.Contains(t, serveErr.Error(), "read replica")
}

func TestServe_WithoutTheOwner_RefusesPendingMigrations(t *testing.T) {
	_, app := scratchServer(t)
	t.Setenv("DATABASE_URL", app)

	_, _, err := binora("serve", "--addr", "127.0.0.1:0")

	require.Error(t, err)
	assert.Contains(t, err.Error(), "run `binora migrate` with DATABASE_OWNER_URL")
}

func TestServe_AsTheAppRole_AfterMigratingAsTheOwner(t *testing.T) {
	owner, app := scratchServer(t)
	t.Setenv("DATABASE_URL", app)
	t.Setenv("DATABASE_OWNER_URL", owner)
	out, _, err := binora("migrate")
	require.NoError(t, err)
	assert.Contains(t, out, "serve with DATABASE_URL="+app)
	t.Setenv("DATABASE_OWNER_URL", "")
	// A read replica logged in as the app role passes the same check.
	t.Setenv("DATABASE_READ_URL", app)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var log syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, &log, &log) }()
	require.Eventually(t, func() bool {
		_, ok := logLine(log.String(), "binora listening")
		return ok
	}, 30*time.Second, 10*time.Millisecond, "log: %s", &log)
	cancel()
	require.NoError(t, <-done)
}
