package tests

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/testsupport"
)

func TestRoomAndRowWrites_BadBody_Is400NamingTheFieldAndWriteNothing(t *testing.T) {
	t.Parallel()
	// Bodies may name {dc}, {room} and {row}: the ids of the site's own.
	validRoom := `"datacenter_id":{dc},"name":"Hall 2","code":"H2"`
	tests := []badInput{
		{name: "room: unknown field", method: http.MethodPost, path: "/api/rooms", body: `{` + validRoom + `,"colour":"red"}`, field: "colour"},
		{name: "room: company_id", method: http.MethodPost, path: "/api/rooms", body: `{` + validRoom + `,"company_id":1}`, field: "company_id"},
		{name: "room: missing datacenter_id", method: http.MethodPost, path: "/api/rooms", body: `{"name":"Hall 2","code":"H2"}`, field: "datacenter_id"},
		{name: "room: datacenter_id 0", method: http.MethodPost, path: "/api/rooms", body: `{"datacenter_id":0,"name":"Hall 2","code":"H2"}`, field: "datacenter_id"},
		{name: "room: blank name", method: http.MethodPost, path: "/api/rooms", body: `{"datacenter_id":{dc},"name":"  ","code":"H2"}`, field: "name"},
		{name: "room: code of 21", method: http.MethodPost, path: "/api/rooms",
			body: `{"datacenter_id":{dc},"name":"Hall 2","code":"` + strings.Repeat("c", 21) + `"}`, field: "code"},
		{name: "room: floor as a number", method: http.MethodPost, path: "/api/rooms", body: `{` + validRoom + `,"floor":2}`, field: "floor"},
		{name: "room: replace without datacenter_id", method: http.MethodPut, path: "/api/rooms/{room}", body: `{"name":"Hall 2","code":"H2"}`, field: "datacenter_id"},
		{name: "room: patch a blank code", method: http.MethodPatch, path: "/api/rooms/{room}", body: `{"code":" "}`, field: "code"},
		{name: "row: missing room_id", method: http.MethodPost, path: "/api/rows", body: `{"name":"B"}`, field: "room_id"},
		{name: "row: blank name", method: http.MethodPost, path: "/api/rows", body: `{"room_id":{room},"name":" "}`, field: "name"},
		{name: "row: unknown field", method: http.MethodPost, path: "/api/rows", body: `{"room_id":{room},"name":"B","racks":3}`, field: "racks"},
		{name: "row: replace without room_id", method: http.MethodPut, path: "/api/rows/{row}", body: `{"name":"B"}`, field: "room_id"},
		{name: "row: patch a name of 101", method: http.MethodPatch, path: "/api/rows/{row}", body: `{"name":"` + strings.Repeat("n", 101) + `"}`, field: "name"},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		room := s.createRoom(t, s.createDatacenter(t, "INP1"), "H1")
		row := s.createRow(t, room, "A")
		expand := strings.NewReplacer("{dc}", fmt.Sprint(room.Datacenter.ID), "{room}", fmt.Sprint(room.ID), "{row}", fmt.Sprint(row.ID)).Replace
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := s.raw(t, tt.method, expand(tt.path), expand(tt.body))

				assertValidationError(t, r, tt.field)
				assert.Equal(t, room, s.getRoom(t, room.ID))
				assert.Equal(t, row, s.getRow(t, row.ID))
				assert.Equal(t, 1, s.roomCount(t))
				assert.Equal(t, 1, s.rowCount(t))
			})
		}
	})
}
