package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"strconv"
	"strings"
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
	// ImplicitTLS speaks TLS from the first byte (port 465, "SMTPS")
	// instead of upgrading with STARTTLS.
	ImplicitTLS bool
	// AllowPlaintext lets mail go unencrypted to a server that offers no
	// STARTTLS. Without it only a loopback server may be spoken to in plain
	// text: the messages carry reset and invitation tokens.
	AllowPlaintext bool
}

// DefaultSMTPPort is the mail submission port.
const DefaultSMTPPort = 587

// ErrNoTLS refuses to send a message over a connection that is not
// encrypted: the server offered no STARTTLS, it is not on loopback, and
// plain text is not allowed by the configuration.
var ErrNoTLS = errors.New("mail: the SMTP server offers no STARTTLS and plain text is not allowed")

// SMTPMailer delivers mail through an SMTP server over TLS: implicit TLS,
// or STARTTLS whenever the server offers it. Plain text only reaches a
// loopback server, or any server when the configuration allows it.
type SMTPMailer struct {
	cfg SMTPConfig
	// Timeout bounds one delivery when the context sets no deadline.
	Timeout time.Duration
	// dial opens the TCP connection to addr; tests route a configured
	// host name to an in-process server with it. The TLS and plain-text
	// decisions still follow cfg.Host.
	dial func(ctx context.Context, addr string) (net.Conn, error)
	// roots are the certificate authorities trusted (the system's when nil).
	roots *x509.CertPool
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
	dial := func(ctx context.Context, addr string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	}
	return &SMTPMailer{cfg: cfg, Timeout: 30 * time.Second, dial: dial}, nil
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
	conn, err := s.dial(ctx, addr)
	if err != nil {
		return fmt.Errorf("mail: reach %s: %w", addr, err)
	}
	defer conn.Close()
	if d, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(d)
	}
	if s.cfg.ImplicitTLS {
		tc := tls.Client(conn, s.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("mail: TLS with %s: %w", addr, err)
		}
		conn = tc
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
	if err := s.secure(c); err != nil {
		return err
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

// secure upgrades c with STARTTLS when it is not encrypted yet, and
// refuses to go on in plain text unless that is allowed. A STARTTLS that
// fails is an error, never a reason to fall back to plain text.
func (s *SMTPMailer) secure(c *smtp.Client) error {
	if _, encrypted := c.TLSConnectionState(); encrypted {
		return nil
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		return c.StartTLS(s.tlsConfig())
	}
	if s.cfg.AllowPlaintext || isLoopback(s.cfg.Host) {
		return nil
	}
	return ErrNoTLS
}

func (s *SMTPMailer) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12, RootCAs: s.roots}
}

// isLoopback reports whether host names this machine without asking a
// resolver: "localhost" or an address in 127.0.0.0/8 or ::1. Any other
// name counts as remote, even one that resolves to a loopback address,
// because a resolver's answer can be forged.
func isLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
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
