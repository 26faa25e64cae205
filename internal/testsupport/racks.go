package testsupport

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/ent/rackreservation"
)

// Rooms, rows, racks and reservations are written here through the Ent
// client in the tenant's context, so that tests of other modules can
// place assets in racks whatever the state of the facilities API.

// Room creates a room with code in datacenter dcID.
func (tn *Tenant) Room(t testing.TB, dcID int, code string) *ent.Room {
	t.Helper()
	r, err := tn.env.App.DB.Client.Room.Create().
		SetDatacenterID(dcID).SetCode(code).SetName("Room " + code).
		Save(tn.Ctx())
	require.NoError(t, err)
	return r
}

// Row creates a row of racks in room.
func (tn *Tenant) Row(t testing.TB, room *ent.Room, name string) *ent.RackRow {
	t.Helper()
	r, err := tn.env.App.DB.Client.RackRow.Create().SetRoomID(room.ID).SetName(name).Save(tn.Ctx())
	require.NoError(t, err)
	return r
}

// RackSpec describes a fixture rack; zero values take the defaults of the
// schema (42 units from 1 up, active) and no row.
type RackSpec struct {
	Name         string
	Row          *ent.RackRow
	Height       int
	StartingUnit int
	Status       rack.Status
}

// Rack creates a rack in room, in the room's datacenter.
func (tn *Tenant) Rack(t testing.TB, room *ent.Room, spec RackSpec) *ent.Rack {
	t.Helper()
	c := tn.env.App.DB.Client.Rack.Create().
		SetDatacenterID(room.DatacenterID).SetRoomID(room.ID).SetName(spec.Name)
	if spec.Row != nil {
		c.SetRowID(spec.Row.ID)
	}
	if spec.Height != 0 {
		c.SetUHeight(spec.Height)
	}
	if spec.StartingUnit != 0 {
		c.SetStartingUnit(spec.StartingUnit)
	}
	if spec.Status != "" {
		c.SetStatus(spec.Status)
	}
	r, err := c.Save(tn.Ctx())
	require.NoError(t, err)
	return r
}

// ReservationSpec describes a fixture reservation of units of a rack;
// Expires zero means it never expires.
type ReservationSpec struct {
	Position, Height int
	Face             rackreservation.Face
	FullDepth        bool
	Description      string
	Expires          time.Time
}

// Reservation reserves units of rack r.
func (tn *Tenant) Reservation(t testing.TB, r *ent.Rack, spec ReservationSpec) *ent.RackReservation {
	t.Helper()
	c := tn.env.App.DB.Client.RackReservation.Create().
		SetRackID(r.ID).SetPosition(spec.Position).SetUHeight(spec.Height).SetFace(spec.Face).
		SetFullDepth(spec.FullDepth).SetDescription(spec.Description)
	if !spec.Expires.IsZero() {
		c.SetExpiresAt(spec.Expires)
	}
	res, err := c.Save(tn.Ctx())
	require.NoError(t, err)
	return res
}
