package loadtest_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/loadtest"
	"github.com/binora/binora/internal/testsupport"
)

// The harness measures PostgreSQL only (the embedded SQLite file is the
// small-data mode), so its smoke test runs only where the suite has one.
func TestRun_DrivesEveryScenarioOnBinoraAndTheCeiling_WithoutErrors(t *testing.T) {
	url := os.Getenv(testsupport.PostgresEnv)
	if url == "" {
		t.Skipf("set %s to run the load harness on PostgreSQL", testsupport.PostgresEnv)
	}
	o := loadtest.Options{OwnerURL: url, Tenants: 2, Assets: 50, Concurrency: 3, Duration: 200 * time.Millisecond}

	rep, err := loadtest.Run(context.Background(), o)
	require.NoError(t, err)

	require.Len(t, rep.Binora, len(loadtest.ScenarioNames))
	require.Len(t, rep.Ceiling, len(loadtest.ScenarioNames))
	for i, name := range loadtest.ScenarioNames {
		for _, r := range []loadtest.Result{rep.Binora[i], rep.Ceiling[i]} {
			assert.Equal(t, name, r.Name)
			assert.Positive(t, r.Requests, name)
			assert.Empty(t, r.Errors, name)
			assert.LessOrEqual(t, r.P50, r.P99, name)
		}
		assert.Positive(t, rep.Statements[name], "statements of %s", name)
	}
	assert.Equal(t, rep.Binora[3].Requests+rep.Ceiling[3].Requests+2, statusChanges(t, url, rep.Tenants),
		"every update (and the two that counted statements) changes the status and records it")
	var out bytes.Buffer
	rep.WriteMarkdown(&out)
	for _, name := range loadtest.ScenarioNames {
		assert.Contains(t, out.String(), "| "+name+" |")
	}
}

// The old system's reconstruction needs Debian's Django; the test runs only
// where it is installed.
func TestRun_CompareCommand_DrivesTheOldSystemWithoutErrors(t *testing.T) {
	url := os.Getenv(testsupport.PostgresEnv)
	if url == "" {
		t.Skipf("set %s to run the load harness on PostgreSQL", testsupport.PostgresEnv)
	}
	if exec.Command("/usr/bin/python3", "-c", "import django, rest_framework, jwt, gunicorn, psycopg2").Run() != nil {
		t.Skip("the old system needs Debian's Django, DRF, PyJWT, psycopg2 and gunicorn (tools/oldsystem/README.md)")
	}
	o := loadtest.Options{OwnerURL: url, Tenants: 2, Assets: 50, Concurrency: 3, Duration: 200 * time.Millisecond,
		CompareCommand: "../../tools/oldsystem/run"}

	rep, err := loadtest.Run(context.Background(), o)
	require.NoError(t, err)

	require.Len(t, rep.Compared, len(loadtest.ScenarioNames))
	for i, name := range loadtest.ScenarioNames {
		r := rep.Compared[i]
		assert.Equal(t, name, r.Name)
		assert.Positive(t, r.Requests, name)
		assert.Empty(t, r.Errors, name)
	}
	warmUps := o.Concurrency
	assert.Equal(t, rep.Binora[3].Requests+rep.Compared[3].Requests+warmUps+rep.Ceiling[3].Requests+2,
		statusChanges(t, url, rep.Tenants), "every update on all three sides changes the status and records it")
}

// statusChanges counts the status changes recorded in the tenants.
func statusChanges(t *testing.T, url string, tenants []*loadtest.Tenant) int {
	t.Helper()
	db, err := sql.Open("postgres", url)
	require.NoError(t, err)
	defer db.Close()
	var ids []int64
	for _, tn := range tenants {
		ids = append(ids, int64(tn.CompanyID))
	}
	var n int
	err = db.QueryRow(`SELECT count(*) FROM asset_status_changes WHERE company_id = ANY($1)`, pq.Array(ids)).Scan(&n)
	require.NoError(t, err)
	return n
}

func TestRun_UnknownScenario_IsRefused(t *testing.T) {
	url := os.Getenv(testsupport.PostgresEnv)
	if url == "" {
		t.Skipf("set %s to run the load harness on PostgreSQL", testsupport.PostgresEnv)
	}
	o := loadtest.Options{OwnerURL: url, Tenants: 1, Assets: 11, Concurrency: 1, Duration: time.Millisecond,
		Scenarios: []string{"list everything"}}

	_, err := loadtest.Run(context.Background(), o)

	assert.ErrorContains(t, err, "no scenario")
}

func TestOpenSite_SQLite_IsRefused(t *testing.T) {
	_, err := loadtest.OpenSite(context.Background(), "sqlite://"+t.TempDir()+"/binora.db")

	assert.ErrorContains(t, err, "PostgreSQL")
}
