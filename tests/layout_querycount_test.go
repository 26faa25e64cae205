package tests

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

// layoutStatements is the most a rack view may cost: the statements of
// authentication (two, as for every request) and the view's own, three for
// an elevation (rack, assets, reservations), six for free space (racks,
// their datacenters, rooms and rows, assets, reservations), six for a
// datacenter's capacity and five for a room's.
const (
	authStatements          = 2
	elevationStatements     = authStatements + 3
	freeSpaceStatements     = authStatements + 6
	datacenterCapStatements = authStatements + 6
	roomCapStatements       = authStatements + 5
)

func TestRackElevation_StatementCount_DoesNotGrowWithTheAssets(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		p := newFloorPlan(t, s.env, s.tn)
		room := p.room(s.dcs[0], "H1")
		one, full := p.rack(room, "R01", rackSpec{Height: 48}), p.rack(room, "R02", rackSpec{Height: 48})
		p.asset(one, "only", span{Position: 1, Height: 1, Face: "front", FullDepth: true})
		for u := 1; u <= 48; u++ {
			p.asset(full, fmt.Sprintf("a-%02d", u), span{Position: u, Height: 1, Face: "front", FullDepth: u%2 == 0})
		}
		elevation := func(r *ent.Rack, wantUsed int) int {
			return s.statements(t, func(ctx context.Context) error {
				e, err := s.admin.GetRackElevation(ctx, api.GetRackElevationParams{ID: int64(r.ID)})
				if err == nil {
					assert.Equal(t, wantUsed, e.UnitsUsed)
				}
				return err
			})
		}
		drawing := func(r *ent.Rack) int {
			return s.statements(t, func(ctx context.Context) error {
				_, err := s.admin.GetRackElevationSVG(ctx, api.GetRackElevationSVGParams{ID: int64(r.ID)})
				return err
			})
		}

		e1, e48 := elevation(one, 1), elevation(full, 48)
		d1, d48 := drawing(one), drawing(full)

		t.Logf("%s statements: elevation %d (1 asset) / %d (48 assets); drawing %d / %d", s.env.Name, e1, e48, d1, d48)
		assert.Equal(t, e1, e48, "elevation")
		assert.Equal(t, d1, d48, "drawing")
		assert.LessOrEqual(t, e48, elevationStatements, "elevation")
		assert.LessOrEqual(t, d48, elevationStatements, "drawing")
	})
}

// fillRoomWithRacks adds racks to room until it has n, 42U each, each with two
// servers, a switch and, one in three, a reservation.
func fillRoomWithRacks(t *testing.T, p *floorPlan, room *ent.Room, have, n int) {
	t.Helper()
	for i := have; i < n; i++ {
		row := p.row(room, fmt.Sprintf("row-%03d", i))
		r := p.rack(room, fmt.Sprintf("R%03d", i), rackSpec{Row: row})
		p.asset(r, "srv-a", span{Position: 1, Height: 2, Face: "front", FullDepth: true})
		p.asset(r, "srv-b", span{Position: 3 + i%5, Height: 4, Face: "front", FullDepth: true})
		p.asset(r, "switch", span{Position: 42, Height: 1, Face: "rear"})
		if i%3 == 0 {
			p.reserve(r, span{Position: 20, Height: 2, Face: "front"}, "Reserved", nil)
		}
	}
}

func TestRackSpaceAndCapacity_StatementCount_DoesNotGrowWithTheRacks(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		p := newFloorPlan(t, s.env, s.tn)
		room := p.room(s.dcs[0], "H1")
		measure := func(wantRacks int) (space, dc, rm int) {
			space = s.statements(t, func(ctx context.Context) error {
				l, err := s.admin.FindRackSpace(ctx, api.FindRackSpaceParams{Units: 4, Limit: api.NewOptInt(1000)})
				if err == nil {
					assert.Equal(t, wantRacks, l.Count)
					for _, r := range l.Results {
						assert.NotEmpty(t, r.Datacenter.Code, "rack %s: datacenter not loaded", r.Rack.Name)
						assert.NotEmpty(t, r.Room.Code, "rack %s: room not loaded", r.Rack.Name)
						assert.False(t, r.Row.IsNull(), "rack %s: row not loaded", r.Rack.Name)
					}
				}
				return err
			})
			dc = s.statements(t, func(ctx context.Context) error {
				c, err := s.admin.GetDatacenterCapacity(ctx, api.GetDatacenterCapacityParams{ID: int64(s.dcs[0].ID)})
				if err == nil {
					assert.Equal(t, wantRacks, c.Racks)
				}
				return err
			})
			rm = s.statements(t, func(ctx context.Context) error {
				_, err := s.admin.GetRoomCapacity(ctx, api.GetRoomCapacityParams{ID: int64(room.ID)})
				return err
			})
			return space, dc, rm
		}
		fillRoomWithRacks(t, p, room, 0, 5)
		space5, dc5, room5 := measure(5)
		fillRoomWithRacks(t, p, room, 5, 50)
		space50, dc50, room50 := measure(50)

		t.Logf("%s statements: free space %d (5 racks) / %d (50 racks); datacenter capacity %d / %d; room capacity %d / %d",
			s.env.Name, space5, space50, dc5, dc50, room5, room50)
		require.Equal(t, space5, space50, "free space")
		assert.Equal(t, dc5, dc50, "datacenter capacity")
		assert.Equal(t, room5, room50, "room capacity")
		assert.LessOrEqual(t, space50, freeSpaceStatements, "free space")
		assert.LessOrEqual(t, dc50, datacenterCapStatements, "datacenter capacity")
		assert.LessOrEqual(t, room50, roomCapStatements, "room capacity")
	})
}
