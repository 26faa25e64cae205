package mail

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var tokenMail = Message{To: "ann@acme.test", Subject: "Reset your password", Body: "token: s3cr3t-token\n"}

func TestSMTPMailer_RemoteServerWithoutSTARTTLS_IsRefusedBeforeAnyMessage(t *testing.T) {
	srv := startFake(t, &fakeSMTP{})
	m := remoteMailer(t, srv, nil, SMTPConfig{Username: "binora", Password: "smtp-pass"})

	err := m.Send(context.Background(), tokenMail)

	require.ErrorIs(t, err, ErrNoTLS)
	got := srv.result()
	assert.Empty(t, got.auth, "no credentials in plain text")
	assert.Empty(t, got.from)
	assert.Empty(t, got.data, "no message in plain text")
}

func TestSMTPMailer_RemoteServerWithoutSTARTTLS_SendsWhenPlaintextIsAllowed(t *testing.T) {
	srv := startFake(t, &fakeSMTP{})
	m := remoteMailer(t, srv, nil, SMTPConfig{AllowPlaintext: true})

	err := m.Send(context.Background(), tokenMail)

	require.NoError(t, err)
	got := srv.result()
	assert.False(t, got.encrypted)
	assert.Contains(t, got.data, "s3cr3t-token")
}

func TestSMTPMailer_RemoteServerWithSTARTTLS_SendsEncrypted(t *testing.T) {
	cert, roots := testCertificate(t)
	srv := startFake(t, &fakeSMTP{tls: cert})
	m := remoteMailer(t, srv, roots, SMTPConfig{Username: "binora", Password: "smtp-pass"})

	err := m.Send(context.Background(), tokenMail)

	require.NoError(t, err)
	got := srv.result()
	assert.True(t, got.encrypted)
	assert.Equal(t, "\x00binora\x00smtp-pass", got.auth)
	assert.Contains(t, got.data, "s3cr3t-token")
}

func TestSMTPMailer_UntrustedCertificate_IsAnErrorNotAFallback(t *testing.T) {
	cert, _ := testCertificate(t)
	srv := startFake(t, &fakeSMTP{tls: cert})
	m := remoteMailer(t, srv, nil, SMTPConfig{AllowPlaintext: true})

	err := m.Send(context.Background(), tokenMail)

	require.Error(t, err)
	assert.Empty(t, srv.result().data)
}

func TestSMTPMailer_ImplicitTLS_SendsEncrypted(t *testing.T) {
	cert, roots := testCertificate(t)
	srv := startFake(t, &fakeSMTP{tls: cert, implicit: true})
	m := remoteMailer(t, srv, roots, SMTPConfig{ImplicitTLS: true})

	err := m.Send(context.Background(), tokenMail)

	require.NoError(t, err)
	got := srv.result()
	assert.True(t, got.encrypted)
	assert.Contains(t, got.data, "s3cr3t-token")
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		give string
		want bool
	}{
		{"localhost", true},
		{"LOCALHOST.", true},
		{"127.0.0.1", true},
		{"127.8.9.10", true},
		{"::1", true},
		{"[::1]", true},
		{"smtp.acme.test", false},
		{"localhost.acme.test", false},
		{"10.0.0.1", false},
		{"128.0.0.1", false},
		{"::2", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			assert.Equal(t, tt.want, isLoopback(tt.give))
		})
	}
}
