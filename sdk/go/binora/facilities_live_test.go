package binora_test

// Facilities against a live server, as a partner uses them: a datacenter's
// rooms, rows and racks, assets placed in a rack's units, reservations and
// moves. The views of a rack (elevation, free space, capacity) are in
// rackviews_live_test.go; the set-up helpers in live_test.go.

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/sdk/go/binora"
	"github.com/binora/binora/sdk/go/binoraapi"
)

// site is a datacenter with one room, one row and one rack of the default
// size (42 units from unit 1), created through the API.
type site struct {
	dc   *binoraapi.Datacenter
	room *binoraapi.Room
	row  *binoraapi.Row
	rack *binoraapi.Rack
}

func newSite(t *testing.T, ctx context.Context, c *binora.Client) site {
	t.Helper()
	dc, _, err := binora.Object[binoraapi.Datacenter](c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Madrid 1", Code: "MAD1"}, binoraapi.CreateDatacenterParams{}))
	require.NoError(t, err)
	room, _, err := binora.Object[binoraapi.Room](c.CreateRoom(ctx, &binoraapi.RoomCreate{
		DatacenterID: dc.ID, Name: "Hall 1", Code: "H1", Floor: binoraapi.NewOptNilString("2"),
	}, binoraapi.CreateRoomParams{}))
	require.NoError(t, err)
	row, _, err := binora.Object[binoraapi.Row](c.CreateRow(ctx, &binoraapi.RowCreate{RoomID: room.ID, Name: "A"}, binoraapi.CreateRowParams{}))
	require.NoError(t, err)
	rack, _, err := binora.Object[binoraapi.Rack](c.CreateRack(ctx, &binoraapi.RackCreate{
		RoomID: room.ID, RowID: binoraapi.NewOptNilInt64(row.ID), Name: "R01",
	}, binoraapi.CreateRackParams{}))
	require.NoError(t, err)
	return site{dc: dc, room: room, row: row, rack: rack}
}

// mount is where an asset goes in a rack.
type mount struct {
	position, uHeight int
	face              binoraapi.Face
	fullDepth         bool
	reservationID     int64 // 0: none
}

// placeAsset creates a server in rack at m, naming only the rack: the asset
// takes the rack's datacenter.
func placeAsset(ctx context.Context, c *binora.Client, rackID int64, name string, m mount) (*binoraapi.Asset, error) {
	req := &binoraapi.AssetCreate{
		Name:      name,
		AssetType: binoraapi.AssetTypeSRV,
		RackID:    binoraapi.NewOptNilInt64(rackID),
		Position:  binoraapi.NewOptNilInt(m.position),
		Face:      binoraapi.NewOptNilFace(m.face),
		UHeight:   binoraapi.NewOptInt(m.uHeight),
		FullDepth: binoraapi.NewOptBool(m.fullDepth),
	}
	if m.reservationID != 0 {
		req.ReservationID = binoraapi.NewOptInt64(m.reservationID)
	}
	a, _, err := binora.Object[binoraapi.Asset](c.CreateAsset(ctx, req, binoraapi.CreateAssetParams{}))
	return a, err
}

func mustPlace(t *testing.T, ctx context.Context, c *binora.Client, rackID int64, name string, m mount) *binoraapi.Asset {
	t.Helper()
	a, err := placeAsset(ctx, c, rackID, name, m)
	require.NoError(t, err)
	return a
}

// assertUnits checks a rack's unit counts as the API reports them now.
func assertUnits(t *testing.T, ctx context.Context, c *binora.Client, rackID int64, used, reserved, free int) {
	t.Helper()
	r, _, err := binora.Object[binoraapi.Rack](c.GetRack(ctx, binoraapi.GetRackParams{ID: rackID}))
	require.NoError(t, err)
	assert.Equal(t, []int{used, reserved, free}, []int{r.UnitsUsed, r.UnitsReserved, r.UnitsFree},
		"units used, reserved, free")
}

func TestFacilities_RoomRowAndRackWithDefaults(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	c := login(t, newTenant(t), nil)
	s := newSite(t, ctx, c)

	assert.Equal(t, s.dc.ID, s.room.Datacenter.ID)
	assert.Equal(t, "MAD1", s.room.Datacenter.Code)
	assert.Equal(t, "2", s.room.Floor.Value)
	assert.Equal(t, s.room.ID, s.row.Room.ID)
	assert.Equal(t, "H1", s.row.Room.Code)

	r := s.rack
	assert.Equal(t, s.dc.ID, r.Datacenter.ID, "the rack is in its room's datacenter")
	assert.Equal(t, s.room.ID, r.Room.ID)
	require.False(t, r.Row.Null)
	assert.Equal(t, s.row.ID, r.Row.Value.ID)
	assert.Equal(t, 42, r.UHeight)
	assert.Equal(t, 1, r.StartingUnit)
	assert.False(t, r.DescendingUnits)
	assert.Equal(t, binoraapi.RackStatusActive, r.Status)
	assert.Equal(t, 0, r.UnitsUsed)
	assert.Equal(t, 0, r.UnitsReserved)
	assert.Equal(t, 42, r.UnitsFree)
	assert.Equal(t, 0.0, r.Utilization)

	inRow, err := c.ListRacks(ctx, binoraapi.ListRacksParams{RowID: binoraapi.NewOptInt64(s.row.ID)})
	require.NoError(t, err)
	require.Equal(t, 1, inRow.Count)
	assert.Equal(t, r.ID, inRow.Results[0].ID)
}

func TestFacilities_AssetPlacedInRackAndClash(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	c := login(t, newTenant(t), nil)
	s := newSite(t, ctx, c)

	web := mustPlace(t, ctx, c, s.rack.ID, "web-01",
		mount{position: 10, uHeight: 2, face: binoraapi.FaceFront, fullDepth: true})
	assert.Equal(t, s.dc.ID, web.Datacenter.ID, "the datacenter comes from the rack")
	require.False(t, web.Rack.Null)
	assert.Equal(t, s.rack.ID, web.Rack.Value.ID)
	assert.Equal(t, "R01", web.Rack.Value.Name)
	assert.Equal(t, binoraapi.NewNilInt(10), web.Position)
	assert.Equal(t, binoraapi.NewNilFace(binoraapi.FaceFront), web.Face)
	assert.Equal(t, 2, web.UHeight)
	assert.True(t, web.FullDepth)
	assertUnits(t, ctx, c, s.rack.ID, 2, 0, 40)

	// A full-depth asset takes its units on the rear face too.
	_, err := placeAsset(ctx, c, s.rack.ID, "pdu-shelf",
		mount{position: 11, uHeight: 1, face: binoraapi.FaceRear})
	requireProblem(t, err, http.StatusConflict, "conflict")
	p, _ := binora.AsProblem(err)
	assert.Contains(t, p.Response.Detail, "Unit 11")
	assert.Contains(t, p.Response.Detail, web.Code, "the detail names the asset holding the unit")
	require.Len(t, p.Response.Errors, 1)
	assert.Equal(t, "position", p.Response.Errors[0].Field)
	assert.Contains(t, p.Response.Errors[0].Message, "Unit 11")

	// Nothing changed, and the unit just above is free.
	assertUnits(t, ctx, c, s.rack.ID, 2, 0, 40)
	mustPlace(t, ctx, c, s.rack.ID, "pdu-shelf", mount{position: 12, uHeight: 1, face: binoraapi.FaceRear})
	assertUnits(t, ctx, c, s.rack.ID, 3, 0, 39)
}

func TestFacilities_ReservationAdmitsTheAssetThatNamesIt(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)
	c := login(t, tn, nil)
	s := newSite(t, ctx, c)

	res, err := c.CreateRackReservation(ctx, &binoraapi.ReservationCreate{
		Position: 20, UHeight: binoraapi.NewOptInt(2), Face: binoraapi.FaceFront, Description: "Project Atlas storage",
	}, binoraapi.CreateRackReservationParams{ID: s.rack.ID})
	require.NoError(t, err)
	assert.Equal(t, s.rack.ID, res.Rack.ID)
	assert.Equal(t, []int{20, 2}, []int{res.Position, res.UHeight})
	assert.False(t, res.FullDepth)
	assert.False(t, res.Expired)
	assert.True(t, res.ExpiresAt.Null, "no expiry given: until released")
	assert.Equal(t, tn.email, res.CreatedBy.Value.Email)
	assertUnits(t, ctx, c, s.rack.ID, 0, 2, 40)

	into := mount{position: 20, uHeight: 2, face: binoraapi.FaceFront}
	_, err = placeAsset(ctx, c, s.rack.ID, "atlas-01", into)
	requireProblem(t, err, http.StatusConflict, "conflict")
	p, _ := binora.AsProblem(err)
	assert.Contains(t, p.Response.Detail, "Unit 20")
	assert.Contains(t, p.Response.Detail, "Project Atlas storage", "the detail names the reservation")

	into.reservationID = res.ID
	a := mustPlace(t, ctx, c, s.rack.ID, "atlas-01", into)
	assert.Equal(t, binoraapi.NewNilInt(20), a.Position)
	// Units an asset takes count as used, not reserved.
	assertUnits(t, ctx, c, s.rack.ID, 2, 0, 40)
}

