package loadtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A compared command that cannot serve is reported at once, with the
// environment the harness promised it.
func TestStartCompared_CommandThatEnds_IsRefusedWithoutWaiting(t *testing.T) {
	dir := t.TempDir()
	envFile := filepath.Join(dir, "env")
	script := filepath.Join(dir, "serve")
	body := "#!/bin/sh\necho \"$ADDR $DATABASE_URL $BINORA_JWT_SECRET\" > " + envFile + "\nexit 3\n"
	require.NoError(t, os.WriteFile(script, []byte(body), 0o755))

	_, err := StartCompared(context.Background(), script, "postgres://db", []byte("secret"))

	require.ErrorContains(t, err, "ended before it was ready")
	env, err := os.ReadFile(envFile)
	require.NoError(t, err)
	fields := strings.Fields(string(env))
	require.Len(t, fields, 3)
	assert.True(t, strings.HasPrefix(fields[0], "127.0.0.1:"), fields[0])
	assert.Equal(t, []string{"postgres://db", "secret"}, fields[1:])
}
