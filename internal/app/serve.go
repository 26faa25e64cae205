package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime/debug"
	"time"
)

// servers are the API's HTTP server and, when BINORA_METRICS_ADDR is set,
// the metrics' one, each on a bound listener.
type servers struct {
	api, metrics     *http.Server
	apiLn, metricsLn net.Listener
}

// listen binds addr for a's API and metricsAddr (unless empty) for its
// metrics, so that a port in use fails the start before anything is served.
func listen(ctx context.Context, a *App, addr, metricsAddr string) (*servers, error) {
	s := &servers{api: newHTTPServer(a.Handler)}
	var err error
	if s.apiLn, err = new(net.ListenConfig).Listen(ctx, "tcp", addr); err != nil {
		return nil, err
	}
	if metricsAddr == "" {
		return s, nil
	}
	if s.metricsLn, err = new(net.ListenConfig).Listen(ctx, "tcp", metricsAddr); err != nil {
		s.apiLn.Close()
		return nil, fmt.Errorf("metrics: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.Metrics.Handler())
	s.metrics = newHTTPServer(mux)
	return s, nil
}

func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
}

// start serves on the listeners; the channel receives the first server's
// failure.
func (s *servers) start() <-chan error {
	errc := make(chan error, 2)
	go func() { errc <- s.api.Serve(s.apiLn) }()
	if s.metrics != nil {
		go func() { errc <- s.metrics.Serve(s.metricsLn) }()
	}
	return errc
}

// shutdown stops accepting and waits for the requests in flight.
func (s *servers) shutdown(ctx context.Context) error {
	err := s.api.Shutdown(ctx)
	if s.metrics != nil {
		err = errors.Join(err, s.metrics.Shutdown(ctx))
	}
	return err
}

// close stops both servers at once, after one of them failed.
func (s *servers) close() {
	s.api.Close()
	if s.metrics != nil {
		s.metrics.Close()
	}
}

// attrs describe the bound addresses for the start's log line ("" for
// metrics when they are not served).
func (s *servers) attrs() []any {
	metricsAddr := ""
	if s.metricsLn != nil {
		metricsAddr = s.metricsLn.Addr().String()
	}
	return []any{"addr", s.apiLn.Addr().String(), "metrics_addr", metricsAddr}
}

// version is the module version the binary was built from ("(devel)" for
// a build from a work tree), with the VCS revision when the build recorded
// one.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			v += " " + s.Value
		}
	}
	return v
}
