package tests

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// metricsSite is a site on a server of its own, so that its metrics count
// this test's requests only.
func metricsSite(t *testing.T, env *testsupport.Env) *site {
	t.Helper()
	return newSite(t, testsupport.Reopen(t, env, app.Options{}, nil))
}

// scrape fetches the site's metrics in the Prometheus text format.
func (s *site) scrape(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(s.env.App.Metrics.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Type"), "text/plain")
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(body)
}

// sample returns the value of the series `series` (name and labels as the
// text format writes them, labels sorted), or -1 when it is absent.
func sample(text, series string) float64 {
	for line := range strings.Lines(text) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err == nil {
				return f
			}
		}
	}
	return -1
}

func TestMetrics_CountRequestsByOperationAndStatus_NeverByPath(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := metricsSite(t, env)
		dc := s.createDatacenter(t, "M1")
		s.getDatacenter(t, dc.ID)
		s.getDatacenter(t, dc.ID)
		missing := s.raw(t, http.MethodGet, "/api/datacenters/987654321", "")
		require.Equal(t, http.StatusNotFound, missing.Status)
		s.raw(t, http.MethodGet, "/no/such/path/123", "")

		text := s.scrape(t)

		assert.Equal(t, 1.0, sample(text, `binora_http_requests_total{code="201",operation="createDatacenter"}`))
		assert.Equal(t, 2.0, sample(text, `binora_http_requests_total{code="200",operation="getDatacenter"}`))
		assert.Equal(t, 1.0, sample(text, `binora_http_requests_total{code="404",operation="getDatacenter"}`))
		assert.Equal(t, 1.0, sample(text, `binora_http_requests_total{code="404",operation="none"}`))
		assert.Equal(t, 3.0, sample(text, `binora_http_request_duration_seconds_count{operation="getDatacenter"}`))
		// Every operation label is an operationId, never a path: ids in
		// paths would make a series per row.
		ops := regexp.MustCompile(`operation="([^"]*)"`).FindAllStringSubmatch(text, -1)
		require.NotEmpty(t, ops)
		for _, op := range ops {
			assert.Regexp(t, `^[a-zA-Z]+$`, op[1])
		}
		assert.NotContains(t, text, "987654321")
	})
}

func TestMetrics_ReportTheDatabasePool(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := metricsSite(t, env)
		s.createDatacenter(t, "P1")

		text := s.scrape(t)

		db := `{db_name="` + s.env.App.DB.Dialect + `"}`
		assert.GreaterOrEqual(t, sample(text, "go_sql_open_connections"+db), 1.0)
		for _, name := range []string{"go_sql_in_use_connections", "go_sql_idle_connections",
			"go_sql_wait_count_total", "go_sql_wait_duration_seconds_total"} {
			assert.GreaterOrEqual(t, sample(text, name+db), 0.0, name)
		}
	})
}

func TestMetrics_CountPasswordHashRefusalsAndRateLimitRefusals(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, testsupport.Reopen(t, env, app.Options{}, func(c *config.Config) {
			c.PasswordHashing = config.PasswordHashing{Concurrency: 1, Wait: 1}
			c.LoginFailuresPerWindow, c.LoginFailureWindow = 2, 1<<40
		}))
		release := s.fillHashing(t)
		assertBusy(t, s.loginRaw(t, s.tn.Admin.Email, "wrong-password-0"))
		assert.Equal(t, 1.0, sample(s.scrape(t), "binora_password_hash_slots_in_use"))
		release()
		for i := range 3 {
			s.loginRaw(t, s.tn.Admin.Email, "wrong-password-"+strconv.Itoa(i))
		}

		text := s.scrape(t)

		assert.Equal(t, 1.0, sample(text, "binora_password_hash_slots"))
		assert.Equal(t, 0.0, sample(text, "binora_password_hash_slots_in_use"))
		assert.Equal(t, 1.0, sample(text, "binora_password_hash_waits_total"))
		assert.Equal(t, 1.0, sample(text, "binora_password_hash_refusals_total"))
		assert.Equal(t, 1.0, sample(text, `binora_rate_limit_refusals_total{limit="failed_logins"}`))
		assert.Equal(t, 0.0, sample(text, `binora_rate_limit_refusals_total{limit="client_requests"}`))
		assert.Equal(t, 1.0, sample(text, `binora_http_requests_total{code="429",operation="login"}`))
	})
}