func TestFacilities_MoveIsInPlacementHistoryNewestFirst(t *testing.T) {
	t.Parallel()
	tn := newTenant(t)
	ctx := testContext(t)
	c := login(t, tn, nil)
	s := newSite(t, ctx, c)
	a := mustPlace(t, ctx, c, s.rack.ID, "db-01", mount{position: 5, uHeight: 1, face: binoraapi.FaceFront})

	moved, _, err := binora.Object[binoraapi.Asset](c.UpdateAsset(ctx, &binoraapi.AssetPatch{Position: binoraapi.NewOptNilInt(30)},
		binoraapi.UpdateAssetParams{ID: a.ID}))
	require.NoError(t, err)
	assert.Equal(t, binoraapi.NewNilInt(30), moved.Position)
	assert.Equal(t, binoraapi.NewNilFace(binoraapi.FaceFront), moved.Face)

	h, err := c.ListAssetPlacementHistory(ctx, binoraapi.ListAssetPlacementHistoryParams{ID: a.ID})
	require.NoError(t, err)
	require.Equal(t, 2, h.Count)
	require.Len(t, h.Results, 2)
	at := func(pos int) binoraapi.NilPlacement {
		return binoraapi.NewNilPlacement(binoraapi.Placement{
			Rack:     binoraapi.RackRef{ID: s.rack.ID, Name: "R01"},
			Position: binoraapi.NewNilInt(pos),
			Face:     binoraapi.NewNilFace(binoraapi.FaceFront),
		})
	}
	move, created := h.Results[0], h.Results[1]
	assert.Equal(t, at(5), move.From, "newest first: the move")
	assert.Equal(t, at(30), move.To)
	assert.True(t, created.From.Null, "the create is a move from nowhere")
	assert.Equal(t, at(5), created.To)
	assert.Equal(t, tn.email, move.ChangedBy.Value.Email)
	assert.False(t, move.ChangedAt.Before(created.ChangedAt))
}

