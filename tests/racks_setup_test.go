package tests

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/testsupport"
)

// rackFloor is a site with a datacenter (MAD1) holding a room (H1) with a
// row (A), where racks are put. Rooms, rows and placed assets are written
// with the Ent client in the tenant's context: these tests are about racks,
// not about the APIs that manage those.
type rackFloor struct {
	*site
	dc   *api.Datacenter
	room *ent.Room
	row  *ent.RackRow
	// assets counts the assets placed, for their codes.
	assets int
}

func newRackFloor(t *testing.T, env *testsupport.Env) *rackFloor {
	t.Helper()
	return floorOf(t, newSite(t, env))
}

// clockedFloor is a rackFloor whose server runs on a clock the test moves,
// for reservations that expire.
type clockedFloor struct {
	*rackFloor
	clock *testsupport.Clock
}

// forEachClockedFloor runs fn on every target database with a clockedFloor.
func forEachClockedFloor(t *testing.T, fn func(t *testing.T, f *clockedFloor)) {
	for _, target := range testsupport.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			clock := testsupport.NewClock()
			env := testsupport.NewEnv(t, target, app.Options{Now: clock.Now})
			fn(t, &clockedFloor{rackFloor: newRackFloor(t, env), clock: clock})
		})
	}
}

// floorOf gives s a datacenter, a room and a row.
func floorOf(t *testing.T, s *site) *rackFloor {
	t.Helper()
	f := &rackFloor{site: s, dc: s.createDatacenter(t, "MAD1")}
	f.room = f.roomIn(t, f.dc, "H1")
	f.row = f.rowIn(t, f.room, "A")
	return f
}

func (f *rackFloor) roomIn(t *testing.T, dc *api.Datacenter, code string) *ent.Room {
	t.Helper()
	r, err := f.env.App.DB.Client.Room.Create().SetDatacenterID(int(dc.ID)).SetCode(code).SetName("Hall " + code).Save(f.tn.Ctx())
	require.NoError(t, err)
	return r
}

func (f *rackFloor) rowIn(t *testing.T, room *ent.Room, name string) *ent.RackRow {
	t.Helper()
	r, err := f.env.App.DB.Client.RackRow.Create().SetRoomID(room.ID).SetName(name).Save(f.tn.Ctx())
	require.NoError(t, err)
	return r
}

// rack creates a rack of 42 units named name in the floor's room, in no
// row.
func (f *rackFloor) rack(t *testing.T, name string) *api.Rack {
	t.Helper()
	return f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), Name: name})
}

func (f *rackFloor) rackFrom(t *testing.T, req api.RackCreate) *api.Rack {
	t.Helper()
	r, err := f.admin.CreateRack(t.Context(), &req, api.CreateRackParams{})
	require.NoError(t, err)
	return r
}

func (f *rackFloor) getRack(t *testing.T, id int64) *api.Rack {
	t.Helper()
	r, err := f.admin.GetRack(t.Context(), api.GetRackParams{ID: id})
	require.NoError(t, err)
	return r
}

// placed creates a server asset in the floor's datacenter and puts it in
// rack r: height units from position up on face, or on both faces when
// fullDepth. A height of 0 only names the rack. The asset is written with
// the Ent client: the assets API is not what these tests are about.
func (f *rackFloor) placed(t *testing.T, r *api.Rack, name string, position, height int, face asset.Face, fullDepth bool) *ent.Asset {
	t.Helper()
	f.assets++
	c := f.env.App.DB.Client.Asset.Create().
		SetCode(fmt.Sprintf("SRV-9%04d", f.assets)).SetName(name).SetAssetType("SRV").SetStatus(50).
		SetDatacenterID(int(f.dc.ID)).SetRackID(int(r.ID)).SetUHeight(height).SetFullDepth(fullDepth)
	if height > 0 {
		c.SetPosition(position).SetFace(face)
	}
	a, err := c.Save(f.tn.Ctx())
	require.NoError(t, err)
	return a
}

// unplace takes asset a out of every rack.
func (f *rackFloor) unplace(t *testing.T, a *ent.Asset) {
	t.Helper()
	err := f.env.App.DB.Client.Asset.UpdateOne(a).ClearRackID().ClearPosition().ClearFace().Exec(f.tn.Ctx())
	require.NoError(t, err)
}

func (f *rackFloor) reserve(t *testing.T, r *api.Rack, req api.ReservationCreate) *api.Reservation {
	t.Helper()
	res, err := f.admin.CreateRackReservation(t.Context(), &req, api.CreateRackReservationParams{ID: r.ID})
	require.NoError(t, err)
	return res
}

func (f *rackFloor) reservations(t *testing.T, r *api.Rack) *api.ReservationList {
	t.Helper()
	l, err := f.admin.ListRackReservations(t.Context(), api.ListRackReservationsParams{ID: r.ID, Limit: api.NewOptInt(1000)})
	require.NoError(t, err)
	return l
}

// units is a rack's unit counts, for comparing in one assertion.
type units struct {
	Used, Reserved, Free int
	Utilization          float64
}

func unitsOf(r *api.Rack) units {
	return units{Used: r.UnitsUsed, Reserved: r.UnitsReserved, Free: r.UnitsFree, Utilization: r.Utilization}
}

// limitsRack is a fresh rack, in a fresh room of the limits site's
// datacenter, for a probe to aim at.
func limitsRack(t *testing.T, s *limitsSite) *ent.Rack {
	t.Helper()
	c, ctx := s.env.App.DB.Client, s.tn.Ctx()
	room, err := c.Room.Create().SetDatacenterID(int(s.dc.ID)).SetCode(s.code()).SetName(s.name("Room")).Save(ctx)
	require.NoError(t, err)
	r, err := c.Rack.Create().SetDatacenterID(int(s.dc.ID)).SetRoomID(room.ID).SetName(s.name("Rack")).Save(ctx)
	require.NoError(t, err)
	return r
}
