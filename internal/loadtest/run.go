// Package loadtest measures Binora under concurrent load on PostgreSQL,
// side by side with the best plain SQL for the same answers (the ceiling):
// it seeds tenants, serves the application as production does, drives
// each scenario for a fixed time and reports throughput, latency
// percentiles, errors, statements per request and, on Linux, the CPU time
// a request costs each side.
package loadtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	_ "github.com/lib/pq" // the ceiling's driver
)

// Options say what to seed and how hard and how long to drive it.
type Options struct {
	// OwnerURL is the PostgreSQL database as its owner, who migrates it and
	// runs the ceiling's SQL; the application serves as the app role.
	OwnerURL    string
	Tenants     int
	Assets      int // per tenant
	Concurrency int
	Duration    time.Duration // per scenario, for Binora and for the ceiling each
	// Scenarios restricts the run to these names (ScenarioNames); empty
	// runs them all.
	Scenarios []string
	// AroundBinora, when set, wraps the phase that drives Binora (and only
	// it), e.g. to profile the server under load.
	AroundBinora func(drive func()) error
	// ServerBinary, when set, is a built binora binary: the scenarios then
	// drive it as a process of its own (StartExternal), whose memory the
	// report gives. Statements are still counted on the in-process site.
	ServerBinary string
	// CompareCommand, when set, serves the system Binora replaces (e.g.
	// tools/oldsystem/run): after Binora, the same scenarios drive it with
	// the same sessions (StartCompared), and the report sets its figures
	// beside Binora's.
	CompareCommand string
}

// DefaultOptions are the set-up: 2 tenants × 2,000 assets, 32
// connections.
func DefaultOptions() Options {
	return Options{Tenants: 2, Assets: 2000, Concurrency: 32, Duration: 10 * time.Second}
}

// Run seeds the tenants, measures statements per request, then drives
// every chosen scenario against Binora, then against the compared system
// if there is one, and then against the ceiling.
func Run(ctx context.Context, o Options) (*Report, error) {
	if o.Tenants < 1 || o.Assets < 1 || o.Concurrency < 1 || o.Duration <= 0 {
		return nil, errors.New("tenants, assets, concurrency and duration must be positive")
	}
	site, err := OpenSite(ctx, o.OwnerURL)
	if err != nil {
		return nil, err
	}
	defer site.Close()
	owner, err := sql.Open("postgres", o.OwnerURL)
	if err != nil {
		return nil, err
	}
	defer owner.Close()
	owner.SetMaxOpenConns(o.Concurrency)
	owner.SetMaxIdleConns(o.Concurrency)

	sessions, err := seedAndLogIn(ctx, site, owner, o)
	if err != nil {
		return nil, err
	}
	tenants := make([]*Tenant, len(sessions))
	for i, s := range sessions {
		tenants[i] = s.Tenant
	}
	local, err := APIScenarios(site.BaseURL, sessions, o.Concurrency)
	if err != nil {
		return nil, err
	}
	plainSQL, err := OpenCeiling(ctx, o.OwnerURL, o.Concurrency)
	if err != nil {
		return nil, err
	}
	defer plainSQL.Close()
	local, ceiling := chosen(local, o.Scenarios), chosen(plainSQL.Scenarios(tenants), o.Scenarios)
	if len(local) == 0 {
		return nil, fmt.Errorf("no scenario among %q; the scenarios are %q", o.Scenarios, ScenarioNames)
	}
	rep := &Report{Options: o, Tenants: tenants, Statements: countStatements(ctx, site, local)}
	if err := rep.driveBinora(ctx, site, sessions, local); err != nil {
		return nil, err
	}
	if o.CompareCommand != "" {
		if err := rep.driveCompared(ctx, owner, site.secret, sessions); err != nil {
			return nil, fmt.Errorf("compared system: %w", err)
		}
	}
	for _, s := range ceiling {
		rep.Ceiling = append(rep.Ceiling, cpuMeter{}.drive(ctx, s, o.Concurrency, o.Duration))
	}
	return rep, ctx.Err()
}

// driveBinora drives the scenarios against the in-process site, or against
// an external server (Options.ServerBinary), whose memory it records.
func (r *Report) driveBinora(ctx context.Context, site *Site, sessions []Session, scenarios []Scenario) error {
	o := r.Options
	var ext *External
	var meter cpuMeter
	if o.ServerBinary != "" {
		var err error
		if ext, err = StartExternal(ctx, o.ServerBinary, site.appURL, site.secret); err != nil {
			return err
		}
		defer ext.Stop()
		remote, err := APIScenarios(ext.BaseURL, sessions, o.Concurrency)
		if err != nil {
			return err
		}
		scenarios = chosen(remote, o.Scenarios)
		r.Memory = restingMemory(ctx, ext, scenarios)
		meter.server = ext.Pid()
	}
	drive := func() {
		for _, s := range scenarios {
			r.Binora = append(r.Binora, meter.drive(ctx, s, o.Concurrency, o.Duration))
		}
	}
	var err error
	if o.AroundBinora != nil {
		err = o.AroundBinora(drive)
	} else {
		drive()
	}
	if ext != nil && r.Memory.err == nil {
		r.Memory.After, r.Memory.Peak, r.Memory.err = ext.Memory()
	}
	return err
}

// restingMemory warms ext with one request of each scenario and reads its
// memory at rest.
func restingMemory(ctx context.Context, ext *External, scenarios []Scenario) *Memory {
	for _, s := range scenarios {
		s.Worker(0)(ctx)
	}
	m := &Memory{}
	m.Rest, _, m.err = ext.Memory()
	return m
}

// seedAndLogIn seeds the tenants, refreshes the planner's statistics as
// autovacuum would have long since on a real table, and logs each
// tenant's admin in.
func seedAndLogIn(ctx context.Context, site *Site, owner *sql.DB, o Options) ([]Session, error) {
	var sessions []Session
	for range o.Tenants {
		tn, err := Seed(ctx, site.App, o.Assets)
		if err != nil {
			return nil, err
		}
		token, err := site.Login(ctx, tn)
		if err != nil {
			return nil, err
		}
		sessions = append(sessions, Session{Tenant: tn, Token: token})
	}
	if _, err := owner.ExecContext(ctx, "ANALYZE assets, asset_status_changes, datacenters"); err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	return sessions, nil
}

// countStatements sends two requests of each scenario alone and counts the
// SQL statements the application ran for the second: the first warms what
// the server remembers (the session, the references it shows), as the
// first moments of a run would, so the figure is the steady cost.
func countStatements(ctx context.Context, site *Site, scenarios []Scenario) map[string]int {
	counts := map[string]int{}
	for _, s := range scenarios {
		call := s.Worker(0)
		call(ctx)
		site.Statements.Reset()
		if call(ctx) == "" {
			counts[s.Name] = site.Statements.Count()
		}
	}
	return counts
}

// chosen keeps the scenarios named in names, all of them when names is empty.
func chosen(all []Scenario, names []string) []Scenario {
	if len(names) == 0 {
		return all
	}
	var out []Scenario
	for _, s := range all {
		for _, n := range names {
			if s.Name == n {
				out = append(out, s)
			}
		}
	}
	return out
}
