package tests

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// roomVictim is a tenant with a datacenter, a room, a row in it and a rack
// in the row, which another tenant tries to reach.
type roomVictim struct {
	*site
	dc   *api.Datacenter
	room *api.Room
	row  *api.Row
}

func newRoomVictim(t *testing.T, s *site) roomVictim {
	t.Helper()
	dc := s.createDatacenter(t, "VIC1")
	room, err := s.admin.CreateRoom(t.Context(), &api.RoomCreate{DatacenterID: dc.ID, Name: "Victim hall", Code: "VH1",
		Floor: api.NewOptNilString("1")}, api.CreateRoomParams{})
	require.NoError(t, err)
	row := s.createRow(t, room, "Victim row")
	s.standRack(t, room, row, "Victim rack")
	return roomVictim{site: s, dc: dc, room: room, row: row}
}

// assertUntouched checks, as the victim, that nothing of theirs changed.
func (v roomVictim) assertUntouched(t *testing.T) {
	t.Helper()
	assert.Equal(t, v.room, v.getRoom(t, v.room.ID))
	assert.Equal(t, v.row, v.getRow(t, v.row.ID))
	assert.Equal(t, 1, v.roomCount(t))
	assert.Equal(t, 1, v.rowCount(t))
}

func TestRoomAndRowEndpoints_WithAnotherTenantsID_Are404AndChangeNothing(t *testing.T) {
	t.Parallel()
	// own is the attacker's room; theirs the victim, whose ids the calls
	// name (dc in a body, id in the path).
	type call func(t *testing.T, c *testsupport.Client, id int64, own *api.Room, theirs roomVictim) error
	roomOf := func(v roomVictim) int64 { return v.room.ID }
	rowOf := func(v roomVictim) int64 { return v.row.ID }
	tests := []struct {
		name   string
		victim func(v roomVictim) int64
		call   call
	}{
		{"get room", roomOf, func(t *testing.T, c *testsupport.Client, id int64, _ *api.Room, _ roomVictim) error {
			_, err := c.GetRoom(t.Context(), api.GetRoomParams{ID: id})
			return err
		}},
		{"replace room in own datacenter", roomOf, func(t *testing.T, c *testsupport.Client, id int64, own *api.Room, _ roomVictim) error {
			_, err := c.ReplaceRoom(t.Context(), &api.RoomCreate{DatacenterID: own.Datacenter.ID, Name: "Taken", Code: "TAKEN"}, api.ReplaceRoomParams{ID: id})
			return err
		}},
		{"replace room in its datacenter", roomOf, func(t *testing.T, c *testsupport.Client, id int64, _ *api.Room, v roomVictim) error {
			_, err := c.ReplaceRoom(t.Context(), &api.RoomCreate{DatacenterID: v.dc.ID, Name: "Taken", Code: "TAKEN"}, api.ReplaceRoomParams{ID: id})
			return err
		}},
		{"update room", roomOf, func(t *testing.T, c *testsupport.Client, id int64, _ *api.Room, _ roomVictim) error {
			_, err := c.UpdateRoom(t.Context(), &api.RoomPatch{Name: api.NewOptString("Taken")}, api.UpdateRoomParams{ID: id})
			return err
		}},
		{"delete room that holds a row and a rack", roomOf, func(t *testing.T, c *testsupport.Client, id int64, _ *api.Room, _ roomVictim) error {
			return c.DeleteRoom(t.Context(), api.DeleteRoomParams{ID: id})
		}},
		{"get row", rowOf, func(t *testing.T, c *testsupport.Client, id int64, _ *api.Room, _ roomVictim) error {
			_, err := c.GetRow(t.Context(), api.GetRowParams{ID: id})
			return err
		}},
		{"replace row in own room", rowOf, func(t *testing.T, c *testsupport.Client, id int64, own *api.Room, _ roomVictim) error {
			_, err := c.ReplaceRow(t.Context(), &api.RowCreate{RoomID: own.ID, Name: "Taken"}, api.ReplaceRowParams{ID: id})
			return err
		}},
		{"replace row in its room", rowOf, func(t *testing.T, c *testsupport.Client, id int64, _ *api.Room, v roomVictim) error {
			_, err := c.ReplaceRow(t.Context(), &api.RowCreate{RoomID: v.room.ID, Name: "Taken"}, api.ReplaceRowParams{ID: id})
			return err
		}},
		{"update row", rowOf, func(t *testing.T, c *testsupport.Client, id int64, _ *api.Room, _ roomVictim) error {
			_, err := c.UpdateRow(t.Context(), &api.RowPatch{Name: api.NewOptString("Taken")}, api.UpdateRowParams{ID: id})
			return err
		}},
		{"delete row that holds a rack", rowOf, func(t *testing.T, c *testsupport.Client, id int64, _ *api.Room, _ roomVictim) error {
			return c.DeleteRow(t.Context(), api.DeleteRowParams{ID: id})
		}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		attacker := newSite(t, env)
		own := attacker.createRoom(t, attacker.createDatacenter(t, "OWN1"), "OWN")
		v := newRoomVictim(t, attacker.otherTenant(t))
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				missing := tt.call(t, attacker.admin, missingID, own, v)

				err := tt.call(t, attacker.admin, tt.victim(v), own, v)

				p := clientProblem(t, err, http.StatusNotFound, "not_found")
				assert.Equal(t, testsupport.Problem(t, missing).Response, p, "answers as for an id that does not exist")
				v.assertUntouched(t)
			})
		}
	})
}

