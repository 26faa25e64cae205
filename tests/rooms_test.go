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

func (s *site) createRoom(t *testing.T, dc *api.Datacenter, code string) *api.Room {
	t.Helper()
	r, err := s.admin.CreateRoom(t.Context(), &api.RoomCreate{DatacenterID: dc.ID, Name: "Hall " + code, Code: code}, api.CreateRoomParams{})
	require.NoError(t, err)
	return r
}

func (s *site) getRoom(t *testing.T, id int64) *api.Room {
	t.Helper()
	r, err := s.admin.GetRoom(t.Context(), api.GetRoomParams{ID: id})
	require.NoError(t, err)
	return r
}

func (s *site) roomCount(t *testing.T) int {
	t.Helper()
	l, err := s.admin.ListRooms(t.Context(), api.ListRoomsParams{})
	require.NoError(t, err)
	return l.Count
}

// standRack puts a rack in room, in row unless row is nil, straight through
// the data layer: the racks API is not what these tests are about.
func (s *site) standRack(t *testing.T, room *api.Room, row *api.Row, name string) int {
	t.Helper()
	c := s.env.App.DB.Client.Rack.Create().
		SetDatacenterID(int(room.Datacenter.ID)).SetRoomID(int(room.ID)).SetName(name)
	if row != nil {
		c.SetRowID(int(row.ID))
	}
	r, err := c.Save(s.tn.Ctx())
	require.NoError(t, err)
	return r.ID
}

func (s *site) removeRack(t *testing.T, id int) {
	t.Helper()
	require.NoError(t, s.env.App.DB.Client.Rack.DeleteOneID(id).Exec(s.tn.Ctx()))
}

func TestCreateRoom_Is201WithTheRoomAndItsDatacenter(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")

		r := s.raw(t, http.MethodPost, "/api/rooms", fmt.Sprintf(`{"datacenter_id":%d,"name":" Hall 1 ","code":"H1","floor":"2"}`, dc.ID))

		require.Equal(t, http.StatusCreated, r.Status, "body: %s", r.Body)
		var room api.Room
		require.NoError(t, json.Unmarshal(r.Body, &room))
		assert.Positive(t, room.ID)
		assert.Equal(t, api.DatacenterRef{ID: dc.ID, Code: "MAD1", Name: "Datacenter MAD1"}, room.Datacenter)
		assert.Equal(t, "Hall 1", room.Name, "trimmed")
		assert.Equal(t, "H1", room.Code)
		assert.Equal(t, api.NewNilString("2"), room.Floor)
		assert.True(t, room.Description.IsNull())
		assert.False(t, room.CreatedAt.IsZero())
		assert.Equal(t, &room, s.getRoom(t, room.ID))
	})
}

func TestRoom_DuplicateCodeInTheDatacenter_Is409NamingCode(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		mad, bcn := s.createDatacenter(t, "MAD1"), s.createDatacenter(t, "BCN1")
		s.createRoom(t, mad, "H1")
		other := s.createRoom(t, mad, "H2")
		elsewhere := s.createRoom(t, bcn, "H1")

		_, createErr := s.admin.CreateRoom(t.Context(), &api.RoomCreate{DatacenterID: mad.ID, Name: "Another", Code: "H1"}, api.CreateRoomParams{})
		_, putErr := s.admin.ReplaceRoom(t.Context(), &api.RoomCreate{DatacenterID: mad.ID, Name: "Another", Code: "H1"},
			api.ReplaceRoomParams{ID: other.ID})
		_, patchErr := s.admin.UpdateRoom(t.Context(), &api.RoomPatch{Code: api.NewOptString("H1")}, api.UpdateRoomParams{ID: other.ID})

		for _, err := range []error{createErr, putErr, patchErr} {
			p := clientProblem(t, err, http.StatusConflict, "conflict")
			assert.Equal(t, []string{"code"}, fieldNames(p))
		}
		assert.Equal(t, 3, s.roomCount(t))
		assert.Equal(t, other, s.getRoom(t, other.ID))
		assert.Equal(t, "H1", elsewhere.Code, "the same code in another datacenter is fine")
	})
}

