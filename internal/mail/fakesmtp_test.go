package mail

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"math/big"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fakeSMTP is the least of an SMTP server that lets a client authenticate
// with PLAIN and deliver one message; with a certificate it offers
// STARTTLS, or speaks TLS from the start (implicit).
type fakeSMTP struct {
	port int
	// tls, when set, is offered through STARTTLS (or used at once when
	// implicit is set).
	tls      *tls.Config
	implicit bool
	mu       sync.Mutex
	got      smtpSession
	done     chan struct{}
}

// smtpSession is what a client did; encrypted tells whether the message
// itself travelled over TLS.
type smtpSession struct {
	auth, from, to, data string
	encrypted            bool
}

func startFakeSMTP(t *testing.T) *fakeSMTP {
	return startFake(t, &fakeSMTP{})
}

func startFake(t *testing.T, s *fakeSMTP) *fakeSMTP {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	s.port = l.Addr().(*net.TCPAddr).Port
	s.done = make(chan struct{})
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer close(s.done)
		if s.implicit {
			conn = tls.Server(conn, s.tls)
			s.got.encrypted = true
		}
		defer func() { conn.Close() }()
		_ = textproto.NewConn(conn).PrintfLine("220 fake ESMTP")
		if upgraded := s.serve(conn); upgraded != nil {
			conn = upgraded
			s.serve(conn)
		}
	}()
	return s
}

// serve answers commands on conn until the client quits or leaves; after a
// STARTTLS it returns the encrypted connection to go on with.
func (s *fakeSMTP) serve(conn net.Conn) net.Conn {
	c := textproto.NewConn(conn)
	for {
		line, err := c.ReadLine()
		if err != nil {
			return nil
		}
		verb, arg, _ := strings.Cut(line, " ")
		if next, stop := s.answer(c, conn, strings.ToUpper(verb), arg); stop {
			return next
		}
	}
}

func (s *fakeSMTP) answer(c *textproto.Conn, conn net.Conn, verb, arg string) (net.Conn, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch verb {
	case "EHLO", "HELO":
		if s.tls != nil && !s.got.encrypted {
			_ = c.PrintfLine("250-fake\r\n250-STARTTLS\r\n250 AUTH PLAIN")
		} else {
			_ = c.PrintfLine("250-fake\r\n250 AUTH PLAIN")
		}
	case "STARTTLS":
		_ = c.PrintfLine("220 go ahead")
		s.got.encrypted = true
		return tls.Server(conn, s.tls), true
	case "AUTH":
		_, initial, _ := strings.Cut(arg, " ")
		raw, _ := base64.StdEncoding.DecodeString(initial)
		s.got.auth = string(raw)
		_ = c.PrintfLine("235 ok")
	case "MAIL":
		s.got.from = arg
		_ = c.PrintfLine("250 ok")
	case "RCPT":
		s.got.to = arg
		_ = c.PrintfLine("250 ok")
	case "DATA":
		_ = c.PrintfLine("354 go ahead")
		b, _ := c.ReadDotBytes()
		s.got.data = string(b)
		_ = c.PrintfLine("250 queued")
	case "QUIT":
		_ = c.PrintfLine("221 bye")
		return nil, true
	default:
		_ = c.PrintfLine("250 ok")
	}
	return nil, false
}

// result waits until the client has left and returns what it did.
func (s *fakeSMTP) result() smtpSession {
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.got
}

// remoteMailer is a mailer configured with a host name that is not
// loopback, whose connections reach srv: the decisions about TLS are made
// for the remote name, the bytes travel to the in-process server.
func remoteMailer(t *testing.T, srv *fakeSMTP, roots *x509.CertPool, cfg SMTPConfig) *SMTPMailer {
	t.Helper()
	cfg.Host, cfg.Port, cfg.From = "smtp.acme.test", 587, "binora@acme.test"
	m, err := NewSMTPMailer(cfg)
	require.NoError(t, err)
	target := net.JoinHostPort("127.0.0.1", strconv.Itoa(srv.port))
	m.dial = func(ctx context.Context, addr string) (net.Conn, error) {
		if addr != "smtp.acme.test:587" {
			return nil, errors.New("unexpected address " + addr)
		}
		return (&net.Dialer{}).DialContext(ctx, "tcp", target)
	}
	m.roots = roots
	return m
}

// testCertificate returns a server certificate for smtp.acme.test and the
// pool that trusts it.
func testCertificate(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "smtp.acme.test"},
		DNSNames: []string{"smtp.acme.test"}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}
