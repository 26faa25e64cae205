package rooms_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/facilities/rooms"
)

// facility is a tenant with a rooms service and builders of its rooms,
// rows and racks.
type facility struct {
	tn  *testsupport.Tenant
	svc *rooms.Service
	c   *ent.Client
}

func newFacility(t *testing.T, env *testsupport.Env) facility {
	t.Helper()
	return facility{tn: testsupport.NewTenant(t, env), svc: rooms.NewService(rooms.Deps{Client: env.App.DB.Client}), c: env.App.DB.Client}
}

func (f facility) room(t *testing.T, dc *ent.Datacenter, code string) *ent.Room {
	t.Helper()
	r, err := f.svc.CreateRoom(f.tn.Ctx(), rooms.RoomCreate{DatacenterID: dc.ID, Name: "Hall " + code, Code: code})
	require.NoError(t, err)
	return r
}

func (f facility) row(t *testing.T, rm *ent.Room, name string) *ent.RackRow {
	t.Helper()
	r, err := f.svc.CreateRow(f.tn.Ctx(), rooms.RowCreate{RoomID: rm.ID, Name: name})
	require.NoError(t, err)
	return r
}

// rack stands a rack in room rm, in row (nil: in no row).
func (f facility) rack(t *testing.T, rm *ent.Room, row *ent.RackRow, name string) *ent.Rack {
	t.Helper()
	c := f.c.Rack.Create().SetDatacenterID(rm.DatacenterID).SetRoomID(rm.ID).SetName(name)
	if row != nil {
		c.SetRowID(row.ID)
	}
	r, err := c.Save(f.tn.Ctx())
	require.NoError(t, err)
	return r
}

func TestDeleteRoom_HoldingRowsAndRacks_IsInUseNamingHowManyOfEach(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFacility(t, env)
		rm := f.room(t, f.tn.Datacenter(t, "MAD1"), "H1")
		a, b := f.row(t, rm, "A"), f.row(t, rm, "B")
		f.rack(t, rm, a, "R1")
		f.rack(t, rm, b, "R2")
		f.rack(t, rm, nil, "R3")

		err := f.svc.DeleteRoom(f.tn.Ctx(), rm.ID)

		require.ErrorIs(t, err, rooms.ErrRoomInUse)
		e, _ := apperr.As(err)
		assert.Equal(t, "The room still holds 2 rows and 3 racks; move or delete them first.", e.Detail)
		_, err = f.svc.GetRoom(f.tn.Ctx(), rm.ID)
		assert.NoError(t, err, "the room is still there")
	})
}

func TestDeleteRow_HoldingRacks_IsInUseNamingHowMany(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFacility(t, env)
		rm := f.room(t, f.tn.Datacenter(t, "MAD1"), "H1")
		row := f.row(t, rm, "A")
		r1 := f.rack(t, rm, row, "R1")

		err := f.svc.DeleteRow(f.tn.Ctx(), row.ID)

		require.ErrorIs(t, err, rooms.ErrRowInUse)
		e, _ := apperr.As(err)
		assert.Equal(t, "The row still holds 1 rack; move or delete them first.", e.Detail)
		require.NoError(t, f.c.Rack.DeleteOneID(r1.ID).Exec(f.tn.Ctx()))
		assert.NoError(t, f.svc.DeleteRow(f.tn.Ctx(), row.ID), "an empty row goes")
		assert.NoError(t, f.svc.DeleteRoom(f.tn.Ctx(), rm.ID), "and then its empty room")
	})
}

func TestReplace_NamingAnotherParent_IsRefusedAndChangesNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFacility(t, env)
		mad, bcn := f.tn.Datacenter(t, "MAD1"), f.tn.Datacenter(t, "BCN1")
		rm, other := f.room(t, mad, "H1"), f.room(t, bcn, "H1")
		row := f.row(t, rm, "A")

		_, roomErr := f.svc.ReplaceRoom(f.tn.Ctx(), rm.ID, rooms.RoomCreate{DatacenterID: bcn.ID, Name: "Moved", Code: "H9"})
		_, rowErr := f.svc.ReplaceRow(f.tn.Ctx(), row.ID, rooms.RowCreate{RoomID: other.ID, Name: "Moved"})

		assert.ErrorIs(t, roomErr, rooms.ErrRoomMoves)
		assert.ErrorIs(t, rowErr, rooms.ErrRowMoves)
		gotRoom, err := f.svc.GetRoom(f.tn.Ctx(), rm.ID)
		require.NoError(t, err)
		assert.Equal(t, []any{mad.ID, "Hall H1", "H1"}, []any{gotRoom.DatacenterID, gotRoom.Name, gotRoom.Code})
		gotRow, err := f.svc.GetRow(f.tn.Ctx(), row.ID)
		require.NoError(t, err)
		assert.Equal(t, []any{rm.ID, "A"}, []any{gotRow.RoomID, gotRow.Name})
	})
}

func TestReplace_Missing_IsNotFoundNotMoved(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFacility(t, env)
		dc := f.tn.Datacenter(t, "MAD1")
		rm := f.room(t, dc, "H1")

		_, roomErr := f.svc.ReplaceRoom(f.tn.Ctx(), rm.ID+1000, rooms.RoomCreate{DatacenterID: dc.ID, Name: "X", Code: "X"})
		_, rowErr := f.svc.ReplaceRow(f.tn.Ctx(), 987654, rooms.RowCreate{RoomID: rm.ID, Name: "X"})

		assert.True(t, apperr.IsKind(roomErr, apperr.KindNotFound), "got %v", roomErr)
		assert.True(t, apperr.IsKind(rowErr, apperr.KindNotFound), "got %v", rowErr)
	})
}

func TestListRows_ByDatacenter_KeepsTheRowsOfItsRooms(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFacility(t, env)
		mad, bcn := f.tn.Datacenter(t, "MAD1"), f.tn.Datacenter(t, "BCN1")
		h1, h2, b1 := f.room(t, mad, "H1"), f.room(t, mad, "H2"), f.room(t, bcn, "B1")
		f.row(t, h1, "A")
		f.row(t, h2, "B")
		f.row(t, b1, "C")

		res, err := f.svc.ListRows(f.tn.Ctx(), rooms.RowFilter{DatacenterID: &mad.ID, Params: listing.Params{Ordering: "-name"}})

		require.NoError(t, err)
		assert.Equal(t, 2, res.Count)
		require.Len(t, res.Items, 2)
		assert.Equal(t, []string{"B", "A"}, []string{res.Items[0].Name, res.Items[1].Name})
		assert.Equal(t, "H2", res.Items[0].Edges.Room.Code, "each row comes with its room")
	})
}
