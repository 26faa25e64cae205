package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAPIToken_TakesTheIdUpToTheFirstSeparator(t *testing.T) {
	tests := []struct {
		name       string
		give       string
		wantID     int
		wantSecret string
		wantOK     bool
	}{
		{"plain", "bnr_12_abc", 12, "abc", true},
		{"secret with separators", "bnr_12_a_b-c", 12, "a_b-c", true},
		{"no prefix", "12_abc", 0, "", false},
		{"no secret", "bnr_12_", 0, "", false},
		{"no separator", "bnr_12", 0, "", false},
		{"id not a number", "bnr_x_abc", 0, "", false},
		{"id zero", "bnr_0_abc", 0, "", false},
		{"id negative", "bnr_-3_abc", 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, secret, ok := parseAPIToken(tt.give)

			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.wantID, id)
			assert.Equal(t, tt.wantSecret, secret)
		})
	}
}

func TestParseAllowedPrefix(t *testing.T) {
	tests := []struct {
		give    string
		want    string
		wantErr bool
	}{
		{give: "203.0.113.0/24", want: "203.0.113.0/24"},
		{give: " 203.0.113.9/24 ", want: "203.0.113.0/24"},
		{give: "127.0.0.1", want: "127.0.0.1/32"},
		{give: "2001:db8::/32", want: "2001:db8::/32"},
		{give: "2001:db8::1", want: "2001:db8::1/128"},
		{give: "10.0.0.0/33", wantErr: true},
		{give: "fe80::1%eth0", wantErr: true},
		{give: "example.com", wantErr: true},
		{give: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			p, err := parseAllowedPrefix(tt.give)

			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.String())
		})
	}
}

func TestClientAllowed(t *testing.T) {
	tests := []struct {
		name  string
		ip    string
		cidrs []string
		want  bool
	}{
		{"no limit", "198.51.100.1", nil, true},
		{"no limit, unknown address", "", nil, true},
		{"inside", "10.2.3.4", []string{"10.0.0.0/8"}, true},
		{"outside", "127.0.0.1", []string{"10.0.0.0/8"}, false},
		{"one of several", "127.0.0.1", []string{"10.0.0.0/8", "127.0.0.1/32"}, true},
		{"IPv4 seen through IPv6", "::ffff:10.1.1.1", []string{"10.0.0.0/8"}, true},
		{"IPv6", "2001:db8::5", []string{"2001:db8::/32"}, true},
		{"unknown address with a limit", "", []string{"0.0.0.0/0"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, clientAllowed(tt.ip, tt.cidrs))
		})
	}
}
