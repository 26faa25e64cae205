package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/testsupport"
)

// LargeBenchEnv opts in to BenchmarkLargeLists: seeding a million assets
// takes minutes, too long for every `make bench`.
const LargeBenchEnv = "BINORA_BENCH_LARGE"

// largeSizes are the two tenants the list shapes are compared on.
var largeSizes = []int{10_000, 1_000_000}

// largeShape is one list request: its path and query on a tenant of size
// assets whose first datacenter is dc.
type largeShape struct {
	name  string
	query func(size, dc int) string
}

// largeShapes are the list requests a client of a large tenant sends.
func largeShapes() []largeShape {
	plain := func(q string) func(int, int) string { return func(int, int) string { return q } }
	shapes := []largeShape{
		{"default", plain("/api/assets")},
		{"status", plain("/api/assets?status=60")},
		{"type+status", plain("/api/assets?asset_type=SRV&status=100")},
		{"datacenter", func(_, dc int) string { return fmt.Sprintf("/api/assets?datacenter_id=%d", dc) }},
		{"search q", plain("/api/assets?q=SN12345")},
		{"maintenance", plain("/api/assets/maintenance")},
		{"deep page (offset)", func(size, _ int) string { return fmt.Sprintf("/api/assets?offset=%d", size/2) }},
		{"deep page (cursor)", plain("/api/assets?cursor=" + middleCursor())},
	}
	for _, field := range []string{"code", "name", "status", "created_at", "updated_at"} {
		for _, o := range []string{field, "-" + field} {
			shapes = append(shapes, largeShape{"ordering=" + o, plain("/api/assets?ordering=" + o)})
		}
	}
	return shapes
}

// middleCursor continues the default ordering (code) in the middle of a
// seeded tenant: codes are <type>-<number> over ten types, and RTR is the
// sixth of them in code order.
func middleCursor() string {
	return listing.Cursor{Ordering: "code", Key: json.RawMessage(`"RTR-0000000"`)}.Encode()
}

// BenchmarkLargeLists compares every list shape on a tenant of 10,000
// assets and one of 1,000,000 (PostgreSQL, BINORA_BENCH_LARGE=1): the
// median of single requests through the HTTP API, printed as a table with
// the ratio. It measures; it asserts no time.
func BenchmarkLargeLists(b *testing.B) {
	if os.Getenv(LargeBenchEnv) == "" {
		b.Skipf("set %s=1 to seed 1,000,000 assets and compare the list shapes", LargeBenchEnv)
	}
	largeOnce.Do(func() { runLargeLists(b) })
}

var largeOnce sync.Once

func runLargeLists(b *testing.B) {
	env, base := benchEnv(b)
	type tenant struct {
		c    *testsupport.Client
		tn   *testsupport.Tenant
		dc   int
		size int
	}
	tenants := make([]tenant, len(largeSizes))
	for i, n := range largeSizes {
		tn := testsupport.NewTenant(b, env)
		dc := tn.Datacenter(b, "BIG-A")
		other := tn.Datacenter(b, "BIG-B")
		start := time.Now()
		seedAssetsSQL(b, env, tn.Company.ID, []int{dc.ID, other.ID}, n)
		b.Logf("seeded %d assets in %s", n, time.Since(start).Round(time.Second))
		tenants[i] = tenant{c: tn.AdminClient(b, base), tn: tn, dc: dc.ID, size: n}
	}
	_, err := env.OwnerSQL(b).ExecContext(context.Background(), "VACUUM ANALYZE assets")
	if err != nil {
		b.Fatal(err)
	}
	flippers := make([]*statusFlipper, len(tenants))
	for i, tt := range tenants {
		flippers[i] = newStatusFlipper(b, tt.c)
	}
	var out strings.Builder
	fmt.Fprintf(&out, "\n| shape | %[1]d assets | %[2]d assets | ratio | after a change, %[1]d | after a change, %[2]d | ratio |\n"+
		"| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n", largeSizes[0], largeSizes[1])
	for _, s := range largeShapes() {
		var repeated, changed []time.Duration
		for i, tt := range tenants {
			path := s.query(tt.size, tt.dc)
			repeated = append(repeated, medianRequest(b, base, tt.tn.Company.Subdomain, tt.c.Token, path, nil))
			changed = append(changed, medianRequest(b, base, tt.tn.Company.Subdomain, tt.c.Token, path, flippers[i].flip))
		}
		fmt.Fprintf(&out, "| %s | %s | %s | %.1f× | %s | %s | %.1f× |\n", s.name,
			fmtMS(repeated[0]), fmtMS(repeated[1]), float64(repeated[1])/float64(repeated[0]),
			fmtMS(changed[0]), fmtMS(changed[1]), float64(changed[1])/float64(changed[0]))
	}
	fmt.Print(out.String())
}

