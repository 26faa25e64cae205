package loadtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// External is a server run as a process of its own on the seeded
// database: `binora serve`, so that what it costs in memory is its own and
// not the load generator's (the figure a deployment would see), or the
// system it is compared with (StartCompared).
type External struct {
	BaseURL string
	cmd     *exec.Cmd
	// exited is closed once the process has ended, when waitErr is set.
	exited  chan struct{}
	waitErr error
}

// StartExternal starts binary as `serve` on a free loopback port, logged
// in as appURL and signing tokens with secret (so that sessions opened on
// the in-process site are valid on it too), and waits until it is ready.
func StartExternal(ctx context.Context, binary, appURL string, secret []byte) (*External, error) {
	return startServer(ctx, func(addr string) *exec.Cmd {
		cmd := exec.Command(binary, "serve", "--addr", addr, "--no-migrate")
		cmd.Env = append(os.Environ(), "DATABASE_URL="+appURL, "DATABASE_OWNER_URL=",
			"BINORA_JWT_SECRET="+string(secret), "BINORA_METRICS_ADDR=")
		return cmd
	})
}

// StartCompared starts command, the server of another system driven with
// the same scenarios, with ADDR (a free loopback host:port to listen on),
// DATABASE_URL and BINORA_JWT_SECRET (to verify the sessions' tokens) in
// its environment, and waits until its /readyz answers 200. Stop signals
// the process it started, so a script should exec its server.
func StartCompared(ctx context.Context, command, databaseURL string, secret []byte) (*External, error) {
	return startServer(ctx, func(addr string) *exec.Cmd {
		cmd := exec.Command(command)
		cmd.Env = append(os.Environ(), "ADDR="+addr, "DATABASE_URL="+databaseURL,
			"BINORA_JWT_SECRET="+string(secret))
		return cmd
	})
}

// startServer starts the command made for a free loopback address and
// waits until it is ready; its output is dropped, its errors shown.
func startServer(ctx context.Context, command func(addr string) *exec.Cmd) (*External, error) {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	cmd := command(addr)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", cmd.Path, err)
	}
	e := &External{BaseURL: "http://" + addr, cmd: cmd, exited: make(chan struct{})}
	go func() { e.waitErr = cmd.Wait(); close(e.exited) }()
	if err := e.waitReady(ctx); err != nil {
		e.Stop()
		return nil, fmt.Errorf("%s: %w", cmd.Path, err)
	}
	return e, nil
}

func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitReady polls /readyz for up to 30 seconds, or until the process ends
// (a command that fails at once need not be waited for).
func (e *External) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.BaseURL+"/readyz", nil)
		if err != nil {
			return err
		}
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-e.exited:
			return fmt.Errorf("ended before it was ready: %w", e.waitErr)
		case <-time.After(100 * time.Millisecond):
		}
	}
	return errors.New("not ready in 30 s")
}

// Memory reads the process's resident memory now (VmRSS) and at its
// highest so far (VmHWM), in bytes, from /proc (Linux only).
func (e *External) Memory() (rss, peak int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", e.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("read %s: %w", name, err)
		}
		if name == "VmRSS" {
			rss = kb << 10
		} else {
			peak = kb << 10
		}
	}
	return rss, peak, sc.Err()
}

// Pid is the process's id.
func (e *External) Pid() int { return e.cmd.Process.Pid }

// Stop ends the process.
func (e *External) Stop() {
	_ = e.cmd.Process.Signal(os.Interrupt)
	select {
	case <-e.exited:
	case <-time.After(10 * time.Second):
		_ = e.cmd.Process.Kill()
		<-e.exited
	}
}
