package tests

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/internal/api"
)

// meteredRacks seeds racks on a meteredSite: every rack in a room of one of
// its two datacenters (in a row in the first), holding an asset and a
// reservation by each author in turn, so that a lookup made per rack,
// room, row, datacenter or author would show in the counts.
type meteredRacks struct {
	*meteredSite
	rooms []*ent.Room
	rows  []*ent.RackRow
	racks []*api.Rack
}

func newMeteredRacks(t *testing.T, s *meteredSite) *meteredRacks {
	t.Helper()
	m := &meteredRacks{meteredSite: s}
	c := s.env.App.DB.Client
	for i, dc := range s.dcs {
		room, err := c.Room.Create().SetDatacenterID(dc.ID).SetCode(fmt.Sprint("H", i)).SetName(fmt.Sprint("Hall ", i)).Save(s.tn.Ctx())
		require.NoError(t, err)
		m.rooms = append(m.rooms, room)
	}
	row, err := c.RackRow.Create().SetRoomID(m.rooms[0].ID).SetName("A").Save(s.tn.Ctx())
	require.NoError(t, err)
	m.rows = []*ent.RackRow{row, nil}
	return m
}

// seedTo creates racks until there are n.
func (m *meteredRacks) seedTo(t *testing.T, n int) {
	t.Helper()
	c := m.env.App.DB.Client
	for i := len(m.racks); i < n; i++ {
		req := api.RackCreate{RoomID: int64(m.rooms[i%2].ID), Name: fmt.Sprintf("R%03d", i)}
		if row := m.rows[i%2]; row != nil {
			req.RowID = api.NewOptNilInt64(int64(row.ID))
		}
		r, err := m.admin.CreateRack(t.Context(), &req, api.CreateRackParams{})
		require.NoError(t, err)
		m.racks = append(m.racks, r)
		_, err = c.Asset.Create().SetCode(fmt.Sprintf("SRV-8%04d", i)).SetName(fmt.Sprint("web-", i)).SetAssetType("SRV").
			SetStatus(50).SetDatacenterID(m.dcs[i%2].ID).SetRackID(int(r.ID)).SetPosition(1).SetUHeight(2).
			SetFace(asset.FaceFront).Save(m.tn.Ctx())
		require.NoError(t, err)
		m.reserveWithEnt(t, r, i, 10)
	}
}

// reserveWithEnt reserves unit position of rack r as author i (in turn).
func (m *meteredRacks) reserveWithEnt(t *testing.T, r *api.Rack, i, position int) {
	t.Helper()
	_, err := m.env.App.DB.Client.RackReservation.Create().SetRackID(int(r.ID)).SetPosition(position).SetUHeight(1).
		SetFace("front").SetDescription(fmt.Sprint("hold ", i)).Save(m.authors[i%len(m.authors)])
	require.NoError(t, err)
}

// listStatements lists every rack, checks that want came back complete and
// returns the request's statements.
func (m *meteredRacks) listStatements(t *testing.T, want int) int {
	t.Helper()
	var got *api.RackList
	n := m.readStatements(t, func(ctx context.Context) (err error) {
		got, err = m.admin.ListRacks(ctx, api.ListRacksParams{Limit: api.NewOptInt(1000)})
		return err
	})
	require.Len(t, got.Results, want)
	for _, r := range got.Results {
		assert.NotEmpty(t, r.Datacenter.Code, "rack %s: datacenter not loaded", r.Name)
		assert.NotEmpty(t, r.Room.Code, "rack %s: room not loaded", r.Name)
		assert.Equal(t, 2, r.UnitsUsed, "rack %s", r.Name)
		assert.Equal(t, 1, r.UnitsReserved, "rack %s", r.Name)
	}
	return n
}

// reservationStatements lists the reservations of rack r, checks that
// want came back with their authors and returns the request's statements.
func (m *meteredRacks) reservationStatements(t *testing.T, r *api.Rack, want int) int {
	t.Helper()
	var got *api.ReservationList
	n := m.readStatements(t, func(ctx context.Context) (err error) {
		got, err = m.admin.ListRackReservations(ctx, api.ListRackReservationsParams{ID: r.ID, Limit: api.NewOptInt(1000)})
		return err
	})
	require.Len(t, got.Results, want)
	for _, res := range got.Results {
		assert.False(t, res.CreatedBy.IsNull(), "reservation %d: author not resolved", res.ID)
	}
	return n
}

