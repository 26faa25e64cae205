package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
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
	for _, otel := range []string{"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
		"OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"} {
		t.Setenv(otel, "")
	}
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

// startServe runs `binora serve` on free ports until the returned stop is
// called, and returns the fields of its "binora listening" line.
func startServe(t *testing.T, log *syncBuffer) (listening map[string]any, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, log, log) }()
	stop = func() {
		cancel()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop")
		}
	}
	require.Eventually(t, func() bool {
		var ok bool
		listening, ok = logLine(log.String(), "binora listening")
		return ok
	}, 30*time.Second, 10*time.Millisecond, "log: %s", log)
	return listening, stop
}

func TestServe_SaysListeningOnceBound_AndLogsItsShutdown(t *testing.T) {
	embeddedSQLite(t)
	t.Setenv("BINORA_METRICS_ADDR", "127.0.0.1:0")
	var log syncBuffer
	listening, stop := startServe(t, &log)

	// The line names the bound ports (not ":0"), and they answer at once;
	// the metrics are on their own port only.
	addr, metricsAddr := boundAddr(t, listening, "addr"), boundAddr(t, listening, "metrics_addr")
	assert.Equal(t, http.StatusOK, get(t, "http://"+addr+"/healthz"))
	assert.Equal(t, http.StatusOK, get(t, "http://"+metricsAddr+"/metrics"))
	assert.Equal(t, http.StatusNotFound, get(t, "http://"+addr+"/metrics"))
	assert.Equal(t, "sqlite3", listening["dialect"])
	assert.NotEmpty(t, listening["version"])
	assert.Equal(t, false, listening["tracing"])

	stop()
	shuttingDown, started := logLine(log.String(), "binora shutting down")
	stopped, ok := logLine(log.String(), "binora stopped")
	require.True(t, started, "no shutdown line in %s", log.String())
	require.True(t, ok, "no stopped line in %s", log.String())
	assert.Equal(t, "context canceled", shuttingDown["reason"])
	assert.Equal(t, "context canceled", stopped["reason"])
	assert.Equal(t, addr, stopped["addr"], "the line names what stopped")
	assert.Equal(t, metricsAddr, stopped["metrics_addr"])
	drained, err := time.ParseDuration(stopped["drained_in"].(string))
	require.NoError(t, err, "drained_in: %v", stopped["drained_in"])
	assert.GreaterOrEqual(t, drained, time.Duration(0))
}

func TestServe_WithAnOTLPEndpoint_ExportsTheSpansByTheTimeItStops(t *testing.T) {
	embeddedSQLite(t)
	var mu sync.Mutex
	var exports []string
	collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		exports = append(exports, r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type"))
		mu.Unlock()
	}))
	defer collector.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", collector.URL)
	t.Setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
	var log syncBuffer
	listening, stop := startServe(t, &log)
	require.Equal(t, true, listening["tracing"])

	assert.Equal(t, http.StatusOK, get(t, "http://"+boundAddr(t, listening, "addr")+"/healthz"))
	stop()

	// The batch exporter would wait seconds; the stop flushes it.
	mu.Lock()
	defer mu.Unlock()
	assert.Contains(t, exports, "POST /v1/traces application/x-protobuf")
}
