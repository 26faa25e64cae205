package tests

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// elevationRack is a 6U rack: a 2U full-depth server at 1, a front-only
// switch at 4, a live reservation at the front of 3, another at the rear
// of 5, and an expired one at the front of 6, which blocks nothing.
type elevationRack struct {
	rack          *ent.Rack
	server, sw    *ent.Asset
	storage, rear *ent.RackReservation
}

func newElevationRack(t *testing.T, s *site, serverName string) elevationRack {
	t.Helper()
	p := newFloorPlan(t, s.env, s.tn)
	room := p.room(s.tn.Datacenter(t, "EL1"), "H1")
	r := p.rack(room, "R01", rackSpec{Height: 6})
	past := time.Now().Add(-time.Hour)
	p.reserve(r, span{Position: 6, Height: 1, Face: "front"}, "Expired", &past)
	return elevationRack{
		rack:    r,
		server:  p.asset(r, serverName, span{Position: 1, Height: 2, Face: "front", FullDepth: true}),
		sw:      p.asset(r, "tor-1", span{Position: 4, Height: 1, Face: "front"}),
		storage: p.reserve(r, span{Position: 3, Height: 1, Face: "front"}, "Storage shelf", nil),
		rear:    p.reserve(r, span{Position: 5, Height: 1, Face: "rear"}, "Atlas PDU", nil),
	}
}

// heldBy shows each unit of e as "unit:asset code/reservation description".
func heldBy(e *api.Elevation) []string {
	out := make([]string, len(e.Units))
	for i, u := range e.Units {
		a, r := "", ""
		if v, ok := u.Asset.Get(); ok {
			a = v.Code
		}
		if v, ok := u.Reservation.Get(); ok {
			r = v.Description
		}
		out[i] = strings.Join([]string{strconv.Itoa(u.Unit), a, r}, ":")
	}
	return out
}

func TestRackElevation_EveryUnitWithItsAssetAndLiveReservation(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		er := newElevationRack(t, s, "web-01")
		srv, sw := er.server.Code, er.sw.Code

		front, err := s.admin.GetRackElevation(t.Context(), api.GetRackElevationParams{ID: int64(er.rack.ID)})
		require.NoError(t, err)
		rear, err := s.admin.GetRackElevation(t.Context(), api.GetRackElevationParams{ID: int64(er.rack.ID),
			Face: api.NewOptElevationFace(api.ElevationFaceRear)})
		require.NoError(t, err)

		assert.Equal(t, api.FaceFront, front.Face, "the front by default")
		assert.Equal(t, api.RackRef{ID: int64(er.rack.ID), Name: "R01"}, front.Rack)
		assert.Equal(t, []string{"6::", "5::", "4:" + sw + ":", "3::Storage shelf", "2:" + srv + ":", "1:" + srv + ":"}, heldBy(front))
		assert.Equal(t, []string{"6::", "5::Atlas PDU", "4::", "3::", "2:" + srv + ":", "1:" + srv + ":"}, heldBy(rear))
		assert.Equal(t, api.ElevationAsset{ID: int64(er.server.ID), Code: srv, Name: "web-01", Position: 1, UHeight: 2,
			Face: api.FaceFront, FullDepth: true}, rear.Units[5].Asset.Value)
		assert.Equal(t, api.ElevationReservation{ID: int64(er.storage.ID), Description: "Storage shelf"}, front.Units[3].Reservation.Value)
		for _, e := range []*api.Elevation{front, rear} {
			// Units 1, 2 and 4 are used; 3 and 5 reserved; 6 free (its reservation expired).
			assert.Equal(t, [4]float64{3, 2, 1, 50}, [4]float64{float64(e.UnitsUsed), float64(e.UnitsReserved),
				float64(e.UnitsFree), e.Utilization}, "the counts are the rack's, both faces")
		}
	})
}

func TestRackElevation_DescendingRackStartsAtItsLowestUnit(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		p := newFloorPlan(t, s.env, s.tn)
		r := p.rack(p.room(s.tn.Datacenter(t, "EL1"), "H1"), "R09", rackSpec{Height: 4, Start: 10, Descending: true})
		a := p.asset(r, "db-1", span{Position: 12, Height: 2, Face: "rear"})

		rear, err := s.admin.GetRackElevation(t.Context(), api.GetRackElevationParams{ID: int64(r.ID),
			Face: api.NewOptElevationFace(api.ElevationFaceRear)})
		require.NoError(t, err)

		assert.Equal(t, []string{"10::", "11::", "12:" + a.Code + ":", "13:" + a.Code + ":"}, heldBy(rear))
	})
}