func TestRackLists_StatementCount_DoesNotGrowWithTheNumberOfRacks(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		m := newMeteredRacks(t, s)
		m.seedTo(t, 2)
		list2 := m.listStatements(t, 2)
		get2 := m.statements(t, func(ctx context.Context) error {
			_, err := m.admin.GetRack(ctx, api.GetRackParams{ID: m.racks[0].ID})
			return err
		})
		m.seedTo(t, 20)
		list20 := m.listStatements(t, 20)
		get20 := m.statements(t, func(ctx context.Context) error {
			_, err := m.admin.GetRack(ctx, api.GetRackParams{ID: m.racks[0].ID})
			return err
		})

		t.Logf("%s statements: list racks %d (2 racks) / %d (20 racks); get rack %d / %d", s.env.Name, list2, list20, get2, get20)
		assert.Equal(t, list2, list20, "list")
		assert.Equal(t, get2, get20, "get")
	})
}

func TestReservationList_StatementCount_DoesNotGrowWithTheNumberOfReservations(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		m := newMeteredRacks(t, s)
		m.seedTo(t, 1)
		r := m.racks[0]
		one := m.reservationStatements(t, r, 1)
		for i := 1; i < 10; i++ {
			m.reserveWithEnt(t, r, i, 10+i)
		}
		ten := m.reservationStatements(t, r, 10)

		t.Logf("%s statements: list reservations %d (1) / %d (10)", s.env.Name, one, ten)
		assert.Equal(t, one, ten)
	})
}

func TestRackWrites_StatementCount(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		m := newMeteredRacks(t, s)
		m.seedTo(t, 1)
		var created *api.Rack
		var res *api.Reservation
		costs := []struct {
			name string
			call func(ctx context.Context) error
		}{
			{"create rack", func(ctx context.Context) (err error) {
				created, err = m.admin.CreateRack(ctx, &api.RackCreate{RoomID: int64(m.rooms[0].ID), RowID: api.NewOptNilInt64(int64(m.rows[0].ID)), Name: "NEW"}, api.CreateRackParams{})
				return err
			}},
			{"patch rack name", func(ctx context.Context) error {
				_, err := m.admin.UpdateRack(ctx, &api.RackPatch{Name: api.NewOptString("NEW2")}, api.UpdateRackParams{ID: created.ID})
				return err
			}},
			{"patch rack u_height", func(ctx context.Context) error {
				_, err := m.admin.UpdateRack(ctx, &api.RackPatch{UHeight: api.NewOptInt(40)}, api.UpdateRackParams{ID: created.ID})
				return err
			}},
			{"patch rack room (other datacenter)", func(ctx context.Context) error {
				_, err := m.admin.UpdateRack(ctx, &api.RackPatch{RoomID: api.NewOptInt64(int64(m.rooms[1].ID)), RowID: api.OptNilInt64{Set: true, Null: true}},
					api.UpdateRackParams{ID: created.ID})
				return err
			}},
			{"create reservation", func(ctx context.Context) (err error) {
				res, err = m.admin.CreateRackReservation(ctx, &api.ReservationCreate{Position: 5, Face: api.FaceFront, Description: "x"},
					api.CreateRackReservationParams{ID: m.racks[0].ID})
				return err
			}},
			{"delete reservation", func(ctx context.Context) error {
				return m.admin.DeleteRackReservation(ctx, api.DeleteRackReservationParams{ID: m.racks[0].ID, ReservationID: res.ID})
			}},
			{"delete rack", func(ctx context.Context) error {
				return m.admin.DeleteRack(ctx, api.DeleteRackParams{ID: created.ID})
			}},
		}
		for _, c := range costs {
			n := m.statements(t, c.call)
			t.Logf("%s statements: %s %d", s.env.Name, c.name, n)
			// Two are authentication; none of these reads a list.
			assert.LessOrEqual(t, n, 16, c.name)
		}
	})
}