// statusFlipper moves one asset of a tenant between production and
// maintenance. Any write of a tenant makes every server forget the counts
// it remembers for that tenant's lists, so a list sent after a flip pays
// for its count, as the first list after a change does in service.
type statusFlipper struct {
	c             *testsupport.Client
	id            int64
	inMaintenance bool
}

func newStatusFlipper(b *testing.B, c *testsupport.Client) *statusFlipper {
	b.Helper()
	page, err := c.ListAssets(b.Context(), api.ListAssetsParams{
		Status: []api.AssetStatus{api.AssetStatus100}, Limit: api.NewOptInt(1),
	})
	if err != nil || len(page.Results) == 0 {
		b.Fatalf("an asset in production to flip: %v", err)
	}
	return &statusFlipper{c: c, id: page.Results[0].ID}
}

func (f *statusFlipper) flip(b *testing.B) {
	b.Helper()
	to := api.AssetStatus60
	if f.inMaintenance {
		to = api.AssetStatus100
	}
	_, err := f.c.UpdateAssetStatus(b.Context(), &api.StatusUpdate{Status: to},
		api.UpdateAssetStatusParams{ID: f.id})
	if err != nil {
		b.Fatalf("flip asset %d to %d: %v", f.id, to, err)
	}
	f.inMaintenance = !f.inMaintenance
}

// medianRequest sends GET path a few times after two warm-up requests and
// returns the median duration; any answer but 200 stops the benchmark.
// before, when given, runs ahead of each request, outside its time.
func medianRequest(b *testing.B, base, tenant, token, path string, before func(*testing.B)) time.Duration {
	const runs = 11
	var ds []time.Duration
	for i := range runs + 2 {
		if before != nil {
			before(b)
		}
		r, err := http.NewRequest(http.MethodGet, base+path, nil)
		if err != nil {
			b.Fatal(err)
		}
		r.Header.Set("X-Tenant", tenant)
		r.Header.Set("Authorization", "Bearer "+token)
		start := time.Now()
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d := time.Since(start)
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		if i >= 2 {
			ds = append(ds, d)
		}
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func fmtMS(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}

// seedAssetsSQL inserts n assets into company's datacenters in one
// statement on the PostgreSQL side: going through the service would take
// hours for a million. Every type and status occurs, names are in no
// particular order, serial numbers are SN<i>, and the timestamps spread
// over n seconds so that the orderings differ.
func seedAssetsSQL(b *testing.B, env *testsupport.Env, company int, dcs []int, n int) {
	b.Helper()
	const insert = `
INSERT INTO assets (created_at, updated_at, code, name, asset_type, status, serial_number,
	company_id, datacenter_id, u_height, full_depth, version)
SELECT t0 - make_interval(secs => $3 - i), t0 - make_interval(secs => (i::bigint * 7919) % $3),
	(ARRAY['SRV','STO','SWT','RTR','FWL','PDU','UPS','PPN','CHS','OTH'])[1 + i % 10] || '-' || lpad(i::text, 7, '0'),
	'host-' || substr(md5(i::text), 1, 12),
	(ARRAY['SRV','STO','SWT','RTR','FWL','PDU','UPS','PPN','CHS','OTH'])[1 + i % 10],
	(ARRAY[100,80,70,60,50,40,35,30,15,10,0])[1 + i % 11],
	'SN' || i, $1, ($2::bigint[])[1 + i % 2], 1, true, 1
FROM generate_series(1, $3) AS i, (SELECT now() AS t0) AS t`
	_, err := env.OwnerSQL(b).ExecContext(context.Background(), insert, company, pqIntArray(dcs), n)
	if err != nil {
		b.Fatalf("seed %d assets: %v", n, err)
	}
}

// pqIntArray is ints as a PostgreSQL array literal.
func pqIntArray(ints []int) string {
	parts := make([]string, len(ints))
	for i, v := range ints {
		parts[i] = fmt.Sprint(v)
	}
	return "{" + strings.Join(parts, ",") + "}"
}
