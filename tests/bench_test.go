package tests

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/assets"
)

// The benchmarks measure whole requests: the generated client, the
// loopback HTTP server, routing, authentication, tenancy, the service and
// PostgreSQL. Client and server share the process, so B/op and allocs/op
// count both sides.

// benchAssets is how many assets the tenant of the read benchmarks holds.
const benchAssets = 10_000

// benchEnv opens the application on the PostgreSQL test database and serves
// it; benchmarks on the embedded SQLite file would measure a different
// product.
func benchEnv(b *testing.B) (*testsupport.Env, string) {
	b.Helper()
	if os.Getenv(testsupport.PostgresEnv) == "" {
		b.Skipf("set %s to run the benchmarks on PostgreSQL", testsupport.PostgresEnv)
	}
	env := testsupport.NewEnv(b, benchTarget(b), app.Options{})
	return env, testsupport.Serve(b, env)
}

// benchTarget is the PostgreSQL test database.
func benchTarget(b *testing.B) testsupport.Target {
	b.Helper()
	for _, target := range testsupport.Targets() {
		if target.Name == "postgres" {
			return target
		}
	}
	b.Fatal("no postgres target")
	return testsupport.Target{}
}

// seededTenant is a tenant holding benchAssets assets. It is created once
// per process: the benchmark functions run several times while the
// framework sizes b.N, and the rows outlive each run's application.
var seededTenant struct {
	once  sync.Once
	tn    *testsupport.Tenant
	probe int64 // one of the seeded assets
	err   error
}

func benchSeededTenant(b *testing.B, env *testsupport.Env) (*testsupport.Tenant, int64) {
	b.Helper()
	seededTenant.once.Do(func() {
		tn := testsupport.NewTenant(b, env)
		dc := tn.Datacenter(b, "BENCH")
		seededTenant.probe, seededTenant.err = benchSeed(tn.Ctx(), env.App.Assets, dc.ID, benchAssets)
		seededTenant.tn = tn
		if seededTenant.err == nil {
			// Measure the steady state: autovacuum would have refreshed the
			// planner's statistics long before a real table reached this size.
			// ANALYZE is the owner's: the app role may only read and write rows.
			_, seededTenant.err = env.OwnerSQL(b).ExecContext(context.Background(), "ANALYZE assets")
		}
	})
	if seededTenant.err != nil {
		b.Fatalf("seed %d assets: %v", benchAssets, seededTenant.err)
	}
	return seededTenant.tn, seededTenant.probe
}

// benchTypes spreads the seeded assets over every type: each type has its
// own code counter, so creates of different types do not queue on one row.
var benchTypes = []assets.Type{
	assets.TypeServer, assets.TypeStorage, assets.TypeSwitch, assets.TypeRouter, assets.TypeFirewall,
	assets.TypePDU, assets.TypeUPS, assets.TypePatchPanel, assets.TypeChassis, assets.TypeOther,
}

// benchSeed creates n assets in datacenter dc through the service, from
// several goroutines, and returns the id of one of them.
func benchSeed(ctx context.Context, svc *assets.Service, dc, n int) (int64, error) {
	const workers = 16
	jobs := make(chan int)
	errs := make(chan error, workers)
	var (
		wg sync.WaitGroup
		id int64
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				st := int(benchStatuses[i%len(benchStatuses)])
				a, err := svc.Create(ctx, assets.CreateInput{
					Name:         fmt.Sprintf("bench-%05d", i),
					AssetType:    string(benchTypes[i%len(benchTypes)]),
					Status:       &st,
					SerialNumber: benchPtr(fmt.Sprintf("SN-%08d", i)),
					DatacenterID: dc,
				})
				if err != nil {
					errs <- err
					return
				}
				if i == n/2 {
					id = int64(a.ID)
				}
			}
		}()
	}
	var err error
feed:
	for i := range n {
		select {
		case jobs <- i:
		case err = <-errs:
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	if err == nil {
		err = <-errs
	}
	return id, err
}

// benchStatuses is the cycle of statuses of the seeded assets.
var benchStatuses = []assets.Status{
	assets.StatusProduction, assets.StatusStandby, assets.StatusSpare, assets.StatusMaintenance,
	assets.StatusRequested, assets.StatusInstallation, assets.StatusFaulty, assets.StatusRepair,
	assets.StatusDecommissioning, assets.StatusRetired, assets.StatusDisposed,
}

func benchPtr[T any](v T) *T { return &v }

func BenchmarkListAssets(b *testing.B) {
	env, url := benchEnv(b)
	tn, _ := benchSeededTenant(b, env)
	c := tn.AdminClient(b, url)
	ctx := context.Background()
	params := api.ListAssetsParams{Limit: api.NewOptInt(50)}

	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		l, err := c.ListAssets(ctx, params)
		if err != nil {
			b.Fatal(err)
		}
		if l.Count != benchAssets || len(l.Results) != 50 {
			b.Fatalf("got %d of %d assets", len(l.Results), l.Count)
		}
	}
}

func BenchmarkRetrieveAsset(b *testing.B) {
	env, url := benchEnv(b)
	tn, id := benchSeededTenant(b, env)
	c := tn.AdminClient(b, url)
	ctx := context.Background()

	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := c.GetAsset(ctx, api.GetAssetParams{ID: id}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateAsset(b *testing.B) {
	env, url := benchEnv(b)
	tn := testsupport.NewTenant(b, env)
	dc := tn.Datacenter(b, "BENCH")
	c := tn.AdminClient(b, url)
	ctx := context.Background()
	req := &api.AssetCreate{
		Name: "bench-server", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(int64(dc.ID)),
		SerialNumber: api.NewOptNilString("SN-BENCH"),
	}

	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := c.CreateAsset(ctx, req, api.CreateAssetParams{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUpdateStatus(b *testing.B) {
	env, url := benchEnv(b)
	tn := testsupport.NewTenant(b, env)
	dc := tn.Datacenter(b, "BENCH")
	c := tn.AdminClient(b, url)
	ctx := context.Background()
	a, err := c.CreateAsset(ctx, &api.AssetCreate{Name: "bench-server", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(int64(dc.ID))}, api.CreateAssetParams{})
	if err != nil {
		b.Fatal(err)
	}
	// Alternating keeps every request a real change, with its history
	// entry, rather than a no-op.
	bodies := []*api.StatusUpdate{
		{Status: api.AssetStatus100, Reason: api.NewOptString("back in service")},
		{Status: api.AssetStatus60, Reason: api.NewOptString("scheduled maintenance")},
	}
	params := api.UpdateAssetStatusParams{ID: a.ID}

	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := c.UpdateAssetStatus(ctx, bodies[i%2], params); err != nil {
			b.Fatal(err)
		}
	}
}