func TestReplaceRoom_SetsEveryFieldAndClearsOmittedOnes(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		room, err := s.admin.CreateRoom(t.Context(), &api.RoomCreate{DatacenterID: dc.ID, Name: "Old", Code: "OLD",
			Floor: api.NewOptNilString("1"), Description: api.NewOptNilString("Cold aisle")}, api.CreateRoomParams{})
		require.NoError(t, err)

		got, err := s.admin.ReplaceRoom(t.Context(), &api.RoomCreate{DatacenterID: dc.ID, Name: "New", Code: "NEW",
			Floor: api.NewOptNilString("3")}, api.ReplaceRoomParams{ID: room.ID})

		require.NoError(t, err)
		assert.Equal(t, "New", got.Name)
		assert.Equal(t, "NEW", got.Code)
		assert.Equal(t, api.NewNilString("3"), got.Floor)
		assert.True(t, got.Description.IsNull(), "an omitted description is cleared")
		assert.Equal(t, room.Datacenter, got.Datacenter)
		assert.Equal(t, room.CreatedAt, got.CreatedAt)
		assert.Equal(t, got, s.getRoom(t, room.ID))
	})
}

func TestReplaceRoom_NamingAnotherDatacenter_Is400NamingDatacenterID(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		mad, bcn := s.createDatacenter(t, "MAD1"), s.createDatacenter(t, "BCN1")
		theirs := s.otherTenant(t).createDatacenter(t, "THEIRS")
		room := s.createRoom(t, mad, "H1")

		for _, dcID := range []int64{bcn.ID, theirs.ID, missingID} {
			r := s.raw(t, http.MethodPut, fmt.Sprintf("/api/rooms/%d", room.ID),
				fmt.Sprintf(`{"datacenter_id":%d,"name":"Moved","code":"H9"}`, dcID))

			assertValidationError(t, r, "datacenter_id")
		}
		assert.Equal(t, room, s.getRoom(t, room.ID))
	})
}

func TestUpdateRoom_ChangesOnlyWhatIsSent(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		room, err := s.admin.CreateRoom(t.Context(), &api.RoomCreate{DatacenterID: dc.ID, Name: "Old", Code: "OLD",
			Floor: api.NewOptNilString("1"), Description: api.NewOptNilString("Cold aisle")}, api.CreateRoomParams{})
		require.NoError(t, err)

		renamed, err := s.admin.UpdateRoom(t.Context(), &api.RoomPatch{Name: api.NewOptString("Renamed")}, api.UpdateRoomParams{ID: room.ID})
		require.NoError(t, err)
		cleared := s.raw(t, http.MethodPatch, fmt.Sprintf("/api/rooms/%d", room.ID), `{"floor":null}`)
		moved := s.raw(t, http.MethodPatch, fmt.Sprintf("/api/rooms/%d", room.ID), fmt.Sprintf(`{"datacenter_id":%d}`, dc.ID))

		assert.Equal(t, "Renamed", renamed.Name)
		assert.Equal(t, "OLD", renamed.Code)
		assert.Equal(t, api.NewNilString("1"), renamed.Floor)
		require.Equal(t, http.StatusOK, cleared.Status, "body: %s", cleared.Body)
		assertValidationError(t, moved, "datacenter_id")
		got := s.getRoom(t, room.ID)
		assert.True(t, got.Floor.IsNull(), "floor: null clears it")
		assert.Equal(t, api.NewNilString("Cold aisle"), got.Description)
		assert.Equal(t, "Renamed", got.Name)
	})
}

func TestCreateRoom_InAMissingDatacenter_Is400NamingDatacenterID(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		r := s.raw(t, http.MethodPost, "/api/rooms", fmt.Sprintf(`{"datacenter_id":%d,"name":"Hall","code":"H1"}`, missingID))

		assertValidationError(t, r, "datacenter_id")
		assert.Equal(t, "No such datacenter.", r.problem(t, http.StatusBadRequest).Errors[0].Message)
		assert.Zero(t, s.roomCount(t))
	})
}

