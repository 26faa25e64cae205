package tests

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// The caller's trace, as a W3C traceparent header names it (sampled).
const (
	callerTraceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	callerSpanID  = "00f067aa0ba902b7"
	traceparent   = "00-" + callerTraceID + "-" + callerSpanID + "-01"
)

// tracedSite is a site on a server of its own whose spans end in the
// returned recorder.
func tracedSite(t *testing.T, env *testsupport.Env, change func(*config.Config)) (*site, *tracetest.SpanRecorder) {
	t.Helper()
	recorder := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(recorder))
	t.Cleanup(func() { _ = tp.Shutdown(t.Context()) })
	return newSite(t, testsupport.Reopen(t, env, app.Options{TracerProvider: tp}, change)), recorder
}

// spansNamed returns the ended spans called name.
func spansNamed(r *tracetest.SpanRecorder, name string) []sdktrace.ReadOnlySpan {
	var out []sdktrace.ReadOnlySpan
	for _, s := range r.Ended() {
		if s.Name() == name {
			out = append(out, s)
		}
	}
	return out
}

func attr(s sdktrace.ReadOnlySpan, key attribute.Key) attribute.Value {
	for _, kv := range s.Attributes() {
		if kv.Key == key {
			return kv.Value
		}
	}
	return attribute.Value{}
}

// tracedGet sends GET path as the site's admin, continuing the caller's trace.
func (s *site) tracedGet(t *testing.T, path string) rawResponse {
	t.Helper()
	return send(t, s.url, rawRequest{Method: http.MethodGet, Path: path, Tenant: s.tn.Company.Subdomain,
		Token: s.admin.Token, Header: map[string]string{"traceparent": traceparent}})
}

func TestTracing_AnOperationIsAServerSpanInTheCallersTrace(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s, recorder := tracedSite(t, env, nil)
		dc := s.createDatacenter(t, "T1")

		found := s.tracedGet(t, "/api/datacenters/"+strconv.FormatInt(dc.ID, 10))
		missing := s.tracedGet(t, "/api/datacenters/987654321")

		require.Equal(t, http.StatusOK, found.Status)
		require.Equal(t, http.StatusNotFound, missing.Status)
		spans := spansNamed(recorder, "GetDatacenter")
		require.Len(t, spans, 2)
		for i, want := range []int64{http.StatusOK, http.StatusNotFound} {
			span := spans[i]
			assert.Equal(t, trace.SpanKindServer, span.SpanKind())
			assert.Equal(t, callerTraceID, span.SpanContext().TraceID().String())
			assert.Equal(t, callerSpanID, span.Parent().SpanID().String(), "the caller's span is the parent")
			assert.True(t, span.Parent().IsRemote())
			assert.Equal(t, want, attr(span, "http.response.status_code").AsInt64())
			assert.Equal(t, "getDatacenter", attr(span, "oas.operation").AsString())
			assert.NotEqual(t, codes.Error, span.Status().Code, "a 4xx is the client's error, not the server's")
		}
	})
}

func TestTracing_SQLStatementsAreChildrenOfTheOperation(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s, recorder := tracedSite(t, env, nil)
		dc := s.createDatacenter(t, "T2")

		require.Equal(t, http.StatusOK, s.tracedGet(t, "/api/datacenters/"+strconv.FormatInt(dc.ID, 10)).Status)

		op := spansNamed(recorder, "GetDatacenter")
		require.Len(t, op, 1)
		var selects []sdktrace.ReadOnlySpan
		for _, span := range spansNamed(recorder, "SELECT") {
			if span.Parent().SpanID() == op[0].SpanContext().SpanID() {
				selects = append(selects, span)
			}
		}
		require.NotEmpty(t, selects, "the datacenter's SELECT runs under the operation")
		system := map[string]string{"sqlite3": "sqlite", "postgres": "postgresql"}[s.env.App.DB.Dialect]
		readsDatacenter := false
		for _, span := range selects {
			text := attr(span, "db.query.text").AsString()
			readsDatacenter = readsDatacenter || strings.Contains(text, "FROM `datacenters`") ||
				strings.Contains(text, `FROM "datacenters"`)
			assert.Equal(t, trace.SpanKindClient, span.SpanKind())
			assert.Equal(t, system, attr(span, "db.system.name").AsString())
		}
		assert.True(t, readsDatacenter, "the datacenter's SELECT is one of them")
	})
}

func TestTracing_AServerErrorMarksTheOperationsSpanAsFailed(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s, recorder := tracedSite(t, env, func(c *config.Config) {
			c.PasswordHashing = config.PasswordHashing{Concurrency: 1, Wait: 1}
		})
		s.fillHashing(t)

		assertBusy(t, s.loginRaw(t, s.tn.Admin.Email, "any-password-at-all"))

		spans := spansNamed(recorder, "Login")
		require.Len(t, spans, 2, "the admin's sign-in when the site was set up, then this one")
		busy := spans[1]
		assert.Equal(t, int64(http.StatusServiceUnavailable), attr(busy, "http.response.status_code").AsInt64())
		assert.Equal(t, codes.Error, busy.Status().Code)
	})
}
