package apitokens

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/authtoken"
)

func TestParseBearer_TakesTheIdUpToTheFirstSeparator(t *testing.T) {
	t.Parallel()
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
		{"another prefix", "xyz_12_abc", 0, "", false},
		{"no secret", "bnr_12_", 0, "", false},
		{"no separator", "bnr_12", 0, "", false},
		{"id not a number", "bnr_x_abc", 0, "", false},
		{"id zero", "bnr_0_abc", 0, "", false},
		{"id negative", "bnr_-3_abc", 0, "", false},
		{"id with a leading zero", "bnr_012_abc", 0, "", false},
		{"id with a plus sign", "bnr_+12_abc", 0, "", false},
		{"empty", "", 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			id, secret, ok := parseBearer(tt.give)

			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.wantID, id)
			assert.Equal(t, tt.wantSecret, secret)
		})
	}
}

func TestBearerOf_IsWhatParseBearerReads(t *testing.T) {
	t.Parallel()
	bearer := bearerOf(42, "s3_cr-et")

	id, secret, ok := parseBearer(bearer)

	assert.Equal(t, "bnr_42_s3_cr-et", bearer)
	assert.True(t, IsBearer(bearer))
	assert.True(t, ok)
	assert.Equal(t, 42, id)
	assert.Equal(t, "s3_cr-et", secret)
	assert.False(t, IsBearer("eyJhbGciOiJIUzI1NiJ9.e30.sig"), "an access token is not an API token")
}

func TestParseAllowedPrefix(t *testing.T) {
	t.Parallel()
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
		{give: "::ffff:10.1.2.3", want: "10.1.2.3/32"},
		{give: "::ffff:10.1.2.3/104", want: "10.0.0.0/8"},
		{give: "10.0.0.0/33", wantErr: true},
		{give: "fe80::1%eth0", wantErr: true},
		{give: "example.com", wantErr: true},
		{give: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			t.Parallel()
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
	t.Parallel()
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
		{"IPv4 range written as IPv6", "10.1.1.1", []string{"::ffff:10.0.0.0/104"}, true},
		{"IPv4 address written as IPv6, seen either way", "::ffff:10.1.1.1", []string{"::ffff:10.1.1.1"}, true},
		{"unknown address with a limit", "", []string{"0.0.0.0/0"}, false},
		{"garbled address with a limit", "not-an-ip", []string{"0.0.0.0/0"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, clientAllowed(tt.ip, tt.cidrs))
		})
	}
}

func TestUsable(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	const (
		right = "the-right-secret"
		local = "127.0.0.1"
	)
	tests := []struct {
		name     string
		change   func(tok *ent.APIToken) // nil: the token as issued
		secret   string
		clientIP string
		want     bool
	}{
		{name: "ok", secret: right, clientIP: local, want: true},
		{name: "ok from an unknown address without ranges", secret: right, clientIP: "", want: true},
		{name: "wrong secret", secret: "the-wrong-secret", clientIP: local},
		{name: "empty secret", secret: "", clientIP: local},
		{name: "revoked", change: func(tok *ent.APIToken) { tok.RevokedAt = ptr(now.Add(-time.Hour)) },
			secret: right, clientIP: local},
		{name: "expired a second ago", change: func(tok *ent.APIToken) { tok.ExpiresAt = ptr(now.Add(-time.Second)) },
			secret: right, clientIP: local},
		{name: "expiring this instant", change: func(tok *ent.APIToken) { tok.ExpiresAt = ptr(now) },
			secret: right, clientIP: local},
		{name: "expiring later", change: func(tok *ent.APIToken) { tok.ExpiresAt = ptr(now.Add(time.Second)) },
			secret: right, clientIP: local, want: true},
		{name: "no creator", change: func(tok *ent.APIToken) { tok.CreatedBy = nil }, secret: right, clientIP: local},
		{name: "client outside the ranges", change: func(tok *ent.APIToken) { tok.AllowedCidrs = []string{"10.0.0.0/8"} },
			secret: right, clientIP: "192.0.2.1"},
		{name: "client inside the ranges", change: func(tok *ent.APIToken) { tok.AllowedCidrs = []string{"10.0.0.0/8", "192.0.2.0/24"} },
			secret: right, clientIP: "192.0.2.1", want: true},
		{name: "unknown client with ranges", change: func(tok *ent.APIToken) { tok.AllowedCidrs = []string{"0.0.0.0/0"} },
			secret: right, clientIP: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tok := &ent.APIToken{ID: 5, SecretHash: authtoken.HashSecret(right), CreatedBy: ptr(3), AllowedCidrs: []string{}}
			if tt.change != nil {
				tt.change(tok)
			}

			assert.Equal(t, tt.want, usable(tok, tt.secret, tt.clientIP, now))
		})
	}
}

func TestPermissions_AreWhatBothTheTokenAndItsCreatorHold(t *testing.T) {
	t.Parallel()
	const (
		dcRead  = "core.datacenters.read"
		dcWrite = "core.datacenters.write"
		aRead   = "assets.assets.read"
	)
	tests := []struct {
		name  string
		token []string
		held  []string
		want  map[string]bool
	}{
		{name: "creator holds all of them", token: []string{dcRead, dcWrite}, held: []string{aRead, dcRead, dcWrite},
			want: map[string]bool{dcRead: true, dcWrite: true}},
		{name: "creator lost one", token: []string{dcRead, dcWrite}, held: []string{dcRead},
			want: map[string]bool{dcRead: true}},
		{name: "creator holds more than the token", token: []string{dcRead}, held: []string{aRead, dcRead, dcWrite},
			want: map[string]bool{dcRead: true}},
		{name: "creator holds none of them", token: []string{dcWrite}, held: []string{aRead}, want: map[string]bool{}},
		{name: "creator holds nothing", token: []string{dcWrite}, held: nil, want: map[string]bool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Permissions(&ent.APIToken{Permissions: tt.token}, tt.held)

			assert.Equal(t, tt.want, got)
			assert.NotNil(t, got)
		})
	}
}

func ptr[T any](v T) *T { return &v }
