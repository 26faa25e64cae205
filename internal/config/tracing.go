package config

import (
	"fmt"
	"os"
	"strings"
)

// Tracing says whether traces are exported, from the standard
// OpenTelemetry variables; the exporter itself reads the rest of them
// (headers, timeout, TLS certificates, sampler).
type Tracing struct {
	// Enabled is true when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
	// OTEL_EXPORTER_OTLP_ENDPOINT names a collector and OTEL_SDK_DISABLED
	// is not true. Off, no span leaves the process and none is recorded.
	Enabled bool
	// ServiceName is OTEL_SERVICE_NAME, else "binora".
	ServiceName string
}

// tracesProtocol is the one OTLP transport Binora speaks: the gRPC one
// would bring a whole RPC stack into the binary for the same spans.
const tracesProtocol = "http/protobuf"

func (c *Config) readTracing() error {
	endpoint := os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") + os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT")
	disabled := strings.EqualFold(strings.TrimSpace(os.Getenv("OTEL_SDK_DISABLED")), "true")
	c.Tracing = Tracing{
		Enabled:     strings.TrimSpace(endpoint) != "" && !disabled,
		ServiceName: envOr("OTEL_SERVICE_NAME", "binora"),
	}
	if !c.Tracing.Enabled {
		return nil
	}
	for _, env := range []string{"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"} {
		if v := os.Getenv(env); v != "" && v != tracesProtocol {
			return fmt.Errorf("%s: only %s is supported, got %q", env, tracesProtocol, v)
		}
	}
	return nil
}
