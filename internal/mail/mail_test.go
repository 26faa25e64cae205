package mail

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"net"
	"net/textproto"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogMailer_LogsRecipientAndSubjectButNeverTheBody(t *testing.T) {
	var buf bytes.Buffer
	m := NewLogMailer(slog.New(slog.NewJSONHandler(&buf, nil)))

	err := m.Send(context.Background(), Message{To: "ann@acme.test", Subject: "Reset your password", Body: "token: s3cr3t-token"})

	require.NoError(t, err)
	assert.Contains(t, buf.String(), "ann@acme.test")
	assert.Contains(t, buf.String(), "Reset your password")
	assert.NotContains(t, buf.String(), "s3cr3t-token")
}

func TestMessageValidate_RefusesHeaderInjection(t *testing.T) {
	tests := []struct {
		name    string
		give    Message
		wantErr bool
	}{
		{"plain", Message{To: "a@b.test", Subject: "Hi"}, false},
		{"no recipient", Message{Subject: "Hi"}, true},
		{"line break in recipient", Message{To: "a@b.test\r\nBcc: x@y.test", Subject: "Hi"}, true},
		{"line break in subject", Message{To: "a@b.test", Subject: "Hi\nBcc: x@y.test"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.give.Validate()
			if tt.wantErr {
				assert.Error(t, err)
			} else {
				assert.NoError(t, err)
			}
		})
	}
}

func TestNewSMTPMailer_RequiresHostAndSender(t *testing.T) {
	_, err := NewSMTPMailer(SMTPConfig{From: "binora@acme.test"})
	assert.Error(t, err)
	_, err = NewSMTPMailer(SMTPConfig{Host: "smtp.acme.test"})
	assert.Error(t, err)
	m, err := NewSMTPMailer(SMTPConfig{Host: "smtp.acme.test", From: "binora@acme.test"})
	require.NoError(t, err)
	assert.Equal(t, DefaultSMTPPort, m.cfg.Port)
}

func TestSMTPMailer_AuthenticatesAndDeliversTheMessage(t *testing.T) {
	srv := startFakeSMTP(t)
	m, err := NewSMTPMailer(SMTPConfig{
		Host: "127.0.0.1", Port: srv.port, Username: "binora", Password: "smtp-pass", From: "binora@acme.test",
	})
	require.NoError(t, err)

	err = m.Send(context.Background(), Message{To: "ann@acme.test", Subject: "Welcome to Acme", Body: "Your token: abc_DEF-123\n"})

	require.NoError(t, err)
	got := srv.result()
	assert.Equal(t, "\x00binora\x00smtp-pass", got.auth)
	assert.Equal(t, "FROM:<binora@acme.test>", got.from)
	assert.Equal(t, "TO:<ann@acme.test>", got.to)
	msg, err := textproto.NewReader(bufio.NewReader(strings.NewReader(got.data))).ReadMIMEHeader()
	require.NoError(t, err)
	assert.Equal(t, "ann@acme.test", msg.Get("To"))
	assert.Equal(t, "Welcome to Acme", msg.Get("Subject"))
	// The dot reader turns CRLF into LF.
	body := got.data[strings.Index(got.data, "\n\n")+2:]
	decoded, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
	require.NoError(t, err)
	assert.Contains(t, string(decoded), "Your token: abc_DEF-123")
}

func TestSMTPMailer_UnreachableServer_IsAnError(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	m, err := NewSMTPMailer(SMTPConfig{Host: "127.0.0.1", Port: port, From: "binora@acme.test"})
	require.NoError(t, err)

	err = m.Send(context.Background(), Message{To: "ann@acme.test", Subject: "Hi", Body: "secret"})

	require.Error(t, err)
	assert.NotContains(t, err.Error(), "secret")
}
