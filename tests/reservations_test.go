package tests

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestCreateReservation_WithTheDefaults_IsListedWithItsAuthor(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rack(t, "R01")
		until := time.Now().Add(24 * time.Hour).Truncate(time.Second).UTC()

		got := f.reserve(t, r, api.ReservationCreate{Position: 3, Face: api.FaceFront, Description: " Storage shelf "})
		upper := f.reserve(t, r, api.ReservationCreate{Position: 10, UHeight: api.NewOptInt(4), Face: api.FaceRear,
			FullDepth: api.NewOptBool(true), Description: "Atlas", ExpiresAt: api.NewOptNilDateTime(until)})
		lower := f.reserve(t, r, api.ReservationCreate{Position: 1, UHeight: api.NewOptInt(2), Face: api.FaceRear, Description: "Low"})

		assert.Positive(t, got.ID)
		assert.Equal(t, api.RackRef{ID: r.ID, Name: "R01"}, got.Rack)
		assert.Equal(t, 3, got.Position)
		assert.Equal(t, 1, got.UHeight, "one unit by default")
		assert.Equal(t, api.FaceFront, got.Face)
		assert.False(t, got.FullDepth)
		assert.Equal(t, "Storage shelf", got.Description)
		assert.True(t, got.ExpiresAt.IsNull())
		assert.False(t, got.Expired)
		assert.Equal(t, api.NewNilUserRef(api.UserRef{ID: int64(f.tn.Admin.ID), Email: f.tn.Admin.Email}), got.CreatedBy)
		assert.True(t, upper.FullDepth)
		assert.True(t, until.Equal(upper.ExpiresAt.Value), "expires at %v, want %v", upper.ExpiresAt.Value, until)
		l := f.reservations(t, r)
		assert.Equal(t, 3, l.Count)
		assert.Equal(t, []api.Reservation{*lower, *got, *upper}, l.Results, "lowest unit first")
		assert.Equal(t, units{Reserved: 7, Free: 35}, unitsOf(f.getRack(t, r.ID)))
	})
}

func TestListReservations_Pages(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rack(t, "R01")
		for pos := range 5 {
			f.reserve(t, r, api.ReservationCreate{Position: 5 - pos, Face: api.FaceFront, Description: fmt.Sprint("u", 5-pos)})
		}

		page, err := f.admin.ListRackReservations(t.Context(), api.ListRackReservationsParams{ID: r.ID, Limit: api.NewOptInt(2), Offset: api.NewOptInt(2)})

		require.NoError(t, err)
		assert.Equal(t, 5, page.Count)
		require.Len(t, page.Results, 2)
		assert.Equal(t, []int{3, 4}, []int{page.Results[0].Position, page.Results[1].Position})
		assert.False(t, page.Next.IsNull())
		assert.False(t, page.Previous.IsNull())
	})
}

func TestCreateReservation_OutsideTheRack_Is400NamingPosition(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), Name: "R01", UHeight: api.NewOptInt(10), StartingUnit: api.NewOptInt(5)})
		for _, give := range []api.ReservationCreate{
			{Position: 4, Face: api.FaceFront, Description: "below"},
			{Position: 14, UHeight: api.NewOptInt(2), Face: api.FaceFront, Description: "past the top"},
		} {
			_, err := f.admin.CreateRackReservation(t.Context(), &give, api.CreateRackReservationParams{ID: r.ID})

			p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
			assert.Equal(t, []string{"position"}, fieldNames(p))
			assert.Contains(t, p.Errors[0].Message, "whose units are 5 to 14")
		}
		assert.Zero(t, f.reservations(t, r).Count)
	})
}

func TestCreateReservation_ExpiringInThePast_Is400NamingExpiresAt(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rack(t, "R01")

		_, err := f.admin.CreateRackReservation(t.Context(), &api.ReservationCreate{Position: 1, Face: api.FaceFront,
			Description: "late", ExpiresAt: api.NewOptNilDateTime(time.Now().Add(-time.Minute))}, api.CreateRackReservationParams{ID: r.ID})

		p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"expires_at"}, fieldNames(p))
	})
}

func TestCreateReservation_OnTakenUnits_Is409NamingTheUnitAndTheHolder(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rack(t, "R01")
		web := f.placed(t, r, "web-01", 10, 2, asset.FaceFront, true)
		atlas := f.reserve(t, r, api.ReservationCreate{Position: 20, UHeight: api.NewOptInt(2), Face: api.FaceRear, Description: "Atlas"})
		tests := []struct {
			name string
			give api.ReservationCreate
			want string
		}{
			{"an asset on both faces", api.ReservationCreate{Position: 9, UHeight: api.NewOptInt(2), Face: api.FaceRear, Description: "x"},
				fmt.Sprintf(`Unit 10 (rear) is taken by asset %s "web-01" (id %d).`, web.Code, web.ID)},
			{"a reservation on the same face", api.ReservationCreate{Position: 21, Face: api.FaceRear, Description: "x"},
				fmt.Sprintf(`Unit 21 (rear) is reserved for "Atlas" (reservation %d).`, atlas.ID)},
			{"a full-depth reservation over a rear one", api.ReservationCreate{Position: 18, UHeight: api.NewOptInt(3), Face: api.FaceFront,
				FullDepth: api.NewOptBool(true), Description: "x"},
				fmt.Sprintf(`Unit 20 (rear) is reserved for "Atlas" (reservation %d).`, atlas.ID)},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.admin.CreateRackReservation(t.Context(), &tt.give, api.CreateRackReservationParams{ID: r.ID})

				p := clientProblem(t, err, http.StatusConflict, "conflict")
				require.Equal(t, []string{"position"}, fieldNames(p))
				assert.Equal(t, tt.want, p.Errors[0].Message)
			})
		}
		_, err := f.admin.CreateRackReservation(t.Context(), &api.ReservationCreate{Position: 20, UHeight: api.NewOptInt(2),
			Face: api.FaceFront, Description: "front of Atlas"}, api.CreateRackReservationParams{ID: r.ID})
		require.NoError(t, err, "the other face is free")
		assert.Equal(t, 2, f.reservations(t, r).Count)
	})
}