// getSVG fetches the drawing of rack id with query (e.g. "?face=rear").
func getSVG(t *testing.T, s *site, id int, query string) rawResponse {
	t.Helper()
	r := s.raw(t, http.MethodGet, "/api/racks/"+strconv.Itoa(id)+"/elevation.svg"+query, "")
	require.Equal(t, http.StatusOK, r.Status, "body: %s", r.Body)
	return r
}

func TestRackElevationSVG_IsAnEscapedDeterministicDrawing(t *testing.T) {
	t.Parallel()
	hostile := `<script>alert('x')</script> & "quoted"`
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		er := newElevationRack(t, s, hostile)

		both := getSVG(t, s, er.rack.ID, "")
		again := getSVG(t, s, er.rack.ID, "")
		rear := getSVG(t, s, er.rack.ID, "?face=rear")

		assert.Equal(t, "image/svg+xml", both.Header.Get("Content-Type"))
		assert.Equal(t, string(both.Body), string(again.Body), "the same rack gives the same bytes")
		svg := string(both.Body)
		assert.True(t, strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" width="`), svg)
		assert.NotContains(t, svg, "<script")
		assert.Contains(t, svg, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quoted&#34;")
		assert.Contains(t, svg, "Rack R01")
		assert.Contains(t, svg, er.sw.Code+" tor-1")
		assert.Contains(t, svg, "Reserved: Storage shelf")
		assert.NotContains(t, svg, "Expired")
		assert.Equal(t, 1, strings.Count(svg, `data-face="front"`))
		assert.Equal(t, 1, strings.Count(svg, `data-face="rear"`))
		assert.NotContains(t, string(rear.Body), `data-face="front"`)
		assert.Contains(t, string(rear.Body), "Reserved: Atlas PDU")
	})
}

func TestRackElevationSVG_ThroughTheGeneratedClient(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		er := newElevationRack(t, s, "web-01")

		got, err := s.admin.GetRackElevationSVG(t.Context(), api.GetRackElevationSVGParams{ID: int64(er.rack.ID),
			Face: api.NewOptFace(api.FaceFront)})
		require.NoError(t, err)
		b, err := io.ReadAll(got.Data)
		require.NoError(t, err)

		assert.Contains(t, string(b), er.server.Code+" web-01")
		assert.Equal(t, string(getSVG(t, s, er.rack.ID, "?face=front").Body), string(b))
	})
}

func TestRackViewsAndCapacity_WithAnotherTenantsID_Are404(t *testing.T) {
	t.Parallel()
	type ids struct{ dc, room, rack int64 }
	tests := []struct {
		name string
		call func(t *testing.T, c *testsupport.Client, v ids) error
	}{
		{"elevation", func(t *testing.T, c *testsupport.Client, v ids) error {
			_, err := c.GetRackElevation(t.Context(), api.GetRackElevationParams{ID: v.rack})
			return err
		}},
		{"elevation svg", func(t *testing.T, c *testsupport.Client, v ids) error {
			_, err := c.GetRackElevationSVG(t.Context(), api.GetRackElevationSVGParams{ID: v.rack})
			return err
		}},
		{"datacenter capacity", func(t *testing.T, c *testsupport.Client, v ids) error {
			_, err := c.GetDatacenterCapacity(t.Context(), api.GetDatacenterCapacityParams{ID: v.dc})
			return err
		}},
		{"room capacity", func(t *testing.T, c *testsupport.Client, v ids) error {
			_, err := c.GetRoomCapacity(t.Context(), api.GetRoomCapacityParams{ID: v.room})
			return err
		}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		attacker := newSite(t, env)
		victim := attacker.otherTenant(t)
		er := newElevationRack(t, victim, "victim-web")
		v := ids{dc: int64(er.rack.DatacenterID), room: int64(er.rack.RoomID), rack: int64(er.rack.ID)}
		missing := ids{missingID, missingID, missingID}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				require.NoError(t, tt.call(t, victim.admin, v), "the owner sees it")

				err := tt.call(t, attacker.admin, v)

				p := clientProblem(t, err, http.StatusNotFound, "not_found")
				assert.Equal(t, testsupport.Problem(t, tt.call(t, attacker.admin, missing)).Response, p,
					"answers as for an id that does not exist")
			})
		}
	})
}

func TestRackElevation_AnUnknownFaceIsAValidationError(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		er := newElevationRack(t, s, "web-01")

		for _, path := range []string{"/elevation?face=side", "/elevation.svg?face=top"} {
			assertValidationError(t, s.raw(t, http.MethodGet, "/api/racks/"+strconv.Itoa(er.rack.ID)+path, ""), "face")
		}
	})
}
