package tests

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/ent/rackreservation"
	"github.com/binora/binora/internal/testsupport"
)

// floorPlan lays out one tenant's rooms, rows, racks, placed assets and
// reservations straight through the Ent client, in the tenant's context:
// the views under test read what the facilities and placement APIs write,
// and these fixtures do not depend on those APIs.
type floorPlan struct {
	t   testing.TB
	ctx context.Context
	c   *ent.Client
	n   int // assets created, for unique codes
}

func newFloorPlan(t testing.TB, env *testsupport.Env, tn *testsupport.Tenant) *floorPlan {
	return &floorPlan{t: t, ctx: tn.Ctx(), c: env.App.DB.Client}
}

func (p *floorPlan) room(dc *ent.Datacenter, code string) *ent.Room {
	p.t.Helper()
	r, err := p.c.Room.Create().SetDatacenterID(dc.ID).SetCode(code).SetName("Hall " + code).Save(p.ctx)
	require.NoError(p.t, err)
	return r
}

func (p *floorPlan) row(room *ent.Room, name string) *ent.RackRow {
	p.t.Helper()
	r, err := p.c.RackRow.Create().SetRoomID(room.ID).SetName(name).Save(p.ctx)
	require.NoError(p.t, err)
	return r
}

// rackSpec is a rack's geometry and status; zero fields take the defaults
// (42U from unit 1, active).
type rackSpec struct {
	Height, Start int
	Descending    bool
	Status        rack.Status
	Row           *ent.RackRow
}

func (p *floorPlan) rack(room *ent.Room, name string, spec rackSpec) *ent.Rack {
	p.t.Helper()
	r, err := p.rackCreate(room, name, spec).Save(p.ctx)
	require.NoError(p.t, err)
	return r
}

func (p *floorPlan) rackCreate(room *ent.Room, name string, spec rackSpec) *ent.RackCreate {
	c := p.c.Rack.Create().SetDatacenterID(room.DatacenterID).SetRoomID(room.ID).SetName(name).
		SetDescendingUnits(spec.Descending)
	if spec.Height > 0 {
		c.SetUHeight(spec.Height)
	}
	if spec.Start > 0 {
		c.SetStartingUnit(spec.Start)
	}
	if spec.Status != "" {
		c.SetStatus(spec.Status)
	}
	if spec.Row != nil {
		c.SetRowID(spec.Row.ID)
	}
	return c
}

// mount is where an asset sits in a rack.
type span struct {
	Position, Height int
	Face             string // "front" or "rear"
	FullDepth        bool
}

// asset places a new server named name in r at m.
func (p *floorPlan) asset(r *ent.Rack, name string, m span) *ent.Asset {
	p.t.Helper()
	a, err := p.assetCreate(r.DatacenterID, name).SetRackID(r.ID).SetPosition(m.Position).
		SetUHeight(m.Height).SetFace(asset.Face(m.Face)).SetFullDepth(m.FullDepth).Save(p.ctx)
	require.NoError(p.t, err)
	return a
}

// unplaced creates a server in datacenter dc and in no rack.
func (p *floorPlan) unplaced(dc int, name string) *ent.Asset {
	p.t.Helper()
	a, err := p.assetCreate(dc, name).Save(p.ctx)
	require.NoError(p.t, err)
	return a
}

func (p *floorPlan) assetCreate(dc int, name string) *ent.AssetCreate {
	p.n++
	// Codes far above what the tenant's counter hands out, so that an asset
	// created through the API never collides with one of these.
	return p.c.Asset.Create().SetCode(fmt.Sprintf("SRV-9%05d", p.n)).SetName(name).SetAssetType("SRV").
		SetStatus(100).SetDatacenterID(dc)
}

// reserve reserves units of r at m for purpose, until expires (never when
// nil).
func (p *floorPlan) reserve(r *ent.Rack, m span, purpose string, expires *time.Time) *ent.RackReservation {
	p.t.Helper()
	res, err := p.c.RackReservation.Create().SetRackID(r.ID).SetPosition(m.Position).SetUHeight(m.Height).
		SetFace(rackreservation.Face(m.Face)).SetFullDepth(m.FullDepth).SetDescription(purpose).
		SetNillableExpiresAt(expires).Save(p.ctx)
	require.NoError(p.t, err)
	return res
}
