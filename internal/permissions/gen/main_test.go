package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLabel(t *testing.T) {
	t.Parallel()

	tests := []struct {
		level, resource string
		want            string
	}{
		{level: "read", resource: "datacenters", want: "View datacenters"},
		{level: "write", resource: "assets", want: "Create and change assets"},
		{level: "delete", resource: "users", want: "Delete users"},
		{level: "read", resource: "security_events", want: "View security events"},
		{level: "read", resource: "api_tokens", want: "View API tokens"},
		{level: "write", resource: "api_tokens", want: "Create and change API tokens"},
		{level: "read", resource: "rapid_apis", want: "View rapid apis"},
	}
	for _, tt := range tests {
		t.Run(tt.level+" "+tt.resource, func(t *testing.T) {
			t.Parallel()

			assert.Equal(t, tt.want, label(tt.level, tt.resource))
		})
	}
}

func TestBuildCatalog_Labels(t *testing.T) {
	t.Parallel()

	catalog, err := buildCatalog(map[string][]string{
		"listAPITokens":      {"core.api_tokens.read"},
		"listSecurityEvents": {"core.security_events.read"},
	})

	assert.NoError(t, err)
	assert.Equal(t, []permission{
		{Code: "core.api_tokens.read", Module: "core", Resource: "api_tokens", Level: "read", Label: "View API tokens"},
		{Code: "core.security_events.read", Module: "core", Resource: "security_events", Level: "read", Label: "View security events"},
	}, catalog)
}
