// Package mail delivers the messages Binora sends to people (invitations,
// password resets). Delivery is best-effort: the caller keeps every message
// in its outbox first, so a message that could not be sent is never lost.
//
// A message body usually carries a single-use secret, so no Mailer here
// ever logs a body.
package mail

import (
	"context"
	"errors"
	"log/slog"
	"strings"
)

// Message is one plain-text mail to one recipient.
type Message struct {
	To      string
	Subject string
	// Body may hold a secret (a single-use token): it is never logged.
	Body string
}

// ErrHeaderInjection refuses a recipient or subject that would add header
// lines to the message.
var ErrHeaderInjection = errors.New("mail: line break in a header field")

// Validate refuses a message whose header fields hold line breaks or that
// names no recipient.
func (m Message) Validate() error {
	if strings.TrimSpace(m.To) == "" {
		return errors.New("mail: no recipient")
	}
	if strings.ContainsAny(m.To, "\r\n") || strings.ContainsAny(m.Subject, "\r\n") {
		return ErrHeaderInjection
	}
	return nil
}

// Mailer sends a message.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// LogMailer is the default Mailer: it only logs that a message was sent,
// naming its recipient and subject. The message itself stays in the outbox
// for an operator to read.
type LogMailer struct {
	Logger *slog.Logger
}

// NewLogMailer returns a LogMailer writing to logger.
func NewLogMailer(logger *slog.Logger) *LogMailer {
	return &LogMailer{Logger: logger}
}

// Send implements Mailer.
func (l *LogMailer) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	l.Logger.InfoContext(ctx, "mail kept in the outbox: no SMTP server is configured",
		slog.String("to", m.To), slog.String("subject", m.Subject))
	return nil
}
