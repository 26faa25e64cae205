package tests

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// capacityFloor is a tenant with two datacenters:
//
//	DC1 room H1: A1 10U: 2U full-depth server at 1, front and rear 1U at 5,
//	             a PDU in the rack that takes no unit, a live reservation
//	             at 8-9, an expired one at 10
//	             → used 1, 2, 5; reserved 8, 9; free 3, 4, 6, 7, 10
//	             A2 4U retired: 1U at 1 → used 1, free 3
//	DC1 room H2: B1 6U planned: full-depth reservation at 1-3, 1U at 6
//	             → used 1, reserved 3, free 2
//	DC1: two assets in no rack; DC2: one asset in no rack and a rack
//	with an asset, neither of which DC1 counts.
type capacityFloor struct {
	dc1, dc2, empty *ent.Datacenter
	h1, h2          *ent.Room
}

func newCapacityFloor(t *testing.T, s *site) capacityFloor {
	t.Helper()
	p := newFloorPlan(t, s.env, s.tn)
	f := capacityFloor{dc1: s.tn.Datacenter(t, "DC1"), dc2: s.tn.Datacenter(t, "DC2"), empty: s.tn.Datacenter(t, "DC3")}
	f.h1, f.h2 = p.room(f.dc1, "H1"), p.room(f.dc1, "H2")
	past := time.Now().Add(-time.Hour)

	a1 := p.rack(f.h1, "A1", rackSpec{Height: 10})
	p.asset(a1, "server", span{Position: 1, Height: 2, Face: "front", FullDepth: true})
	p.asset(a1, "front", span{Position: 5, Height: 1, Face: "front"})
	p.asset(a1, "rear", span{Position: 5, Height: 1, Face: "rear"})
	_, err := p.assetCreate(f.dc1.ID, "pdu").SetRackID(a1.ID).SetUHeight(0).Save(p.ctx)
	require.NoError(t, err)
	p.reserve(a1, span{Position: 8, Height: 2, Face: "front"}, "Live", nil)
	p.reserve(a1, span{Position: 10, Height: 1, Face: "rear"}, "Expired", &past)

	a2 := p.rack(f.h1, "A2", rackSpec{Height: 4, Status: rack.StatusRetired})
	p.asset(a2, "old", span{Position: 1, Height: 1, Face: "front", FullDepth: true})

	b1 := p.rack(f.h2, "B1", rackSpec{Height: 6, Status: rack.StatusPlanned})
	p.reserve(b1, span{Position: 1, Height: 3, Face: "rear", FullDepth: true}, "Project", nil)
	p.asset(b1, "new", span{Position: 6, Height: 1, Face: "rear"})

	p.unplaced(f.dc1.ID, "spare-1")
	p.unplaced(f.dc1.ID, "spare-2")
	p.unplaced(f.dc2.ID, "elsewhere")
	c1 := p.rack(p.room(f.dc2, "H9"), "C1", rackSpec{})
	p.asset(c1, "elsewhere-racked", span{Position: 1, Height: 4, Face: "front", FullDepth: true})
	return f
}

func TestCapacity_SumsTheUnitsAndCountsTheAssets(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		f := newCapacityFloor(t, s)
		// Another tenant's racks and assets never count.
		o := s.otherTenant(t)
		newCapacityFloor(t, o)
		ctx := t.Context()

		dc, err := s.admin.GetDatacenterCapacity(ctx, api.GetDatacenterCapacityParams{ID: int64(f.dc1.ID)})
		require.NoError(t, err)
		h1, err := s.admin.GetRoomCapacity(ctx, api.GetRoomCapacityParams{ID: int64(f.h1.ID)})
		require.NoError(t, err)
		h2, err := s.admin.GetRoomCapacity(ctx, api.GetRoomCapacityParams{ID: int64(f.h2.ID)})
		require.NoError(t, err)
		empty, err := s.admin.GetDatacenterCapacity(ctx, api.GetDatacenterCapacityParams{ID: int64(f.empty.ID)})
		require.NoError(t, err)

		assert.Equal(t, &api.Capacity{Racks: 3, UnitsTotal: 20, UnitsUsed: 5, UnitsReserved: 5, UnitsFree: 10,
			Utilization: 25, AssetsPlaced: 6, AssetsUnplaced: api.NewNilInt(2)}, dc)
		assert.Equal(t, &api.Capacity{Racks: 2, UnitsTotal: 14, UnitsUsed: 4, UnitsReserved: 2, UnitsFree: 8,
			Utilization: 28.6, AssetsPlaced: 5, AssetsUnplaced: api.NilInt{Null: true}}, h1)
		assert.Equal(t, &api.Capacity{Racks: 1, UnitsTotal: 6, UnitsUsed: 1, UnitsReserved: 3, UnitsFree: 2,
			Utilization: 16.7, AssetsPlaced: 1, AssetsUnplaced: api.NilInt{Null: true}}, h2)
		assert.Equal(t, &api.Capacity{AssetsUnplaced: api.NewNilInt(0)}, empty, "no racks: zeros, utilization 0")
	})
}

func TestCapacity_OfARoomIsNullForUnplacedAssets(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		f := newCapacityFloor(t, s)

		r := s.raw(t, "GET", "/api/rooms/"+itoa(int64(f.h2.ID))+"/capacity", "")

		require.Equal(t, 200, r.Status, "body: %s", r.Body)
		assert.Contains(t, string(r.Body), `"assets_unplaced":null`)
	})
}
