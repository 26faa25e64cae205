package authtoken

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVerify_ARememberedTokenIsStillRefusedOnceExpired(t *testing.T) {
	now := time.Now()
	iss, err := NewIssuer(secret, time.Minute, func() time.Time { return now })
	require.NoError(t, err)
	raw, _, err := iss.Issue(Claims{UserID: 1, CompanyID: 2, SessionID: 3})
	require.NoError(t, err)

	first, err := iss.Verify(raw)
	require.NoError(t, err)
	require.Contains(t, iss.verified.claims, raw, "a verified token is remembered")
	again, err := iss.Verify(raw)
	require.NoError(t, err)
	assert.Equal(t, first, again)

	now = now.Add(time.Minute + time.Second)
	_, err = iss.Verify(raw)
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestVerify_RemembersNoRefusedToken(t *testing.T) {
	iss, err := NewIssuer(secret, time.Minute, nil)
	require.NoError(t, err)
	raw, _, err := iss.Issue(Claims{UserID: 1, CompanyID: 2, SessionID: 3})
	require.NoError(t, err)

	for _, bad := range []string{tamper(raw), "not-a-token", ""} {
		_, err := iss.Verify(bad)
		require.ErrorIs(t, err, ErrInvalid)
	}
	assert.Empty(t, iss.verified.claims)
}

func TestVerify_RemembersAtMostMaxVerifiedTokens(t *testing.T) {
	iss, err := NewIssuer(secret, time.Minute, nil)
	require.NoError(t, err)
	var tokens []string
	for session := 1; session <= maxVerified+10; session++ {
		raw, _, err := iss.Issue(Claims{UserID: 1, CompanyID: 2, SessionID: session})
		require.NoError(t, err)
		_, err = iss.Verify(raw)
		require.NoError(t, err)
		tokens = append(tokens, raw)
	}
	assert.Len(t, iss.verified.claims, maxVerified)
	for session, raw := range tokens {
		c, err := iss.Verify(raw)
		require.NoError(t, err, "a forgotten token is verified again")
		require.Equal(t, session+1, c.SessionID)
	}
}