func TestReservations_Expired_BlockNothingAndAreShownExpired(t *testing.T) {
	t.Parallel()
	forEachClockedFloor(t, func(t *testing.T, f *clockedFloor) {
		r := f.rack(t, "R01")
		old := f.reserve(t, r, api.ReservationCreate{Position: 1, UHeight: api.NewOptInt(4), Face: api.FaceFront,
			Description: "old", ExpiresAt: api.NewOptNilDateTime(f.clock.Now().Add(time.Minute))})
		f.clock.Advance(time.Minute)

		again, err := f.admin.CreateRackReservation(t.Context(), &api.ReservationCreate{Position: 2, Face: api.FaceFront,
			Description: "new"}, api.CreateRackReservationParams{ID: r.ID})

		require.NoError(t, err, "an expired reservation blocks nothing")
		l := f.reservations(t, r)
		require.Len(t, l.Results, 2)
		assert.Equal(t, old.ID, l.Results[0].ID)
		assert.True(t, l.Results[0].Expired)
		assert.Equal(t, again.ID, l.Results[1].ID)
		assert.False(t, l.Results[1].Expired)
		assert.Equal(t, units{Reserved: 1, Free: 41}, unitsOf(f.getRack(t, r.ID)))
		moved, err := f.admin.UpdateRack(t.Context(), &api.RackPatch{StartingUnit: api.NewOptInt(2)}, api.UpdateRackParams{ID: r.ID})
		require.NoError(t, err, "nor keeps the rack from changing")
		assert.Equal(t, 2, moved.StartingUnit)
	})
}

func TestCreateReservation_InARetiredRack_Is409NamingTheRack(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), Name: "R-OLD", Status: api.NewOptRackCreateStatus(api.RackCreateStatusRetired)})

		_, err := f.admin.CreateRackReservation(t.Context(), &api.ReservationCreate{Position: 1, Face: api.FaceFront, Description: "x"},
			api.CreateRackReservationParams{ID: r.ID})

		p := clientProblem(t, err, http.StatusConflict, "conflict")
		assert.Empty(t, p.Errors)
		assert.Contains(t, p.Detail, "R-OLD")
	})
}

func TestDeleteReservation_OnlyThroughItsOwnRack(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r, other := f.rack(t, "R01"), f.rack(t, "R02")
		res := f.reserve(t, r, api.ReservationCreate{Position: 1, Face: api.FaceFront, Description: "x"})
		ctx := t.Context()

		wrongRack := f.admin.DeleteRackReservation(ctx, api.DeleteRackReservationParams{ID: other.ID, ReservationID: res.ID})
		missing := f.admin.DeleteRackReservation(ctx, api.DeleteRackReservationParams{ID: r.ID, ReservationID: missingID})
		assert.Equal(t, 1, f.reservations(t, r).Count)
		released := f.admin.DeleteRackReservation(ctx, api.DeleteRackReservationParams{ID: r.ID, ReservationID: res.ID})

		for _, err := range []error{wrongRack, missing} {
			assert.Equal(t, "Reservation not found.", clientProblem(t, err, http.StatusNotFound, "not_found").Detail)
		}
		require.NoError(t, released)
		assert.Zero(t, f.reservations(t, r).Count)
		assert.Equal(t, units{Free: 42}, unitsOf(f.getRack(t, r.ID)))
	})
}

func TestCreateReservation_Concurrently_OnTheSameUnits_OneWins(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rack(t, "R01")
		const n = 8

		errs := concurrently(n, func(i int) error {
			// Overlapping blocks: each takes unit 10, from a different start.
			_, err := f.admin.CreateRackReservation(t.Context(), &api.ReservationCreate{Position: 10 - i%3,
				UHeight: api.NewOptInt(3), Face: api.FaceFront, Description: fmt.Sprint("racer ", i)},
				api.CreateRackReservationParams{ID: r.ID})
			return err
		})

		won := 0
		for _, err := range errs {
			if err == nil {
				won++
				continue
			}
			p := clientProblem(t, err, http.StatusConflict, "conflict")
			assert.Equal(t, []string{"position"}, fieldNames(p))
		}
		assert.Equal(t, 1, won)
		assert.Equal(t, 1, f.reservations(t, r).Count)
		assert.Equal(t, 3, f.getRack(t, r.ID).UnitsReserved)
	})
}
