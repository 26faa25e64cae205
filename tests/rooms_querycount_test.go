package tests

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/modules/facilities/rooms"
)

// roomSeed grows a metered tenant's rooms, spread over its datacenters,
// and its rows, spread over those rooms.
type roomSeed struct {
	s     *meteredSite
	svc   *rooms.Service
	rooms []*ent.Room
	rows  int
}

func (r *roomSeed) roomsTo(t *testing.T, n int) {
	t.Helper()
	for i := len(r.rooms); i < n; i++ {
		room, err := r.svc.CreateRoom(r.s.authors[i%len(r.s.authors)], rooms.RoomCreate{
			DatacenterID: r.s.dcs[i%len(r.s.dcs)].ID, Name: fmt.Sprintf("Hall %03d", i), Code: fmt.Sprintf("H%03d", i)})
		require.NoError(t, err)
		r.rooms = append(r.rooms, room)
	}
}

func (r *roomSeed) rowsTo(t *testing.T, n int) {
	t.Helper()
	for ; r.rows < n; r.rows++ {
		_, err := r.svc.CreateRow(r.s.tn.Ctx(), rooms.RowCreate{RoomID: r.rooms[r.rows%len(r.rooms)].ID, Name: fmt.Sprintf("Row %03d", r.rows)})
		require.NoError(t, err)
	}
}

func (s *meteredSite) listRoomsStatements(t *testing.T, want int) int {
	t.Helper()
	var got *api.RoomList
	n := s.readStatements(t, func(ctx context.Context) (err error) {
		got, err = s.admin.ListRooms(ctx, api.ListRoomsParams{Limit: api.NewOptInt(1000)})
		return err
	})
	assert.Equal(t, want, got.Count)
	require.Len(t, got.Results, want)
	for _, r := range got.Results {
		assert.NotEmpty(t, r.Datacenter.Code, "room %s: datacenter not loaded", r.Code)
	}
	return n
}

func (s *meteredSite) listRowsStatements(t *testing.T, want int) int {
	t.Helper()
	var got *api.RowList
	n := s.readStatements(t, func(ctx context.Context) (err error) {
		got, err = s.admin.ListRows(ctx, api.ListRowsParams{Limit: api.NewOptInt(1000)})
		return err
	})
	assert.Equal(t, want, got.Count)
	require.Len(t, got.Results, want)
	for _, r := range got.Results {
		assert.NotEmpty(t, r.Room.Code, "row %s: room not loaded", r.Name)
	}
	return n
}

func TestRoomAndRowLists_StatementCount_DoesNotGrowWithTheNumberOfItems(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		seed := &roomSeed{s: s, svc: rooms.NewService(rooms.Deps{Client: s.env.App.DB.Client})}
		seed.roomsTo(t, 4)
		seed.rowsTo(t, 4)

		rooms4, rows4 := s.listRoomsStatements(t, 4), s.listRowsStatements(t, 4)
		seed.roomsTo(t, 60)
		seed.rowsTo(t, 120)
		rooms60, rows120 := s.listRoomsStatements(t, 60), s.listRowsStatements(t, 120)

		t.Logf("%s statements: list rooms %d (4 rooms) / %d (60 rooms); list rows %d (4 rows) / %d (120 rows)",
			s.env.Name, rooms4, rooms60, rows4, rows120)
		assert.Equal(t, rooms4, rooms60, "list rooms")
		assert.Equal(t, rows4, rows120, "list rows")
		// Two are authentication; then whether more than 10,000 match, the
		// count, the page and the parents.
		assert.LessOrEqual(t, rooms4, 6, "list rooms")
		assert.LessOrEqual(t, rows4, 6, "list rows")
	})
}

func TestRoomAndRowRequests_StatementCount(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		dc := s.dcs[0]
		var room *api.Room
		var row *api.Row
		cost := func(call func(ctx context.Context) error) int { return s.statements(t, call) }

		createRoom := cost(func(ctx context.Context) (err error) {
			room, err = s.admin.CreateRoom(ctx, &api.RoomCreate{DatacenterID: int64(dc.ID), Name: "Hall", Code: "H1"}, api.CreateRoomParams{})
			return err
		})
		getRoom := cost(func(ctx context.Context) error {
			_, err := s.admin.GetRoom(ctx, api.GetRoomParams{ID: room.ID})
			return err
		})
		replaceRoom := cost(func(ctx context.Context) error {
			_, err := s.admin.ReplaceRoom(ctx, &api.RoomCreate{DatacenterID: int64(dc.ID), Name: "Hall 1", Code: "H1"}, api.ReplaceRoomParams{ID: room.ID})
			return err
		})
		createRow := cost(func(ctx context.Context) (err error) {
			row, err = s.admin.CreateRow(ctx, &api.RowCreate{RoomID: room.ID, Name: "A"}, api.CreateRowParams{})
			return err
		})
		getRow := cost(func(ctx context.Context) error {
			_, err := s.admin.GetRow(ctx, api.GetRowParams{ID: row.ID})
			return err
		})
		refused := cost(func(ctx context.Context) error {
			if err := s.admin.DeleteRoom(ctx, api.DeleteRoomParams{ID: room.ID}); err == nil {
				return fmt.Errorf("a room holding a row was deleted")
			}
			return nil
		})
		deleteRow := cost(func(ctx context.Context) error { return s.admin.DeleteRow(ctx, api.DeleteRowParams{ID: row.ID}) })
		deleteRoom := cost(func(ctx context.Context) error { return s.admin.DeleteRoom(ctx, api.DeleteRoomParams{ID: room.ID}) })

		t.Logf("%s statements: create room %d, get room %d, replace room %d, create row %d, get row %d, "+
			"refused room delete %d, delete row %d, delete room %d",
			s.env.Name, createRoom, getRoom, replaceRoom, createRow, getRow, refused, deleteRow, deleteRoom)
		// Two of each are authentication. A write adds its parent's read
		// (and a create the data layer's check of the link); a refused
		// delete one count per kind of thing held, and only once refused.
		assert.LessOrEqual(t, createRoom, 5, "create room")
		assert.LessOrEqual(t, replaceRoom, 5, "replace room")
		assert.LessOrEqual(t, createRow, 5, "create row")
		assert.LessOrEqual(t, getRoom, 4, "get room")
		assert.LessOrEqual(t, getRow, 4, "get row")
		assert.LessOrEqual(t, refused, 5, "refused room delete")
		assert.LessOrEqual(t, deleteRow, 3, "delete row")
		assert.LessOrEqual(t, deleteRoom, 3, "delete room")
	})
}
