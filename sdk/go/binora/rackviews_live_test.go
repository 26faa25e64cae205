package binora_test

// The views of racks against a live server: a rack's elevation as JSON and
// as an SVG drawing, the search for free space, a datacenter's capacity. The
// fixtures (site, mount, mustPlace) are in facilities_live_test.go.

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/sdk/go/binoraapi"
)

func TestRackViews_ElevationListsUnitsTopDown(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	c := login(t, newTenant(t), nil)
	s := newSite(t, ctx, c)
	web := mustPlace(t, ctx, c, s.rack.ID, "web-01",
		mount{position: 1, uHeight: 2, face: binoraapi.FaceFront, fullDepth: true})
	res, err := c.CreateRackReservation(ctx, &binoraapi.ReservationCreate{
		Position: 5, Face: binoraapi.FaceFront, Description: "Patch panel",
	}, binoraapi.CreateRackReservationParams{ID: s.rack.ID})
	require.NoError(t, err)

	el, err := c.GetRackElevation(ctx, binoraapi.GetRackElevationParams{
		ID: s.rack.ID, Face: binoraapi.NewOptElevationFace(binoraapi.ElevationFaceFront),
	})
	require.NoError(t, err)
	assert.Equal(t, binoraapi.RackRef{ID: s.rack.ID, Name: "R01"}, el.Rack)
	assert.Equal(t, binoraapi.FaceFront, el.Face)
	assert.Equal(t, []int{2, 1, 39}, []int{el.UnitsUsed, el.UnitsReserved, el.UnitsFree})
	require.Len(t, el.Units, 42)

	// Top of the drawing first: unit 42 down to unit 1.
	for i, u := range el.Units {
		require.Equal(t, 42-i, u.Unit, "units run from the top down")
		switch {
		case u.Unit <= 2:
			require.False(t, u.Asset.Null, "unit %d holds web-01", u.Unit)
			assert.Equal(t, binoraapi.ElevationAsset{
				ID: web.ID, Code: web.Code, Name: "web-01", Position: 1, UHeight: 2,
				Face: binoraapi.FaceFront, FullDepth: true,
			}, u.Asset.Value)
			assert.True(t, u.Reservation.Null)
		case u.Unit == 5:
			assert.True(t, u.Asset.Null)
			require.False(t, u.Reservation.Null, "unit 5 is reserved")
			assert.Equal(t, binoraapi.ElevationReservation{ID: res.ID, Description: "Patch panel"}, u.Reservation.Value)
		default:
			assert.True(t, u.Asset.Null && u.Reservation.Null, "unit %d is free", u.Unit)
		}
	}
}

func TestRackViews_ElevationSVGDrawsTheAssetEscaped(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	c := login(t, newTenant(t), nil)
	s := newSite(t, ctx, c)
	mustPlace(t, ctx, c, s.rack.ID, "R&D <db>",
		mount{position: 3, uHeight: 2, face: binoraapi.FaceFront, fullDepth: true})

	draw := func(face binoraapi.OptFace) string {
		t.Helper()
		svg, err := c.GetRackElevationSVG(ctx, binoraapi.GetRackElevationSVGParams{ID: s.rack.ID, Face: face})
		require.NoError(t, err)
		body, err := io.ReadAll(svg)
		require.NoError(t, err)
		return string(body)
	}
	front := draw(binoraapi.NewOptFace(binoraapi.FaceFront))
	assert.True(t, strings.HasPrefix(front, "<svg"), "an SVG document: %.80q", front)
	assert.True(t, strings.HasSuffix(strings.TrimSpace(front), "</svg>"))
	assert.Contains(t, front, "R&amp;D &lt;db&gt;", "the name, escaped")
	assert.NotContains(t, front, "<db>", "never the raw name")
	assert.Equal(t, front, draw(binoraapi.NewOptFace(binoraapi.FaceFront)), "the same rack gives the same bytes")

	both := draw(binoraapi.OptFace{})
	assert.True(t, strings.HasPrefix(both, "<svg"))
	assert.NotEqual(t, front, both, "without a face, both faces are drawn")
}

func TestRackViews_FreeSpaceAndDatacenterCapacity(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	c := login(t, newTenant(t), nil)
	s := newSite(t, ctx, c)
	// Units 1-20 and 23-42 taken on both faces: only 21-22 are free.
	mustPlace(t, ctx, c, s.rack.ID, "blade-a", mount{position: 1, uHeight: 20, face: binoraapi.FaceFront, fullDepth: true})
	mustPlace(t, ctx, c, s.rack.ID, "blade-b", mount{position: 23, uHeight: 20, face: binoraapi.FaceFront, fullDepth: true})
	_, err := c.CreateAsset(ctx, &binoraapi.AssetCreate{
		Name: "spare-disk", AssetType: binoraapi.AssetTypeSTO, DatacenterID: binoraapi.NewOptInt64(s.dc.ID),
	}, binoraapi.CreateAssetParams{})
	require.NoError(t, err)

	two, err := c.FindRackSpace(ctx, binoraapi.FindRackSpaceParams{Units: 2, DatacenterID: binoraapi.NewOptInt64(s.dc.ID)})
	require.NoError(t, err)
	require.Equal(t, 1, two.Count)
	require.Len(t, two.Results, 1)
	found := two.Results[0]
	assert.Equal(t, binoraapi.RackRef{ID: s.rack.ID, Name: "R01"}, found.Rack)
	assert.Equal(t, s.dc.ID, found.Datacenter.ID)
	assert.Equal(t, s.room.ID, found.Room.ID)
	assert.Equal(t, s.row.ID, found.Row.Value.ID)
	assert.Equal(t, 2, found.Fit)
	assert.Equal(t, []int{21}, found.Positions)

	three, err := c.FindRackSpace(ctx, binoraapi.FindRackSpaceParams{Units: 3, DatacenterID: binoraapi.NewOptInt64(s.dc.ID)})
	require.NoError(t, err)
	assert.Equal(t, 0, three.Count, "no rack has 3 free units in a row")
	assert.Empty(t, three.Results)

	cp, err := c.GetDatacenterCapacity(ctx, binoraapi.GetDatacenterCapacityParams{ID: s.dc.ID})
	require.NoError(t, err)
	assert.Equal(t, binoraapi.Capacity{
		Racks: 1, UnitsTotal: 42, UnitsUsed: 40, UnitsReserved: 0, UnitsFree: 2,
		Utilization: 95.2, AssetsPlaced: 2, AssetsUnplaced: binoraapi.NewNilInt(1),
	}, *cp)
}
