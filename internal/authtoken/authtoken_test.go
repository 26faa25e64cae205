package authtoken

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var secret = []byte(strings.Repeat("k", 32))

func TestIssue_RoundTripsClaims(t *testing.T) {
	iss, err := NewIssuer(secret, time.Minute, nil)
	require.NoError(t, err)

	raw, exp, err := iss.Issue(Claims{UserID: 7, CompanyID: 3, SessionID: 11})
	require.NoError(t, err)
	got, err := iss.Verify(raw)
	require.NoError(t, err)

	assert.Equal(t, 7, got.UserID)
	assert.Equal(t, 3, got.CompanyID)
	assert.Equal(t, 11, got.SessionID)
	assert.WithinDuration(t, exp, got.ExpiresAt, time.Second)
}

func TestVerify_RefusesExpiredForeignAndTamperedTokens(t *testing.T) {
	iss, err := NewIssuer(secret, time.Minute, nil)
	require.NoError(t, err)
	raw, _, err := iss.Issue(Claims{UserID: 1, CompanyID: 1, SessionID: 1})
	require.NoError(t, err)

	other, err := NewIssuer([]byte(strings.Repeat("x", 32)), time.Minute, nil)
	require.NoError(t, err)
	later, err := NewIssuer(secret, time.Minute, func() time.Time { return time.Now().Add(2 * time.Minute) })
	require.NoError(t, err)

	tests := []struct {
		name string
		iss  *Issuer
		raw  string
	}{
		{"other secret", other, raw},
		{"expired", later, raw},
		{"tampered", iss, tamper(raw)},
		{"garbage", iss, "not-a-token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.iss.Verify(tt.raw)
			assert.ErrorIs(t, err, ErrInvalid)
		})
	}
}

// tamper changes one character well inside the signature: the last
// character of unpadded base64 carries unused bits, so changing it alone
// may decode to the same signature.
func tamper(raw string) string {
	i := len(raw) - 10
	swap := byte('A')
	if raw[i] == swap {
		swap = 'B'
	}
	return raw[:i] + string(swap) + raw[i+1:]
}

func TestNewIssuer_RefusesShortSecrets(t *testing.T) {
	_, err := NewIssuer([]byte("short"), time.Minute, nil)
	assert.Error(t, err)
}

func TestNewSecret_HashIsStableAndDistinct(t *testing.T) {
	a, ha, err := NewSecret()
	require.NoError(t, err)
	b, hb, err := NewSecret()
	require.NoError(t, err)

	assert.NotEqual(t, a, b)
	assert.NotEqual(t, ha, hb)
	assert.Len(t, a, 43)
	assert.Equal(t, ha, HashSecret(a))
	assert.NotContains(t, ha, a)
}
