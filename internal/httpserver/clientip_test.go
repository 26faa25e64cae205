package httpserver

import (
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClientIP(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name    string
		peer    string
		xff     string
		trusted []netip.Prefix
		want    string
	}{
		{"no proxies configured: the peer, header ignored", "203.0.113.7:5000", "198.51.100.1", nil, "203.0.113.7"},
		{"untrusted peer: its header is ignored", "203.0.113.7:5000", "198.51.100.1", proxies, "203.0.113.7"},
		{"trusted proxy: the client it names", "10.0.0.2:5000", "198.51.100.1", proxies, "198.51.100.1"},
		{"a spoofed hop left of the real one is ignored", "10.0.0.2:5000", "1.2.3.4, 198.51.100.1", proxies, "198.51.100.1"},
		{"chained trusted proxies are skipped", "10.0.0.2:5000", "198.51.100.1, 10.0.0.9", proxies, "198.51.100.1"},
		{"only proxies: the peer", "10.0.0.2:5000", "10.0.0.9", proxies, "10.0.0.2"},
		{"malformed hop: the peer", "10.0.0.2:5000", "not-an-ip", proxies, "10.0.0.2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/healthz", nil)
			r.RemoteAddr = tt.peer
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}

			assert.Equal(t, tt.want, clientIP(r, tt.trusted))
		})
	}
}
