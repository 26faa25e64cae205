package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/database"
)

// syncBuffer is the server's log, written by its goroutine and read by the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// logLine returns the fields of the first JSON log line whose msg is msg.
func logLine(log, msg string) (map[string]any, bool) {
	for line := range strings.Lines(log) {
		var fields map[string]any
		if json.Unmarshal([]byte(line), &fields) == nil && fields["msg"] == msg {
			return fields, true
		}
	}
	return nil, false
}

// embeddedSQLite points the command line at a fresh embedded database.
func embeddedSQLite(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("BINORA_DATA_DIR", dir)
	t.Setenv("DATABASE_URL", database.SQLiteURL(dir))
	t.Setenv("DATABASE_OWNER_URL", "")
	t.Setenv("BINORA_JWT_SECRET", strings.Repeat("cli-secret-", 4))
}

func TestServe_PortInUse_FailsWithoutSayingListening(t *testing.T) {
	embeddedSQLite(t)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()

	var log syncBuffer
	err = run(context.Background(), []string{"serve", "--addr", taken.Addr().String()}, &log, &log)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "address already in use")
	assert.NotContains(t, log.String(), "listening")
}

func TestServe_MetricsPortInUse_FailsWithoutSayingListening(t *testing.T) {
	embeddedSQLite(t)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()
	t.Setenv("BINORA_METRICS_ADDR", taken.Addr().String())

	var log syncBuffer
	err = run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0"}, &log, &log)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "metrics")
	assert.NotContains(t, log.String(), "listening")
}

// get answers url's status code.
func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// boundAddr is the address field of a log line, checked to name a port
// that was bound (not ":0").
func boundAddr(t *testing.T, line map[string]any, field string) string {
	t.Helper()
	addr, _ := line[field].(string)
	_, port, err := net.SplitHostPort(addr)
	require.NoError(t, err, "%s %q", field, addr)
	require.NotEqual(t, "0", port)
	return addr
}

func TestServe_SaysListeningOnceBound_AndLogsItsShutdown(t *testing.T) {
	embeddedSQLite(t)
	t.Setenv("BINORA_METRICS_ADDR", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var log syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, &log, &log) }()

	var listening map[string]any
	require.Eventually(t, func() bool {
		var ok bool
		listening, ok = logLine(log.String(), "binora listening")
		return ok
	}, 30*time.Second, 10*time.Millisecond, "log: %s", &log)
	// The line names the bound ports (not ":0"), and they answer at once;
	// the metrics are on their own port only.
	addr, metricsAddr := boundAddr(t, listening, "addr"), boundAddr(t, listening, "metrics_addr")
	assert.Equal(t, http.StatusOK, get(t, "http://"+addr+"/healthz"))
	assert.Equal(t, http.StatusOK, get(t, "http://"+metricsAddr+"/metrics"))
	assert.Equal(t, http.StatusNotFound, get(t, "http://"+addr+"/metrics"))
	assert.Equal(t, "sqlite3", listening["dialect"])
	assert.NotEmpty(t, listening["version"])

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	_, started := logLine(log.String(), "binora shutting down")
	_, stopped := logLine(log.String(), "binora stopped")
	assert.True(t, started, "no shutdown line in %s", log.String())
	assert.True(t, stopped, "no stopped line in %s", log.String())
}
