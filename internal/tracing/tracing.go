// Package tracing exports OpenTelemetry traces of the API over OTLP/HTTP
// when the standard OTEL_* variables name a collector (config.Tracing):
// the generated server's span of each operation, continued from the
// caller's W3C traceparent, with a child span for each SQL statement.
// Off, nothing here is installed and requests pay for no spans.
package tracing

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"

	"github.com/binora/binora/internal/config"
)

// New returns a tracer provider that batches spans to the OTLP/HTTP
// exporter, which reads its endpoint, headers, timeout and certificates
// from the OTEL_EXPORTER_OTLP_* variables; nil when tracing is off. The
// caller must Shutdown a provider it got, to flush the last spans.
func New(ctx context.Context, cfg config.Tracing) (*sdktrace.TracerProvider, error) {
	if !cfg.Enabled {
		return nil, nil
	}
	exporter, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("trace exporter: %w", err)
	}
	// OTEL_RESOURCE_ATTRIBUTES first, then the service name, which
	// config already took from OTEL_SERVICE_NAME or defaulted.
	res, err := resource.New(ctx, resource.WithFromEnv(), resource.WithTelemetrySDK(),
		resource.WithAttributes(semconv.ServiceName(cfg.ServiceName)))
	if err != nil {
		return nil, fmt.Errorf("trace resource: %w", err)
	}
	// The sampler follows OTEL_TRACES_SAMPLER; by default a sampled
	// caller's trace is kept and a new one always sampled.
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter), sdktrace.WithResource(res)), nil
}
