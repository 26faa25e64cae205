package tests

import (
	"context"
	"testing"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/loadtest"
	"github.com/binora/binora/internal/testsupport"
)

// BenchmarkTwoServers_ListAssets lists the seeded tenant's assets through
// two servers on the one database, in turn, with one session: what each
// server remembers (the session, the references) it learnt on its own,
// and both must give the same answer.
func BenchmarkTwoServers_ListAssets(b *testing.B) {
	env, url := benchEnv(b)
	tn, _ := benchSeededTenant(b, env)
	second := testsupport.NewEnv(b, benchTarget(b), app.Options{})
	first := tn.AdminClient(b, url)
	clients := []*testsupport.Client{first, testsupport.NewClient(b, testsupport.Serve(b, second), tn.Company.Subdomain, first.Token)}
	ctx := context.Background()
	params := api.ListAssetsParams{Limit: api.NewOptInt(50)}

	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		l, err := clients[i%2].ListAssets(ctx, params)
		if err != nil {
			b.Fatal(err)
		}
		if l.Count != benchAssets || len(l.Results) != 50 {
			b.Fatalf("server %d: got %d of %d assets", i%2+1, len(l.Results), l.Count)
		}
	}
}

// The ceiling benchmarks answer the same questions as BenchmarkListAssets
// and BenchmarkRetrieveAsset with the load harness's plain SQL (as the
// owner, no HTTP, no authentication, no row-level security): the ratio of
// the two is what the stack costs over what the database itself serves.

func BenchmarkCeiling_ListAssets(b *testing.B) {
	benchCeiling(b, loadtest.ScenarioList)
}

func BenchmarkCeiling_RetrieveAsset(b *testing.B) {
	benchCeiling(b, loadtest.ScenarioRetrieve)
}

func benchCeiling(b *testing.B, scenario string) {
	env, _ := benchEnv(b)
	tn, id := benchSeededTenant(b, env)
	owner, err := loadtest.OpenCeiling(context.Background(), benchTarget(b).URL(b), 1)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { owner.Close() })
	target := &loadtest.Tenant{CompanyID: tn.Company.ID, AssetIDs: []int{int(id)}}
	var call loadtest.Call
	for _, s := range owner.Scenarios([]*loadtest.Tenant{target}) {
		if s.Name == scenario {
			call = s.Worker(0)
		}
	}
	ctx := context.Background()

	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if failure := call(ctx); failure != "" {
			b.Fatalf("%s: %s", scenario, failure)
		}
	}
}
