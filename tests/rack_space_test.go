package tests

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// spaceFloor is a tenant's racks, all 10U unless said otherwise:
//
//	DC1 room H1, row A: R01 asset at 5 (full depth): free 1-4 and 6-10
//	                    R03 asset at 1-6 (full depth): free 7-10
//	DC1 room H1:        R02 empty
//	                    R04 retired, empty
//	                    R05 planned, front-only asset at 1-7: front free 8-10, rear all free
//	                    R06 live front reservation at 1-8: front free 9-10, rear all free
//	                    R07 expired reservation over all 10 units: all free
//	DC1 room H2:        R10 empty
//	DC2 room H3:        R20 empty, 42U
type spaceFloor struct {
	dc1, dc2 *ent.Datacenter
	h1, h2   *ent.Room
	rowA     *ent.RackRow
	racks    map[string]*ent.Rack
}

func newSpaceFloor(t *testing.T, s *site) spaceFloor {
	t.Helper()
	p := newFloorPlan(t, s.env, s.tn)
	f := spaceFloor{dc1: s.tn.Datacenter(t, "DC1"), dc2: s.tn.Datacenter(t, "DC2"), racks: map[string]*ent.Rack{}}
	f.h1, f.h2 = p.room(f.dc1, "H1"), p.room(f.dc1, "H2")
	f.rowA = p.row(f.h1, "A")
	add := func(room *ent.Room, name string, spec rackSpec) *ent.Rack {
		if spec.Height == 0 {
			spec.Height = 10
		}
		f.racks[name] = p.rack(room, name, spec)
		return f.racks[name]
	}
	full := span{Height: 1, Face: "front", FullDepth: true}
	p.asset(add(f.h1, "R01", rackSpec{Row: f.rowA}), "r01", span{Position: 5, Height: 1, Face: "front", FullDepth: true})
	p.asset(add(f.h1, "R03", rackSpec{Row: f.rowA}), "r03", span{Position: 1, Height: 6, Face: "rear", FullDepth: true})
	add(f.h1, "R02", rackSpec{})
	add(f.h1, "R04", rackSpec{Status: rack.StatusRetired})
	p.asset(add(f.h1, "R05", rackSpec{Status: rack.StatusPlanned}), "r05", span{Position: 1, Height: 7, Face: "front"})
	p.reserve(add(f.h1, "R06", rackSpec{}), span{Position: 1, Height: 8, Face: "front"}, "Project", nil)
	past := time.Now().Add(-time.Minute)
	full.Position, full.Height = 1, 10
	p.reserve(add(f.h1, "R07", rackSpec{}), full, "Lapsed", &past)
	add(f.h2, "R10", rackSpec{})
	add(p.room(f.dc2, "H3"), "R20", rackSpec{Height: 42})
	return f
}

// fits shows a page of racks with room as "name fit positions".
func fits(l *api.RackSpaceList) []string {
	out := make([]string, len(l.Results))
	for i, r := range l.Results {
		out[i] = r.Rack.Name + " " + itoa(int64(r.Fit))
		for _, p := range r.Positions {
			out[i] += " " + itoa(int64(p))
		}
	}
	return out
}

