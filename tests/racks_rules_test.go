package tests

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/rackreservation"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestUpdateRack_ShrinkingPastAnAssetOrReservation_Is409NamingIt(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), Name: "R01", UHeight: api.NewOptInt(20)})
		web := f.placed(t, r, "web-01", 15, 2, asset.FaceFront, true)
		shelf := f.reserve(t, r, api.ReservationCreate{Position: 18, UHeight: api.NewOptInt(3), Face: api.FaceRear, Description: "Atlas"})
		low := f.reserve(t, r, api.ReservationCreate{Position: 1, Face: api.FaceFront, Description: "Low"})
		ctx := t.Context()

		_, pastReservation := f.admin.UpdateRack(ctx, &api.RackPatch{UHeight: api.NewOptInt(19)}, api.UpdateRackParams{ID: r.ID})
		_, pastAsset := f.admin.ReplaceRack(ctx, &api.RackCreate{RoomID: int64(f.room.ID), Name: "R01", UHeight: api.NewOptInt(14)}, api.ReplaceRackParams{ID: r.ID})
		_, renumbered := f.admin.UpdateRack(ctx, &api.RackPatch{StartingUnit: api.NewOptInt(2)}, api.UpdateRackParams{ID: r.ID})

		p := clientProblem(t, pastReservation, http.StatusConflict, "conflict")
		assert.Equal(t, []string{"u_height"}, fieldNames(p))
		assert.Contains(t, p.Detail, `Reservation `+fmt.Sprint(shelf.ID)+` ("Atlas") takes units 18 to 20`)
		p = clientProblem(t, pastAsset, http.StatusConflict, "conflict")
		assert.Equal(t, []string{"u_height"}, fieldNames(p))
		assert.Contains(t, p.Detail, `Asset `+web.Code+` "web-01" (id `+fmt.Sprint(web.ID)+`) takes units 15 to 16`, "the lowest block outside")
		p = clientProblem(t, renumbered, http.StatusConflict, "conflict")
		assert.Equal(t, []string{"starting_unit"}, fieldNames(p))
		assert.Contains(t, p.Detail, `Reservation `+fmt.Sprint(low.ID)+` ("Low")`)
		assert.Equal(t, 20, f.getRack(t, r.ID).UHeight)

		grown, err := f.admin.UpdateRack(ctx, &api.RackPatch{UHeight: api.NewOptInt(48)}, api.UpdateRackParams{ID: r.ID})
		require.NoError(t, err)
		assert.Equal(t, units{Used: 2, Reserved: 4, Free: 42, Utilization: 4.2}, unitsOf(grown))
		require.NoError(t, f.admin.DeleteRackReservation(ctx, api.DeleteRackReservationParams{ID: r.ID, ReservationID: shelf.ID}))
		shrunk, err := f.admin.UpdateRack(ctx, &api.RackPatch{UHeight: api.NewOptInt(16)}, api.UpdateRackParams{ID: r.ID})
		require.NoError(t, err, "down to the highest unit taken")
		assert.Equal(t, units{Used: 2, Reserved: 1, Free: 13, Utilization: 12.5}, unitsOf(shrunk))
	})
}

func TestUpdateRack_ToAnotherDatacenter_IsRefusedWhileItHoldsAnything(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		bcn := f.createDatacenter(t, "BCN1")
		there := f.roomIn(t, bcn, "B1")
		sameDC := f.roomIn(t, f.dc, "H2")
		withAsset, withUnplaced, withReservation := f.rack(t, "R01"), f.rack(t, "R02"), f.rack(t, "R03")
		f.placed(t, withAsset, "web-01", 1, 1, asset.FaceFront, false)
		pdu := f.placed(t, withUnplaced, "pdu", 0, 0, "", false)
		f.reserve(t, withReservation, api.ReservationCreate{Position: 1, Face: api.FaceFront, Description: "Atlas"})
		move := func(r *api.Rack, room int) (*api.Rack, error) {
			return f.admin.UpdateRack(t.Context(), &api.RackPatch{RoomID: api.NewOptInt64(int64(room))}, api.UpdateRackParams{ID: r.ID})
		}

		for _, r := range []*api.Rack{withAsset, withUnplaced, withReservation} {
			_, err := move(r, there.ID)

			p := clientProblem(t, err, http.StatusConflict, "conflict")
			assert.Equal(t, []string{"room_id"}, fieldNames(p))
			assert.Equal(t, f.dc.ID, f.getRack(t, r.ID).Datacenter.ID)
		}
		inDC, err := move(withAsset, sameDC.ID)
		require.NoError(t, err, "another room of the same datacenter")
		assert.Equal(t, int64(sameDC.ID), inDC.Room.ID)
		f.unplace(t, pdu)
		moved, err := move(withUnplaced, there.ID)
		require.NoError(t, err, "an empty rack moves")
		assert.Equal(t, api.DatacenterRef{ID: bcn.ID, Code: "BCN1", Name: "Datacenter BCN1"}, moved.Datacenter)
		assert.Equal(t, moved, f.getRack(t, moved.ID))
	})
}

