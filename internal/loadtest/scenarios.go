package loadtest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Scenario names, the same for Binora and for the ceiling.
const (
	ScenarioList     = "list 50"
	ScenarioFiltered = "list filtered"
	ScenarioRetrieve = "retrieve"
	ScenarioUpdate   = "update status"
)

// ScenarioNames are the scenarios in the order they run and are reported.
var ScenarioNames = []string{ScenarioList, ScenarioFiltered, ScenarioRetrieve, ScenarioUpdate}

// Filtered list: production servers, about one asset in 110.
const (
	filterStatus = 100
	filterType   = "SRV"
)

// Session is a logged-in tenant admin.
type Session struct {
	Tenant *Tenant
	Token  string
}

// apiClient sends the scenarios' requests to a Site, over at most
// concurrency kept-alive connections.
type apiClient struct {
	base string
	http *http.Client
}

func newAPIClient(base string, concurrency int) *apiClient {
	tr := &http.Transport{MaxIdleConns: concurrency, MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency}
	return &apiClient{base: base, http: &http.Client{Transport: tr, Timeout: time.Minute}}
}

// do sends one request as s and reads the whole answer; it returns "" on
// a 200, else the status (or "error") as a Call does.
func (c *apiClient) do(ctx context.Context, s Session, method, path, body string) string {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return "error"
	}
	req.Header.Set("Authorization", "Bearer "+s.Token)
	req.Header.Set("X-Tenant", s.Tenant.Subdomain)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return "error"
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return "error"
	}
	if resp.StatusCode != http.StatusOK {
		return strconv.Itoa(resp.StatusCode)
	}
	return ""
}

// APIScenarios are the scenarios as HTTP requests to Binora. Connection w
// acts as tenant w mod len(sessions); the update scenario gives each
// connection an asset in production of its own, flipped to maintenance and
// back (both transitions allowed, so every request is a real change with
// its history entry), so that connections do not queue on one row lock.
func APIScenarios(base string, sessions []Session, concurrency int) ([]Scenario, error) {
	if err := enoughProduction(sessions, concurrency); err != nil {
		return nil, err
	}
	c := newAPIClient(base, concurrency)
	get := func(path func(s Session, rng *rand.Rand) string) func(w int) Call {
		return func(w int) Call {
			s, rng := sessions[w%len(sessions)], rand.New(rand.NewPCG(uint64(w), 1))
			return func(ctx context.Context) string { return c.do(ctx, s, http.MethodGet, path(s, rng), "") }
		}
	}
	return []Scenario{
		{ScenarioList, get(func(Session, *rand.Rand) string { return "/api/assets?limit=50" })},
		{ScenarioFiltered, get(func(Session, *rand.Rand) string {
			return fmt.Sprintf("/api/assets?limit=50&status=%d&asset_type=%s", filterStatus, filterType)
		})},
		{ScenarioRetrieve, get(func(s Session, rng *rand.Rand) string {
			return fmt.Sprintf("/api/assets/%d", randomAsset(s.Tenant, rng))
		})},
		{ScenarioUpdate, func(w int) Call {
			s, i := sessions[w%len(sessions)], w/len(sessions)
			path := fmt.Sprintf("/api/assets/%d/update-status", s.Tenant.Production[i])
			return func(ctx context.Context) string {
				body := fmt.Sprintf(`{"status":%d,"reason":"load"}`, s.Tenant.nextFlip(i))
				outcome := c.do(ctx, s, http.MethodPatch, path, body)
				if outcome == "" {
					s.Tenant.flipped(i)
				}
				return outcome
			}
		}},
	}, nil
}

func randomAsset(tn *Tenant, rng *rand.Rand) int {
	return tn.AssetIDs[rng.IntN(len(tn.AssetIDs))]
}

// enoughProduction checks that every connection of the update scenario
// gets an asset of its own.
func enoughProduction(sessions []Session, concurrency int) error {
	need := (concurrency + len(sessions) - 1) / len(sessions)
	for _, s := range sessions {
		if len(s.Tenant.Production) < need {
			return fmt.Errorf("%d connections need %d assets in production per tenant, %s has %d: seed more assets",
				concurrency, need, s.Tenant.Subdomain, len(s.Tenant.Production))
		}
	}
	return nil
}
