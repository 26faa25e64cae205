package tests

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Phases of an outage drill; an answer is counted in the phase its
// request started in.
const (
	phaseBefore = iota
	phaseCut
	phaseRestored
	phases
)

// outageLoad sends concurrent writes and reads to a server as one
// tenant's admin and counts the answers by phase and status.
type outageLoad struct {
	url, tenant, token string
	dcID               int64
	phase              atomic.Int32
	// restoredOK counts the 2xx answers to requests started after the
	// database came back.
	restoredOK atomic.Int64

	mu       sync.Mutex
	byStatus [phases]map[int]int
	// unavailable counts 503 database_unavailable answers with a
	// Retry-After; malformed lists the 503s that lacked either.
	unavailable [phases]int
	malformed   []string
	failures    []error
	// created holds the id of every asset whose create answered 201.
	created []int64
}

func newOutageLoad(url, tenant, token string, dcID int64) *outageLoad {
	l := &outageLoad{url: url, tenant: tenant, token: token, dcID: dcID}
	for i := range l.byStatus {
		l.byStatus[i] = map[int]int{}
	}
	return l
}

// writer creates assets and moves the status of the last one it created
// back and forth, until stop closes.
func (l *outageLoad) writer(stop <-chan struct{}, n int) {
	var last int64
	status := 80
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		var a struct{ ID int64 }
		body := map[string]any{"name": fmt.Sprintf("drill-%d-%d", n, i), "asset_type": "SRV", "datacenter_id": l.dcID}
		if l.send(http.MethodPost, "/api/assets", body, &a) == http.StatusCreated {
			l.mu.Lock()
			l.created = append(l.created, a.ID)
			l.mu.Unlock()
			last = a.ID
		}
		if last != 0 {
			status = 180 - status // 80 ↔ 100
			l.send(http.MethodPatch, fmt.Sprintf("/api/assets/%d/update-status", last), map[string]any{"status": status}, nil)
		}
	}
}

// reader lists assets and reads the first one listed, until stop closes.
func (l *outageLoad) reader(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		var page struct{ Results []struct{ ID int64 } }
		if l.send(http.MethodGet, "/api/assets", nil, &page) == http.StatusOK && len(page.Results) > 0 {
			l.send(http.MethodGet, fmt.Sprintf("/api/assets/%d", page.Results[0].ID), nil, nil)
		}
	}
}

// send makes one request, counts its answer and decodes a 2xx body into
// out. It returns the status, or 0 when no answer came.
func (l *outageLoad) send(method, path string, body, out any) int {
	phase := l.phase.Load()
	resp, err := l.do(method, path, body)
	if err != nil {
		l.fail(err)
		return 0
	}
	defer resp.Body.Close()
	payload, err := io.ReadAll(resp.Body)
	if err != nil {
		l.fail(err)
		return 0
	}
	l.count(phase, method+" "+path, resp, payload)
	if resp.StatusCode/100 == 2 && out != nil {
		if err := json.Unmarshal(payload, out); err != nil {
			l.fail(err)
		}
	}
	if resp.StatusCode == http.StatusServiceUnavailable {
		time.Sleep(20 * time.Millisecond) // a client that backs off a little
	}
	return resp.StatusCode
}

func (l *outageLoad) do(method, path string, body any) (*http.Response, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, l.url+path, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+l.token)
	req.Header.Set("X-Tenant", l.tenant)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return http.DefaultClient.Do(req)
}

func (l *outageLoad) count(phase int32, what string, resp *http.Response, payload []byte) {
	if phase == phaseRestored && resp.StatusCode/100 == 2 {
		l.restoredOK.Add(1)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.byStatus[phase][resp.StatusCode]++
	if resp.StatusCode != http.StatusServiceUnavailable {
		return
	}
	var p struct{ Code string }
	_ = json.Unmarshal(payload, &p)
	if p.Code == "database_unavailable" && resp.Header.Get("Retry-After") != "" {
		l.unavailable[phase]++
	} else {
		l.malformed = append(l.malformed, fmt.Sprintf("%s: %s, Retry-After %q", what, payload, resp.Header.Get("Retry-After")))
	}
}

func (l *outageLoad) fail(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failures = append(l.failures, err)
}

// total is the number of answers of status in every phase.
func (l *outageLoad) total(status int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, m := range l.byStatus {
		n += m[status]
	}
	return n
}