func TestUpdateRack_RowMustBeInTheRoomItEndsIn(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		room2 := f.roomIn(t, f.dc, "H2")
		row2 := f.rowIn(t, room2, "B")
		r := f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), RowID: api.NewOptNilInt64(int64(f.row.ID)), Name: "R01"})
		ctx := t.Context()

		_, keptRow := f.admin.UpdateRack(ctx, &api.RackPatch{RoomID: api.NewOptInt64(int64(room2.ID))}, api.UpdateRackParams{ID: r.ID})
		_, foreignRow := f.admin.UpdateRack(ctx, &api.RackPatch{RowID: api.NewOptNilInt64(int64(row2.ID))}, api.UpdateRackParams{ID: r.ID})
		moved, err := f.admin.UpdateRack(ctx, &api.RackPatch{RoomID: api.NewOptInt64(int64(room2.ID)), RowID: api.NewOptNilInt64(int64(row2.ID))}, api.UpdateRackParams{ID: r.ID})

		for _, err := range []error{keptRow, foreignRow} {
			p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
			assert.Equal(t, []string{"row_id"}, fieldNames(p))
		}
		require.NoError(t, err)
		assert.Equal(t, int64(room2.ID), moved.Room.ID)
		assert.Equal(t, api.NewNilRowRef(api.RowRef{ID: int64(row2.ID), Name: "B"}), moved.Row)
	})
}

func TestDeleteRack_HoldingAnything_Is409SayingHowMany(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rack(t, "R01")
		web := f.placed(t, r, "web-01", 1, 1, asset.FaceFront, false)
		pdu := f.placed(t, r, "pdu", 0, 0, "", false)
		atlas := f.reserve(t, r, api.ReservationCreate{Position: 5, Face: api.FaceFront, Description: "Atlas"})
		ctx := t.Context()
		del := func() error { return f.admin.DeleteRack(ctx, api.DeleteRackParams{ID: r.ID}) }

		full := del()
		f.unplace(t, web)
		f.unplace(t, pdu)
		reserved := del()
		require.NoError(t, f.admin.DeleteRackReservation(ctx, api.DeleteRackReservationParams{ID: r.ID, ReservationID: atlas.ID}))
		f.placed(t, r, "web-02", 1, 1, asset.FaceFront, false)
		oneAsset := del()

		assert.Equal(t, "The rack still holds 2 assets and 1 live reservation; move or delete them first.",
			clientProblem(t, full, http.StatusConflict, "conflict").Detail)
		assert.Equal(t, "The rack still holds 1 live reservation; move or delete them first.",
			clientProblem(t, reserved, http.StatusConflict, "conflict").Detail)
		assert.Equal(t, "The rack still holds 1 asset; move or delete them first.",
			clientProblem(t, oneAsset, http.StatusConflict, "conflict").Detail)
		assert.Equal(t, r.ID, f.getRack(t, r.ID).ID)
	})
}

func TestDeleteRack_Empty_GoesWithItsExpiredReservations(t *testing.T) {
	t.Parallel()
	forEachClockedFloor(t, func(t *testing.T, f *clockedFloor) {
		r := f.rack(t, "R01")
		f.reserve(t, r, api.ReservationCreate{Position: 1, Face: api.FaceFront, Description: "soon over",
			ExpiresAt: api.NewOptNilDateTime(f.clock.Now().Add(time.Minute))})
		f.clock.Advance(2 * time.Minute)

		err := f.admin.DeleteRack(t.Context(), api.DeleteRackParams{ID: r.ID})

		require.NoError(t, err)
		_, err = f.admin.GetRack(t.Context(), api.GetRackParams{ID: r.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		left, err := f.env.App.DB.Client.RackReservation.Query().Where(rackreservation.RackID(int(r.ID))).Count(f.tn.Ctx())
		require.NoError(t, err)
		assert.Zero(t, left)
	})
}
