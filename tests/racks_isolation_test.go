package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// rackVictim is a tenant with a rack holding a reservation, which another
// tenant tries to reach.
type rackVictim struct {
	*rackFloor
	rack        *api.Rack
	reservation *api.Reservation
}

func newRackVictim(t *testing.T, s *site) rackVictim {
	t.Helper()
	f := floorOf(t, s)
	r := f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), RowID: api.NewOptNilInt64(int64(f.row.ID)), Name: "VICTIM"})
	res := f.reserve(t, r, api.ReservationCreate{Position: 1, Face: api.FaceFront, Description: "theirs"})
	return rackVictim{rackFloor: f, rack: f.getRack(t, r.ID), reservation: res}
}

// assertUntouched checks, as the victim, that its rack and reservation are
// as they were.
func (v rackVictim) assertUntouched(t *testing.T) {
	t.Helper()
	assert.Equal(t, v.rack, v.getRack(t, v.rack.ID))
	l := v.reservations(t, v.rack)
	assert.Equal(t, []api.Reservation{*v.reservation}, l.Results)
}

func TestRackEndpoints_WithAnotherTenantsRackOrReservation_Are404AndChangeNothing(t *testing.T) {
	t.Parallel()
	// call acts on rack id and reservation resID as c; own is a room of the
	// caller's for the bodies that need one.
	type call func(t *testing.T, c *testsupport.Client, id, resID, own int64) error
	tests := []struct {
		name string
		call call
	}{
		{"get rack", func(t *testing.T, c *testsupport.Client, id, _, _ int64) error {
			_, err := c.GetRack(t.Context(), api.GetRackParams{ID: id})
			return err
		}},
		{"replace rack", func(t *testing.T, c *testsupport.Client, id, _, own int64) error {
			_, err := c.ReplaceRack(t.Context(), &api.RackCreate{RoomID: own, Name: "taken"}, api.ReplaceRackParams{ID: id})
			return err
		}},
		{"update rack", func(t *testing.T, c *testsupport.Client, id, _, _ int64) error {
			_, err := c.UpdateRack(t.Context(), &api.RackPatch{Name: api.NewOptString("taken")}, api.UpdateRackParams{ID: id})
			return err
		}},
		{"delete rack", func(t *testing.T, c *testsupport.Client, id, _, _ int64) error {
			return c.DeleteRack(t.Context(), api.DeleteRackParams{ID: id})
		}},
		{"list reservations", func(t *testing.T, c *testsupport.Client, id, _, _ int64) error {
			_, err := c.ListRackReservations(t.Context(), api.ListRackReservationsParams{ID: id})
			return err
		}},
		{"create reservation", func(t *testing.T, c *testsupport.Client, id, _, _ int64) error {
			_, err := c.CreateRackReservation(t.Context(), &api.ReservationCreate{Position: 2, Face: api.FaceFront, Description: "x"},
				api.CreateRackReservationParams{ID: id})
			return err
		}},
		{"delete reservation", func(t *testing.T, c *testsupport.Client, id, resID, _ int64) error {
			return c.DeleteRackReservation(t.Context(), api.DeleteRackReservationParams{ID: id, ReservationID: resID})
		}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		attacker := newRackFloor(t, env)
		v := newRackVictim(t, attacker.otherTenant(t))
		own := int64(attacker.room.ID)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				missing := tt.call(t, attacker.admin, missingID, missingID, own)

				err := tt.call(t, attacker.admin, v.rack.ID, v.reservation.ID, own)

				p := clientProblem(t, err, http.StatusNotFound, "not_found")
				assert.Equal(t, testsupport.Problem(t, missing).Response, p, "answers as for an id that does not exist")
				v.assertUntouched(t)
			})
		}
		t.Run("their reservation through an own rack", func(t *testing.T) {
			mine := attacker.rack(t, "MINE")

			err := attacker.admin.DeleteRackReservation(t.Context(), api.DeleteRackReservationParams{ID: mine.ID, ReservationID: v.reservation.ID})

			assert.Equal(t, "Reservation not found.", clientProblem(t, err, http.StatusNotFound, "not_found").Detail)
			v.assertUntouched(t)
		})
		t.Run("list", func(t *testing.T) {
			all, err := attacker.admin.ListRacks(t.Context(), api.ListRacksParams{})
			require.NoError(t, err)
			theirs, err := attacker.admin.ListRacks(t.Context(), api.ListRacksParams{DatacenterID: api.NewOptInt64(v.dc.ID)})
			require.NoError(t, err)

			for _, r := range all.Results {
				assert.NotEqual(t, v.rack.ID, r.ID)
			}
			assert.Zero(t, theirs.Count)
		})
	})
}

func TestRackWrites_NamingAnotherTenantsRoomOrRow_Are400NamingTheField(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		attacker := newRackFloor(t, env)
		v := newRackVictim(t, attacker.otherTenant(t))
		mine := attacker.rack(t, "MINE")
		ownRoom := int64(attacker.room.ID)
		theirRoom, theirRow := int64(v.room.ID), int64(v.row.ID)
		ctx := t.Context()
		tests := []struct {
			name  string
			call  func() error
			field string
		}{
			{"create in their room", func() error {
				_, err := attacker.admin.CreateRack(ctx, &api.RackCreate{RoomID: theirRoom, Name: "R9"}, api.CreateRackParams{})
				return err
			}, "room_id"},
			{"create in their row", func() error {
				_, err := attacker.admin.CreateRack(ctx, &api.RackCreate{RoomID: ownRoom, RowID: api.NewOptNilInt64(theirRow), Name: "R9"}, api.CreateRackParams{})
				return err
			}, "row_id"},
			{"move to their room", func() error {
				_, err := attacker.admin.UpdateRack(ctx, &api.RackPatch{RoomID: api.NewOptInt64(theirRoom)}, api.UpdateRackParams{ID: mine.ID})
				return err
			}, "room_id"},
			{"put in their row", func() error {
				_, err := attacker.admin.ReplaceRack(ctx, &api.RackCreate{RoomID: ownRoom, RowID: api.NewOptNilInt64(theirRow), Name: "MINE"},
					api.ReplaceRackParams{ID: mine.ID})
				return err
			}, "row_id"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := clientProblem(t, tt.call(), http.StatusBadRequest, "validation_error")

				require.Equal(t, []string{tt.field}, fieldNames(p))
				assert.Equal(t, map[string]string{"room_id": "No such room.", "row_id": "No such row."}[tt.field], p.Errors[0].Message,
					"answers as for a room or row that does not exist")
				assert.Equal(t, mine, attacker.getRack(t, mine.ID))
				v.assertUntouched(t)
			})
		}
	})
}
