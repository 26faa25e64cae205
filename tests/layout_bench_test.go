package tests

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/rackreservation"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/testsupport"
)

// The rack-view benchmarks run on every target database, SQLite included:
// the embedded mode serves the same views. A datacenter of benchRacks
// racks of 42U, in 10 rooms of 5 rows, holds a mix of servers, switches,
// PDUs and reservations (layoutSeed); each request is measured whole,
// through the generated client, and reports its statements as stmts/op.
const (
	benchRacks     = 500
	benchRackUnits = 42
)

func BenchmarkRackViews(b *testing.B) {
	for _, target := range testsupport.Targets() {
		b.Run(target.Name, func(b *testing.B) {
			counter := &testsupport.StatementCounter{}
			env := testsupport.NewEnv(b, target, app.Options{WrapDriver: counter.Wrap})
			url := testsupport.Serve(b, env)
			tn := testsupport.NewTenant(b, env)
			dc, probe := layoutSeed(b, env, tn)
			c := tn.AdminClient(b, url)
			run := func(name string, call func(ctx context.Context) error) { benchRequest(b, counter, name, call) }
			run("elevation", func(ctx context.Context) error {
				e, err := c.GetRackElevation(ctx, api.GetRackElevationParams{ID: int64(probe)})
				if err == nil && len(e.Units) != benchRackUnits {
					err = fmt.Errorf("%d units", len(e.Units))
				}
				return err
			})
			run("elevation-svg", func(ctx context.Context) error {
				_, err := c.GetRackElevationSVG(ctx, api.GetRackElevationSVGParams{ID: int64(probe)})
				return err
			})
			run("free-space", func(ctx context.Context) error {
				l, err := c.FindRackSpace(ctx, api.FindRackSpaceParams{Units: 4})
				if err == nil && (l.Count == 0 || l.Count == benchRacks) {
					err = fmt.Errorf("%d of %d racks fit: the mix is not realistic", l.Count, benchRacks)
				}
				return err
			})
			run("datacenter-capacity", func(ctx context.Context) error {
				capacity, err := c.GetDatacenterCapacity(ctx, api.GetDatacenterCapacityParams{ID: int64(dc)})
				if err == nil && capacity.Racks != benchRacks {
					err = fmt.Errorf("%d racks", capacity.Racks)
				}
				return err
			})
		})
	}
}

// benchRequest measures call as sub-benchmark name, with the statements
// counter counts per call.
func benchRequest(b *testing.B, counter *testsupport.StatementCounter, name string, call func(ctx context.Context) error) {
	b.Run(name, func(b *testing.B) {
		ctx := context.Background()
		if err := call(ctx); err != nil { // warms the tenant cache
			b.Fatal(err)
		}
		counter.Reset()
		b.ReportAllocs()
		for b.Loop() {
			if err := call(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(counter.Count())/float64(b.N), "stmts/op")
	})
}

// layoutSeed fills a datacenter of tn with benchRacks racks and returns
// its id and the id of one full rack.
func layoutSeed(b *testing.B, env *testsupport.Env, tn *testsupport.Tenant) (dc, probe int) {
	b.Helper()
	p := newFloorPlan(b, env, tn)
	d := tn.Datacenter(b, "BENCH")
	var racks []*ent.Rack
	for room := range 10 {
		rm := p.room(d, fmt.Sprintf("H%02d", room))
		for row := range 5 {
			rw := p.row(rm, fmt.Sprintf("%c", 'A'+row))
			creates := make([]*ent.RackCreate, 10)
			for i := range creates {
				creates[i] = p.rackCreate(rm, fmt.Sprintf("R%02d-%c%02d", room, 'A'+row, i), rackSpec{Height: benchRackUnits, Row: rw})
			}
			rs, err := p.c.Rack.CreateBulk(creates...).Save(p.ctx)
			if err != nil {
				b.Fatal(err)
			}
			racks = append(racks, rs...)
		}
	}
	assets, reservations := layoutMix(p, racks)
	for lo := 0; lo < len(assets); lo += 500 {
		if err := p.c.Asset.CreateBulk(assets[lo:min(lo+500, len(assets))]...).Exec(p.ctx); err != nil {
			b.Fatal(err)
		}
	}
	if err := p.c.RackReservation.CreateBulk(reservations...).Exec(p.ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d racks of %dU, %d assets in them, %d reservations", env.Name, len(racks), benchRackUnits,
		len(assets), len(reservations))
	// The planner's statistics as autovacuum would have left them.
	if _, err := env.OwnerSQL(b).ExecContext(context.Background(), "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	return d.ID, racks[0].ID
}

// layoutMix fills each rack from the bottom with a seeded, repeatable mix:
// 1U to 4U full-depth servers, 1U front switches and rear PDUs, gaps, a
// vertical PDU that takes no unit; one rack in ten has a live 2U
// reservation, one in twenty an expired one. Racks end 40% to 95% full.
func layoutMix(p *floorPlan, racks []*ent.Rack) ([]*ent.AssetCreate, []*ent.RackReservationCreate) {
	rnd := rand.New(rand.NewPCG(1, 2))
	var assets []*ent.AssetCreate
	var reservations []*ent.RackReservationCreate
	past := time.Now().Add(-time.Hour)
	for i, r := range racks {
		fill := benchRackUnits * (40 + rnd.IntN(56)) / 100
		if i == 0 {
			fill = benchRackUnits // the probe of the elevation is full
		}
		u := 1
		for u <= fill {
			h := []int{1, 1, 2, 2, 4, 1}[rnd.IntN(6)]
			h = min(h, benchRackUnits-u+1)
			a := p.assetCreate(r.DatacenterID, fmt.Sprintf("bench-%d-%d", r.ID, u)).
				SetRackID(r.ID).SetPosition(u).SetUHeight(h).SetFace(asset.FaceFront).SetFullDepth(true)
			if h == 1 && rnd.IntN(4) == 0 { // a switch at the front and a PDU behind it
				a.SetFullDepth(false)
				assets = append(assets, p.assetCreate(r.DatacenterID, fmt.Sprintf("pdu-%d-%d", r.ID, u)).
					SetRackID(r.ID).SetPosition(u).SetUHeight(1).SetFace(asset.FaceRear).SetFullDepth(false))
			}
			assets = append(assets, a)
			u += h
			if i > 0 && rnd.IntN(5) == 0 {
				u += 1 + rnd.IntN(3) // a gap
			}
		}
		assets = append(assets, p.assetCreate(r.DatacenterID, fmt.Sprintf("vpdu-%d", r.ID)).SetRackID(r.ID).SetUHeight(0))
		if u+2 <= benchRackUnits && i%10 == 1 {
			reservations = append(reservations, p.c.RackReservation.Create().SetRackID(r.ID).SetPosition(u).
				SetUHeight(2).SetFace(rackreservation.FaceFront).SetDescription("Project"))
		}
		if i%20 == 2 {
			reservations = append(reservations, p.c.RackReservation.Create().SetRackID(r.ID).SetPosition(benchRackUnits).
				SetUHeight(1).SetFace(rackreservation.FaceRear).SetDescription("Lapsed").SetExpiresAt(past))
		}
	}
	return assets, reservations
}
