package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBaseURL_ReachesTheListenAddressFromThisMachine(t *testing.T) {
	tests := []struct {
		name string
		give string
		want string
	}{
		{"port only", ":9090", "http://localhost:9090"},
		{"loopback", "127.0.0.1:8081", "http://127.0.0.1:8081"},
		{"IPv4 wildcard", "0.0.0.0:8080", "http://localhost:8080"},
		{"IPv6 wildcard", "[::]:8080", "http://localhost:8080"},
		{"IPv6 loopback", "[::1]:8080", "http://[::1]:8080"},
		{"host name", "binora.internal:80", "http://binora.internal:80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, baseURL(tt.give))
		})
	}
}
