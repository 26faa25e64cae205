package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"strconv"
	"time"
)

// SMTPConfig says where and as whom to deliver mail.
type SMTPConfig struct {
	Host string
	// Port defaults to 587 (submission with STARTTLS).
	Port int
	// Username, when set, authenticates with PLAIN; net/smtp refuses to send
	// it over an unencrypted connection except to localhost.
	Username string
	Password string
	// From is the sender address.
	From string
}

// DefaultSMTPPort is the mail submission port.
const DefaultSMTPPort = 587

// SMTPMailer delivers mail through an SMTP server, with STARTTLS whenever
// the server offers it.
type SMTPMailer struct {
	cfg SMTPConfig
	// Timeout bounds one delivery when the context sets no deadline.
	Timeout time.Duration
}

// NewSMTPMailer returns a Mailer for cfg.
func NewSMTPMailer(cfg SMTPConfig) (*SMTPMailer, error) {
	if cfg.Host == "" {
		return nil, errors.New("mail: SMTP host is required")
	}
	if cfg.From == "" {
		return nil, errors.New("mail: SMTP sender address is required")
	}
	if cfg.Port == 0 {
		cfg.Port = DefaultSMTPPort
	}
	return &SMTPMailer{cfg: cfg, Timeout: 30 * time.Second}, nil
}

// Send implements Mailer.
func (s *SMTPMailer) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.Timeout)
		defer cancel()
	}
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("mail: reach %s: %w", addr, err)
	}
	defer conn.Close()
	if d, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(d)
	}
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		return fmt.Errorf("mail: greet %s: %w", addr, err)
	}
	defer c.Close()
	if err := s.deliver(c, m); err != nil {
		return fmt.Errorf("mail: send to %s: %w", addr, err)
	}
	return c.Quit()
}

func (s *SMTPMailer) deliver(c *smtp.Client, m Message) error {
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}); err != nil {
			return err
		}
	}
	if s.cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(s.cfg.From); err != nil {
		return err
	}
	if err := c.Rcpt(m.To); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(s.compose(m)); err != nil {
		return err
	}
	return w.Close()
}

// compose renders m as an RFC 5322 message with a quoted-printable UTF-8
// body.
func (s *SMTPMailer) compose(m Message) []byte {
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", s.cfg.From)
	header("To", m.To)
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Date", time.Now().UTC().Format(time.RFC1123Z))
	header("Message-ID", "<"+messageID()+"@"+s.cfg.Host+">")
	header("MIME-Version", "1.0")
	header("Content-Type", `text/plain; charset="utf-8"`)
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(m.Body))
	_ = qp.Close()
	return b.Bytes()
}

func messageID() string {
	r := make([]byte, 12)
	_, _ = rand.Read(r)
	return hex.EncodeToString(r)
}
