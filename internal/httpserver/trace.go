package httpserver

import (
	"net/http"

	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/binora/binora/internal/api"
)

// tracerOption hands tp to the generated server, which starts a span per
// operation; without tp, a no-op provider, so that a global provider set
// by some library never makes the server record spans nobody asked for.
func tracerOption(tp trace.TracerProvider) api.ServerOption {
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	return api.WithTracerProvider(tp)
}

// continueTrace makes the caller's W3C trace context (traceparent,
// tracestate) the parent of the generated server's span, which reads no
// header itself; it is installed only when traces are exported.
func continueTrace(tp trace.TracerProvider) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if tp == nil {
			return next
		}
		w3c := propagation.TraceContext{}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := w3c.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
