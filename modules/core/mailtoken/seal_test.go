package mailtoken

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	serverSecret = []byte(strings.Repeat("s", 32))
	otherSecret  = []byte(strings.Repeat("o", 32))
)

const mailBody = `{"token": "abc_DEF-123", "password": "<your new password>"}`

func TestSeal_OpensOnlyWithTheSameSecretAndRecipient(t *testing.T) {
	s, err := newSealer(serverSecret)
	require.NoError(t, err)
	other, err := newSealer(otherSecret)
	require.NoError(t, err)

	stored := s.seal("ann@acme.test", mailBody)

	assert.NotContains(t, stored, "abc_DEF-123")
	assert.True(t, strings.HasPrefix(stored, sealedPrefix))
	plain, err := s.open("ann@acme.test", stored)
	require.NoError(t, err)
	assert.Equal(t, mailBody, plain)
	_, err = s.open("eve@acme.test", stored)
	assert.ErrorIs(t, err, ErrUnsealable, "a body moved to another recipient does not open")
	_, err = other.open("ann@acme.test", stored)
	assert.ErrorIs(t, err, ErrUnsealable, "another secret does not open it")
}

func TestSeal_SameBodyTwice_GivesDifferentCiphertexts(t *testing.T) {
	s, err := newSealer(serverSecret)
	require.NoError(t, err)

	assert.NotEqual(t, s.seal("ann@acme.test", mailBody), s.seal("ann@acme.test", mailBody))
}

func TestOpen_RefusesWhatSealDidNotWrite(t *testing.T) {
	s, err := newSealer(serverSecret)
	require.NoError(t, err)
	stored := s.seal("ann@acme.test", mailBody)
	tests := []struct{ name, give string }{
		{"plain text", mailBody},
		{"empty", ""},
		{"prefix only", sealedPrefix},
		{"not base64", sealedPrefix + "***"},
		{"truncated", stored[:len(stored)-4]},
		{"tampered", stored[:20] + flip(stored[20]) + stored[21:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.open("ann@acme.test", tt.give)
			assert.ErrorIs(t, err, ErrUnsealable)
		})
	}
}

func TestNewSealer_RefusesAShortSecret(t *testing.T) {
	_, err := newSealer([]byte("short"))
	assert.Error(t, err)
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}
