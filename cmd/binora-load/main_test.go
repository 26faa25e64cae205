package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/testsupport"
)

func TestRun_WithoutDatabase_SaysWhatToSet(t *testing.T) {
	t.Setenv(testsupport.PostgresEnv, "")

	err := run(nil, &bytes.Buffer{})

	assert.ErrorContains(t, err, "BINORA_TEST_POSTGRES_URL")
}

func TestRun_Help_IsNoFailure(t *testing.T) {
	err := run([]string{"-h"}, &bytes.Buffer{})

	assert.NoError(t, err)
}

func TestRun_ChosenScenarios_AreReportedAndProfiled(t *testing.T) {
	url := os.Getenv(testsupport.PostgresEnv)
	if url == "" {
		t.Skipf("set %s to run the load harness on PostgreSQL", testsupport.PostgresEnv)
	}
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	var out bytes.Buffer

	err := run([]string{"-database", url, "-tenants", "1", "-assets", "11", "-concurrency", "1",
		"-duration", "50ms", "-scenarios", "retrieve, update status", "-cpuprofile", cpu, "-memprofile", mem}, &out)

	require.NoError(t, err)
	assert.Contains(t, out.String(), "| retrieve |")
	assert.Contains(t, out.String(), "| update status |")
	assert.NotContains(t, out.String(), "| list 50 |")
	for _, f := range []string{cpu, mem} {
		info, err := os.Stat(f)
		require.NoError(t, err)
		assert.Positive(t, info.Size(), f)
	}
}
