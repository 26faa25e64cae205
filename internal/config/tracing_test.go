package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromEnv_Tracing_IsOffWithoutAnEndpoint(t *testing.T) {
	clearEnv(t)

	c, err := FromEnv()

	require.NoError(t, err)
	assert.Equal(t, Tracing{Enabled: false, ServiceName: "binora"}, c.Tracing)
}

func TestFromEnv_Tracing_FollowsTheStandardVariables(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Tracing
	}{
		{"endpoint", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"},
			Tracing{Enabled: true, ServiceName: "binora"}},
		{"traces endpoint and name", map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces",
			"OTEL_SERVICE_NAME": "binora-eu"}, Tracing{Enabled: true, ServiceName: "binora-eu"}},
		{"http protocol named", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318",
			"OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf"}, Tracing{Enabled: true, ServiceName: "binora"}},
		{"sdk disabled", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318",
			"OTEL_SDK_DISABLED": "true"}, Tracing{Enabled: false, ServiceName: "binora"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}

			c, err := FromEnv()

			require.NoError(t, err)
			assert.Equal(t, tt.want, c.Tracing)
		})
	}
}

func TestFromEnv_Tracing_RefusesTheGRPCProtocol(t *testing.T) {
	clearEnv(t)
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")
	t.Setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")

	_, err := FromEnv()

	require.Error(t, err)
	assert.Contains(t, err.Error(), "OTEL_EXPORTER_OTLP_PROTOCOL: only http/protobuf")
}
