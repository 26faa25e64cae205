package tests

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func (s *site) createRow(t *testing.T, room *api.Room, name string) *api.Row {
	t.Helper()
	r, err := s.admin.CreateRow(t.Context(), &api.RowCreate{RoomID: room.ID, Name: name}, api.CreateRowParams{})
	require.NoError(t, err)
	return r
}

func (s *site) getRow(t *testing.T, id int64) *api.Row {
	t.Helper()
	r, err := s.admin.GetRow(t.Context(), api.GetRowParams{ID: id})
	require.NoError(t, err)
	return r
}

func (s *site) rowCount(t *testing.T) int {
	t.Helper()
	l, err := s.admin.ListRows(t.Context(), api.ListRowsParams{})
	require.NoError(t, err)
	return l.Count
}

func TestCreateRow_Is201WithTheRowAndItsRoom(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		room := s.createRoom(t, s.createDatacenter(t, "MAD1"), "H1")

		r := s.raw(t, http.MethodPost, "/api/rows", fmt.Sprintf(`{"room_id":%d,"name":" A "}`, room.ID))

		require.Equal(t, http.StatusCreated, r.Status, "body: %s", r.Body)
		var row api.Row
		require.NoError(t, json.Unmarshal(r.Body, &row))
		assert.Positive(t, row.ID)
		assert.Equal(t, api.RoomRef{ID: room.ID, Code: "H1", Name: "Hall H1"}, row.Room)
		assert.Equal(t, "A", row.Name, "trimmed")
		assert.False(t, row.CreatedAt.IsZero())
		assert.Equal(t, &row, s.getRow(t, row.ID))
	})
}

func TestRow_DuplicateNameInTheRoom_Is409NamingName(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		room, otherRoom := s.createRoom(t, dc, "H1"), s.createRoom(t, dc, "H2")
		s.createRow(t, room, "A")
		other := s.createRow(t, room, "B")

		_, createErr := s.admin.CreateRow(t.Context(), &api.RowCreate{RoomID: room.ID, Name: "A"}, api.CreateRowParams{})
		_, putErr := s.admin.ReplaceRow(t.Context(), &api.RowCreate{RoomID: room.ID, Name: "A"}, api.ReplaceRowParams{ID: other.ID})
		_, patchErr := s.admin.UpdateRow(t.Context(), &api.RowPatch{Name: api.NewOptString("A")}, api.UpdateRowParams{ID: other.ID})
		_, elsewhereErr := s.admin.CreateRow(t.Context(), &api.RowCreate{RoomID: otherRoom.ID, Name: "A"}, api.CreateRowParams{})

		for _, err := range []error{createErr, putErr, patchErr} {
			p := clientProblem(t, err, http.StatusConflict, "conflict")
			assert.Equal(t, []string{"name"}, fieldNames(p))
		}
		assert.NoError(t, elsewhereErr, "the same name in another room is fine")
		assert.Equal(t, 3, s.rowCount(t))
		assert.Equal(t, other, s.getRow(t, other.ID))
	})
}

func TestReplaceAndUpdateRow_RenameInPlace(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		room := s.createRoom(t, s.createDatacenter(t, "MAD1"), "H1")
		row := s.createRow(t, room, "A")

		replaced, putErr := s.admin.ReplaceRow(t.Context(), &api.RowCreate{RoomID: room.ID, Name: "B"}, api.ReplaceRowParams{ID: row.ID})
		kept, emptyErr := s.admin.UpdateRow(t.Context(), &api.RowPatch{}, api.UpdateRowParams{ID: row.ID})
		patched, patchErr := s.admin.UpdateRow(t.Context(), &api.RowPatch{Name: api.NewOptString("C")}, api.UpdateRowParams{ID: row.ID})

		require.NoError(t, putErr)
		require.NoError(t, emptyErr)
		require.NoError(t, patchErr)
		assert.Equal(t, "B", replaced.Name)
		assert.Equal(t, "B", kept.Name, "an empty patch changes nothing")
		assert.Equal(t, "C", patched.Name)
		assert.Equal(t, row.Room, patched.Room)
		assert.Equal(t, row.CreatedAt, patched.CreatedAt)
		assert.Equal(t, patched, s.getRow(t, row.ID))
	})
}

func TestReplaceRow_NamingAnotherRoom_Is400NamingRoomID(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		room, other := s.createRoom(t, dc, "H1"), s.createRoom(t, dc, "H2")
		they := s.otherTenant(t)
		theirs := they.createRoom(t, they.createDatacenter(t, "THEIRS"), "T1")
		row := s.createRow(t, room, "A")

		for _, roomID := range []int64{other.ID, theirs.ID, missingID} {
			r := s.raw(t, http.MethodPut, fmt.Sprintf("/api/rows/%d", row.ID), fmt.Sprintf(`{"room_id":%d,"name":"Moved"}`, roomID))

			assertValidationError(t, r, "room_id")
		}
		moved := s.raw(t, http.MethodPatch, fmt.Sprintf("/api/rows/%d", row.ID), fmt.Sprintf(`{"room_id":%d}`, other.ID))
		assertValidationError(t, moved, "room_id")
		assert.Equal(t, row, s.getRow(t, row.ID))
	})
}

func TestCreateRow_InAMissingRoom_Is400NamingRoomID(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		r := s.raw(t, http.MethodPost, "/api/rows", fmt.Sprintf(`{"room_id":%d,"name":"A"}`, missingID))

		assertValidationError(t, r, "room_id")
		assert.Equal(t, "No such room.", r.problem(t, http.StatusBadRequest).Errors[0].Message)
		assert.Zero(t, s.rowCount(t))
	})
}

func TestDeleteRow_Empty_Is204AndTheRowIsGone(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		room := s.createRoom(t, s.createDatacenter(t, "MAD1"), "H1")
		row := s.createRow(t, room, "A")

		r := s.raw(t, http.MethodDelete, fmt.Sprintf("/api/rows/%d", row.ID), "")

		assert.Equal(t, http.StatusNoContent, r.Status, "body: %s", r.Body)
		_, err := s.admin.GetRow(t.Context(), api.GetRowParams{ID: row.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		err = s.admin.DeleteRow(t.Context(), api.DeleteRowParams{ID: row.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		assert.Equal(t, room, s.getRoom(t, room.ID), "its room stays")
	})
}

func TestDeleteRow_WithRacksInIt_Is409NamingHowMany(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		room := s.createRoom(t, s.createDatacenter(t, "MAD1"), "H1")
		row, other := s.createRow(t, room, "A"), s.createRow(t, room, "B")
		r1, r2 := s.standRack(t, room, row, "R1"), s.standRack(t, room, row, "R2")
		s.standRack(t, room, other, "R3")
		s.standRack(t, room, nil, "R4")
		deleteRow := func() error { return s.admin.DeleteRow(t.Context(), api.DeleteRowParams{ID: row.ID}) }

		two := clientProblem(t, deleteRow(), http.StatusConflict, "conflict")
		s.removeRack(t, r1)
		one := clientProblem(t, deleteRow(), http.StatusConflict, "conflict")
		s.removeRack(t, r2)

		assert.Equal(t, "The row still holds 2 racks; move or delete them first.", two.Detail)
		assert.Equal(t, "The row still holds 1 rack; move or delete them first.", one.Detail)
		assert.Equal(t, row, s.getRow(t, row.ID), "nothing was deleted")
		assert.NoError(t, deleteRow(), "an empty row goes")
	})
}
