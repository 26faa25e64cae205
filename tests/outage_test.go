package tests

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// The outage drill runs the real server on PostgreSQL through a proxy,
// under concurrent writes and reads, cuts every database connection and
// refuses new ones for a while, then lets them through again.
const (
	drillWriters = 4
	drillReaders = 4
	// drillCut is how long the database stays out of reach, about a
	// PostgreSQL restart.
	drillCut = 1500 * time.Millisecond
	// drillRecovery bounds the wait for answers after the database is
	// back: the drill fails if the server has not recovered by then.
	drillRecovery = 10 * time.Second
)

func TestDatabaseOutage_Answers503ThenRecoversAndLosesNoAcknowledgedWrite(t *testing.T) {
	t.Parallel()
	env := testsupport.NewEnv(t, postgresTarget(t), app.Options{})
	proxy := testsupport.NewDBProxy(t, env.Config.DatabaseURL)
	proxied := testsupport.Reopen(t, env, app.Options{}, func(c *config.Config) {
		c.DatabaseURL = proxy.URL(t, c.DatabaseURL)
	})
	url := testsupport.Serve(t, proxied)
	tn := testsupport.NewTenant(t, env)
	admin := tn.AdminClient(t, url)
	dc := tn.Datacenter(t, "OUT1")
	load := newOutageLoad(url, tn.Company.Subdomain, admin.Token, int64(dc.ID))

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range drillWriters {
		wg.Go(func() { load.writer(stop, i) })
	}
	for range drillReaders {
		wg.Go(func() { load.reader(stop) })
	}
	waitUntil(t, drillRecovery, func() bool { return load.total(http.StatusCreated) >= 10 })

	proxy.Cut()
	load.phase.Store(phaseCut)
	assert.Equal(t, http.StatusServiceUnavailable, readyz(t, url), "/readyz while the database is cut")
	time.Sleep(drillCut)
	proxy.Restore(t)
	load.phase.Store(phaseRestored)
	recovered := waitUntil(t, drillRecovery, func() bool { return load.restoredOK.Load() >= 50 })
	close(stop)
	wg.Wait()

	t.Logf("answers by status: before %v, during the cut %v, after %v",
		load.byStatus[phaseBefore], load.byStatus[phaseCut], load.byStatus[phaseRestored])
	assert.True(t, recovered, "requests succeed again once the database is back")
	assert.Equal(t, http.StatusOK, readyz(t, url), "/readyz once the database is back")
	assert.Empty(t, load.failures, "every request got an answer")
	assertOnlyExpectedStatuses(t, load)
	assert.Positive(t, load.unavailable[phaseCut], "requests during the cut answer 503 database_unavailable")
	assert.Empty(t, load.malformed, "every 503 is database_unavailable with Retry-After")
	stored, err := env.App.DB.Client.Asset.Query().Where(asset.IDIn(intIDs(load.created)...)).Count(tn.Ctx())
	require.NoError(t, err)
	assert.Equal(t, len(load.created), stored, "every create acknowledged with 201 is stored")
}

// assertOnlyExpectedStatuses checks that the drill saw successes and 503s
// only: never a 500, nor a refusal that a healthy database would not give.
func assertOnlyExpectedStatuses(t *testing.T, load *outageLoad) {
	t.Helper()
	for phase, byStatus := range load.byStatus {
		for status, n := range byStatus {
			ok := status == http.StatusOK || status == http.StatusCreated || status == http.StatusServiceUnavailable
			assert.True(t, ok, "phase %d: %d answers of status %d", phase, n, status)
		}
	}
	assert.Zero(t, load.total(http.StatusInternalServerError))
}

// postgresTarget returns the PostgreSQL test database, or skips the test.
func postgresTarget(t *testing.T) testsupport.Target {
	t.Helper()
	for _, target := range testsupport.Targets() {
		if target.Name == "postgres" {
			return target
		}
	}
	t.Skipf("set %s to run this on PostgreSQL", testsupport.PostgresEnv)
	return testsupport.Target{}
}

// waitUntil polls done until it holds or limit passes, and reports which.
func waitUntil(t *testing.T, limit time.Duration, done func() bool) bool {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !done() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

func readyz(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url + "/readyz")
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func intIDs(ids []int64) []int {
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = int(id)
	}
	return out
}

// A restart between two requests leaves the pool full of connections to
// the old server; the next requests must not fail on them.
func TestDatabaseRestart_RequestsRightAfterwardSucceed(t *testing.T) {
	t.Parallel()
	env := testsupport.NewEnv(t, postgresTarget(t), app.Options{})
	proxy := testsupport.NewDBProxy(t, env.Config.DatabaseURL)
	proxied := testsupport.Reopen(t, env, app.Options{}, func(c *config.Config) {
		c.DatabaseURL = proxy.URL(t, c.DatabaseURL)
	})
	url := testsupport.Serve(t, proxied)
	tn := testsupport.NewTenant(t, env)
	admin := tn.AdminClient(t, url)
	dc := tn.Datacenter(t, "RST1")
	load := newOutageLoad(url, tn.Company.Subdomain, admin.Token, int64(dc.ID))
	const pool = 10
	concurrently(pool, func(int) error { // several pooled connections
		load.send(http.MethodGet, "/api/assets", nil, nil)
		return nil
	})

	proxy.Cut()
	proxy.Restore(t)
	load.phase.Store(phaseRestored)
	concurrently(pool, func(int) error { // each on a connection of the old server
		load.send(http.MethodGet, "/api/assets", nil, nil)
		return nil
	})

	t.Logf("answers by status: before %v, after %v", load.byStatus[phaseBefore], load.byStatus[phaseRestored])
	assert.Equal(t, map[int]int{http.StatusOK: pool}, load.byStatus[phaseRestored])
	assert.Empty(t, load.failures)
}