func TestDeleteRoom_Empty_Is204AndTheRoomIsGone(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		room := s.createRoom(t, s.createDatacenter(t, "MAD1"), "H1")

		r := s.raw(t, http.MethodDelete, fmt.Sprintf("/api/rooms/%d", room.ID), "")

		assert.Equal(t, http.StatusNoContent, r.Status, "body: %s", r.Body)
		_, err := s.admin.GetRoom(t.Context(), api.GetRoomParams{ID: room.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		err = s.admin.DeleteRoom(t.Context(), api.DeleteRoomParams{ID: room.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
	})
}

func TestDeleteRoom_HoldingRowsOrRacks_Is409NamingHowManyOfEach(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		room := s.createRoom(t, s.createDatacenter(t, "MAD1"), "H1")
		a, b := s.createRow(t, room, "A"), s.createRow(t, room, "B")
		racks := []int{s.standRack(t, room, a, "R1"), s.standRack(t, room, a, "R2"), s.standRack(t, room, nil, "R3")}
		deleteRoom := func() error { return s.admin.DeleteRoom(t.Context(), api.DeleteRoomParams{ID: room.ID}) }

		full := clientProblem(t, deleteRoom(), http.StatusConflict, "conflict")
		for _, id := range racks {
			s.removeRack(t, id)
		}
		rowsOnly := clientProblem(t, deleteRoom(), http.StatusConflict, "conflict")
		require.NoError(t, s.admin.DeleteRow(t.Context(), api.DeleteRowParams{ID: a.ID}))
		s.standRack(t, room, nil, "R4")
		mixed := clientProblem(t, deleteRoom(), http.StatusConflict, "conflict")

		assert.Equal(t, "The room still holds 2 rows and 3 racks; move or delete them first.", full.Detail)
		assert.Equal(t, "The room still holds 2 rows; move or delete them first.", rowsOnly.Detail)
		assert.Equal(t, "The room still holds 1 row and 1 rack; move or delete them first.", mixed.Detail)
		assert.Equal(t, room, s.getRoom(t, room.ID), "nothing was deleted")
		assert.Equal(t, b, s.getRow(t, b.ID), "nothing was deleted along with it")
	})
}

func TestDeleteDatacenter_HoldingRoomsRacksAndAssets_Is409NamingHowManyOfEach(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		room := s.createRoom(t, dc, "H1")
		s.createRoom(t, dc, "H2")
		rack := s.standRack(t, room, nil, "R1")
		// Through the data layer, so that this test does not hang on the
		// asset answers of the placement work.
		for _, code := range []string{"SRV-00001", "SRV-00002", "SRV-00003"} {
			require.NoError(t, s.env.App.DB.Client.Asset.Create().SetCode(code).SetName(code).SetAssetType("SRV").
				SetStatus(50).SetDatacenterID(int(dc.ID)).Exec(s.tn.Ctx()))
		}
		deleteDC := func() error { return s.admin.DeleteDatacenter(t.Context(), api.DeleteDatacenterParams{ID: dc.ID}) }

		full := clientProblem(t, deleteDC(), http.StatusConflict, "conflict")
		s.removeRack(t, rack)
		noRack := clientProblem(t, deleteDC(), http.StatusConflict, "conflict")

		assert.Equal(t, "The datacenter still holds 2 rooms, 1 rack and 3 assets; move or delete them first.", full.Detail)
		assert.Equal(t, "The datacenter still holds 2 rooms and 3 assets; move or delete them first.", noRack.Detail)
		assert.Equal(t, dc, s.getDatacenter(t, dc.ID))
		assert.Equal(t, room, s.getRoom(t, room.ID))
		assert.Equal(t, 2, s.roomCount(t))
	})
}
