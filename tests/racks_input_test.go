package tests

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/testsupport"
)

func TestRackAndReservationInput_OutOfRange_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rack(t, "R01")
		rack := fmt.Sprintf("/api/racks/%d", r.ID)
		body := func(extra string) string { return fmt.Sprintf(`{"room_id":%d,"name":"R09",%s}`, f.room.ID, extra) }
		tests := []badInput{
			{name: "u_height 0", method: http.MethodPost, path: "/api/racks", body: body(`"u_height":0`), field: "u_height"},
			{name: "u_height 101", method: http.MethodPut, path: rack, body: body(`"u_height":101`), field: "u_height"},
			{name: "starting_unit 0", method: http.MethodPatch, path: rack, body: `{"starting_unit":0}`, field: "starting_unit"},
			{name: "status gone", method: http.MethodPost, path: "/api/racks", body: body(`"status":"gone"`), field: "status"},
			{name: "max_weight_kg 0", method: http.MethodPatch, path: rack, body: `{"max_weight_kg":0}`, field: "max_weight_kg"},
			{name: "room_id 0", method: http.MethodPatch, path: rack, body: `{"room_id":0}`, field: "room_id"},
			{name: "list status gone", method: http.MethodGet, path: "/api/racks?status=active&status=gone", field: "status"},
			{name: "list ordering bogus", method: http.MethodGet, path: "/api/racks?ordering=u_height", field: "ordering"},
			{name: "list row_id 0", method: http.MethodGet, path: "/api/racks?row_id=0", field: "row_id"},
			{name: "rack id 0", method: http.MethodGet, path: "/api/racks/0", field: "id"},
			{name: "reservation position 0", method: http.MethodPost, path: rack + "/reservations",
				body: `{"position":0,"face":"front","description":"x"}`, field: "position"},
			{name: "reservation u_height 101", method: http.MethodPost, path: rack + "/reservations",
				body: `{"position":1,"u_height":101,"face":"front","description":"x"}`, field: "u_height"},
			{name: "reservation face top", method: http.MethodPost, path: rack + "/reservations",
				body: `{"position":1,"face":"top","description":"x"}`, field: "face"},
			{name: "reservation blank description", method: http.MethodPost, path: rack + "/reservations",
				body: `{"position":1,"face":"front","description":"  "}`, field: "description"},
			{name: "reservation id 0", method: http.MethodDelete, path: rack + "/reservations/0", field: "reservation_id"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp := f.raw(t, tt.method, tt.path, tt.body)

				assertValidationError(t, resp, tt.field)
			})
		}
		assert.Equal(t, r, f.getRack(t, r.ID))
		assert.Zero(t, f.reservations(t, r).Count)
	})
}