func TestRoomAndRowCreates_NamingAnotherTenantsParent_Are400AndWriteNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		v := newRoomVictim(t, s.otherTenant(t))
		createRoom := func(dc int64) error {
			_, err := s.admin.CreateRoom(t.Context(), &api.RoomCreate{DatacenterID: dc, Name: "Intruder", Code: "INT"}, api.CreateRoomParams{})
			return err
		}
		createRow := func(room int64) error {
			_, err := s.admin.CreateRow(t.Context(), &api.RowCreate{RoomID: room, Name: "Intruder"}, api.CreateRowParams{})
			return err
		}

		roomErr, missingRoomErr := createRoom(v.dc.ID), createRoom(missingID)
		rowErr, missingRowErr := createRow(v.room.ID), createRow(missingID)

		p := clientProblem(t, roomErr, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"datacenter_id"}, fieldNames(p))
		assert.Equal(t, testsupport.Problem(t, missingRoomErr).Response, p, "answers as for an id that does not exist")
		p = clientProblem(t, rowErr, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"room_id"}, fieldNames(p))
		assert.Equal(t, testsupport.Problem(t, missingRowErr).Response, p, "answers as for an id that does not exist")
		assert.Zero(t, s.roomCount(t))
		assert.Zero(t, s.rowCount(t))
		v.assertUntouched(t)
	})
}

func TestRoomAndRowLists_NeverShowAnotherTenants(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		ownRoom := s.createRoom(t, s.createDatacenter(t, "OWN1"), "OWN")
		ownRow := s.createRow(t, ownRoom, "Own row")
		v := newRoomVictim(t, s.otherTenant(t))
		rooms := func(p api.ListRoomsParams) *api.RoomList {
			l, err := s.admin.ListRooms(t.Context(), p)
			require.NoError(t, err)
			return l
		}
		rows := func(p api.ListRowsParams) *api.RowList {
			l, err := s.admin.ListRows(t.Context(), p)
			require.NoError(t, err)
			return l
		}

		allRooms, allRows := rooms(api.ListRoomsParams{}), rows(api.ListRowsParams{})
		emptyRooms := []*api.RoomList{
			rooms(api.ListRoomsParams{DatacenterID: api.NewOptInt64(v.dc.ID)}),
			rooms(api.ListRoomsParams{Q: api.NewOptString("Victim")}),
			rooms(api.ListRoomsParams{Q: api.NewOptString("VH1")}),
		}
		emptyRows := []*api.RowList{
			rows(api.ListRowsParams{DatacenterID: api.NewOptInt64(v.dc.ID)}),
			rows(api.ListRowsParams{RoomID: api.NewOptInt64(v.room.ID)}),
			rows(api.ListRowsParams{Q: api.NewOptString("Victim")}),
		}

		assert.Equal(t, []api.Room{*ownRoom}, allRooms.Results)
		assert.Equal(t, 1, allRooms.Count)
		assert.Equal(t, []api.Row{*ownRow}, allRows.Results)
		assert.Equal(t, 1, allRows.Count)
		for _, l := range emptyRooms {
			assert.Zero(t, l.Count)
			assert.Empty(t, l.Results)
		}
		for _, l := range emptyRows {
			assert.Zero(t, l.Count)
			assert.Empty(t, l.Results)
		}
	})
}

func TestRoomAndRowResponses_NeverCarryTheCompany(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		room := s.createRoom(t, s.createDatacenter(t, "MAD1"), "H1")
		row := s.createRow(t, room, "A")

		for _, path := range []string{"/api/rooms", fmt.Sprintf("/api/rooms/%d", room.ID), "/api/rows", fmt.Sprintf("/api/rows/%d", row.ID)} {
			r := s.raw(t, http.MethodGet, path, "")

			require.Equal(t, http.StatusOK, r.Status, "%s: %s", path, r.Body)
			assertNoCompany(t, path, r.Body)
		}
	})
}
