package testsupport

import (
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// DBProxy is a TCP proxy between a server under test and its database,
// which a test can cut to play a database outage (a restart, a network
// partition) without touching the shared database server.
type DBProxy struct {
	target string
	addr   string

	mu    sync.Mutex
	ln    net.Listener // nil while cut
	conns map[net.Conn]struct{}
	// accepting is the accept loop of the current listener.
	accepting sync.WaitGroup
}

// NewDBProxy starts a proxy on a loopback port to the database at rawURL
// (host:port of a postgres:// URL). It stops with the test.
func NewDBProxy(t testing.TB, rawURL string) *DBProxy {
	t.Helper()
	u, err := url.Parse(rawURL)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := &DBProxy{target: u.Host, addr: ln.Addr().String(), conns: map[net.Conn]struct{}{}}
	p.serve(ln)
	t.Cleanup(p.Cut)
	return p
}

// URL returns rawURL with its host replaced by the proxy's address.
func (p *DBProxy) URL(t testing.TB, rawURL string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	require.NoError(t, err)
	u.Host = p.addr
	return u.String()
}

// Cut resets every proxied connection and refuses new ones (the port is
// closed, so a connect is refused) until Restore.
func (p *DBProxy) Cut() {
	p.mu.Lock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		// Reset rather than close: the server's side learns of the cut
		// only when it next reads or writes, as after a crash or a
		// partition, not from an orderly end of stream.
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		c.Close()
	}
	clear(p.conns)
	p.mu.Unlock()
	p.accepting.Wait()
}

// Restore accepts connections again, on the same address.
func (p *DBProxy) Restore(t testing.TB) {
	t.Helper()
	ln, err := net.Listen("tcp", p.addr)
	require.NoError(t, err)
	p.serve(ln)
}

func (p *DBProxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	p.accepting.Go(func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return // closed by Cut
			}
			go p.pipe(client)
		}
	})
}

// pipe copies between client and a new connection to the target until
// either side closes or Cut closes both.
func (p *DBProxy) pipe(client net.Conn) {
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		client.Close()
		return
	}
	if !p.track(client, server) {
		return
	}
	done := make(chan struct{}, 2)
	copyThen := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src)
		done <- struct{}{}
	}
	go copyThen(server, client)
	go copyThen(client, server)
	<-done
	p.mu.Lock()
	delete(p.conns, client)
	delete(p.conns, server)
	p.mu.Unlock()
	client.Close()
	server.Close()
}

// track registers a connection pair, or closes it when the proxy was cut
// while it was being dialled.
func (p *DBProxy) track(client, server net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln == nil {
		client.Close()
		server.Close()
		return false
	}
	p.conns[client] = struct{}{}
	p.conns[server] = struct{}{}
	return true
}