func TestFindRackSpace_BestFitFirstWithinTheFilters(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		f := newSpaceFloor(t, s)
		// Another tenant's roomy rack never shows.
		o := s.otherTenant(t)
		op := newFloorPlan(t, o.env, o.tn)
		odc := o.tn.Datacenter(t, "DC1")
		op.rack(op.room(odc, "H1"), "R00", rackSpec{Height: 48})
		dc1, h1, rowA := int64(f.dc1.ID), int64(f.h1.ID), int64(f.rowA.ID)
		tests := []struct {
			name   string
			params api.FindRackSpaceParams
			want   []string
		}{
			{"front by default", api.FindRackSpaceParams{Units: 4},
				[]string{"R01 4 1 6", "R03 4 7", "R02 10 1", "R07 10 1", "R10 10 1", "R20 42 1"}},
			{"the rear", api.FindRackSpaceParams{Units: 4, Face: api.NewOptFace(api.FaceRear)},
				[]string{"R01 4 1 6", "R03 4 7", "R02 10 1", "R05 10 1", "R06 10 1", "R07 10 1", "R10 10 1", "R20 42 1"}},
			{"full depth: free at the rear is not enough", api.FindRackSpaceParams{Units: 4, Face: api.NewOptFace(api.FaceRear),
				FullDepth: api.NewOptBool(true)},
				[]string{"R01 4 1 6", "R03 4 7", "R02 10 1", "R07 10 1", "R10 10 1", "R20 42 1"}},
			{"a block only one rack holds", api.FindRackSpaceParams{Units: 11}, []string{"R20 42 1"}},
			{"more than any rack holds", api.FindRackSpaceParams{Units: 43}, []string{}},
			{"in a datacenter", api.FindRackSpaceParams{Units: 4, DatacenterID: api.NewOptInt64(dc1)},
				[]string{"R01 4 1 6", "R03 4 7", "R02 10 1", "R07 10 1", "R10 10 1"}},
			{"in a room", api.FindRackSpaceParams{Units: 4, RoomID: api.NewOptInt64(h1)},
				[]string{"R01 4 1 6", "R03 4 7", "R02 10 1", "R07 10 1"}},
			{"in a row", api.FindRackSpaceParams{Units: 5, RowID: api.NewOptInt64(rowA)}, []string{"R01 5 6"}},
			{"in another tenant's datacenter", api.FindRackSpaceParams{Units: 1, DatacenterID: api.NewOptInt64(int64(odc.ID))}, []string{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.admin.FindRackSpace(t.Context(), tt.params)

				require.NoError(t, err)
				assert.Equal(t, tt.want, fits(got))
				assert.Equal(t, len(tt.want), got.Count)
			})
		}
	})
}

func TestFindRackSpace_ShowsWhereEachRackStands(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		f := newSpaceFloor(t, s)

		got, err := s.admin.FindRackSpace(t.Context(), api.FindRackSpaceParams{Units: 4, RoomID: api.NewOptInt64(int64(f.h1.ID))})
		require.NoError(t, err)

		require.Len(t, got.Results, 4)
		first, third := got.Results[0], got.Results[2]
		assert.Equal(t, api.RackRef{ID: int64(f.racks["R01"].ID), Name: "R01"}, first.Rack)
		assert.Equal(t, api.DatacenterRef{ID: int64(f.dc1.ID), Code: "DC1", Name: f.dc1.Name}, first.Datacenter)
		assert.Equal(t, api.RoomRef{ID: int64(f.h1.ID), Code: "H1", Name: "Hall H1"}, first.Room)
		assert.Equal(t, api.NewNilRowRef(api.RowRef{ID: int64(f.rowA.ID), Name: "A"}), first.Row)
		assert.True(t, third.Row.IsNull(), "R02 stands in no row")
	})
}

func TestFindRackSpace_PagesTheFittingRacks(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		newSpaceFloor(t, s)

		got, err := s.admin.FindRackSpace(t.Context(), api.FindRackSpaceParams{Units: 4,
			Limit: api.NewOptInt(2), Offset: api.NewOptInt(2)})
		require.NoError(t, err)

		assert.Equal(t, 6, got.Count)
		assert.Equal(t, []string{"R02 10 1", "R07 10 1"}, fits(got))
		next, err := url.Parse(got.Next.Value)
		require.NoError(t, err)
		assert.Equal(t, url.Values{"units": {"4"}, "limit": {"2"}, "offset": {"4"}}, next.Query())
		previous, err := url.Parse(got.Previous.Value)
		require.NoError(t, err)
		assert.Equal(t, url.Values{"units": {"4"}, "limit": {"2"}}, previous.Query())
	})
}

func TestFindRackSpace_RefusesBadParameters(t *testing.T) {
	t.Parallel()
	tests := []struct{ query, field string }{
		{"", "units"},
		{"units=0", "units"},
		{"units=101", "units"},
		{"units=2&face=side", "face"},
		{"units=2&room_id=0", "room_id"},
		{"units=2&offset=1000000001", "offset"},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				assertValidationError(t, s.raw(t, http.MethodGet, "/api/racks/free-space?"+tt.query, ""), tt.field)
			})
		}
	})
}