func TestFacilities_UnitFilterFindsMultiUnitAsset(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	c := login(t, newTenant(t), nil)
	s := newSite(t, ctx, c)
	mustPlace(t, ctx, c, s.rack.ID, "tor-01", mount{position: 1, uHeight: 1, face: binoraapi.FaceFront})
	big := mustPlace(t, ctx, c, s.rack.ID, "storage-01",
		mount{position: 10, uHeight: 3, face: binoraapi.FaceFront, fullDepth: true})

	inRack, err := c.ListAssets(ctx, binoraapi.ListAssetsParams{RackID: binoraapi.NewOptInt64(s.rack.ID)})
	require.NoError(t, err)
	assert.Equal(t, 2, inRack.Count)

	for unit, want := range map[int][]int64{10: {big.ID}, 12: {big.ID}, 13: nil, 2: nil} {
		got, err := c.ListAssets(ctx, binoraapi.ListAssetsParams{
			RackID: binoraapi.NewOptInt64(s.rack.ID), Unit: binoraapi.NewOptInt(unit),
		})
		require.NoError(t, err)
		var ids []int64
		for _, a := range got.Results {
			ids = append(ids, a.ID)
		}
		assert.Equal(t, want, ids, "unit %d", unit)
		assert.Equal(t, len(want), got.Count, "unit %d", unit)
	}

	_, err = c.ListAssets(ctx, binoraapi.ListAssetsParams{Unit: binoraapi.NewOptInt(12)})
	requireProblem(t, err, http.StatusBadRequest, "validation_error")
	p, _ := binora.AsProblem(err)
	require.NotEmpty(t, p.Response.Errors)
	assert.Equal(t, "unit", p.Response.Errors[0].Field, "without rack_id, unit is refused")
}
