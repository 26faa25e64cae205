package racks

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/modules/facilities/occupancy"
)

func ptr[T any](v T) *T { return &v }

// conflict asserts that err is a conflict on field and returns its detail.
func conflict(t *testing.T, err error, field string) string {
	t.Helper()
	e, ok := apperr.As(err)
	require.True(t, ok, "want an apperr, got %v", err)
	assert.Equal(t, apperr.KindConflict, e.Kind)
	if field == "" {
		assert.Empty(t, e.Fields)
	} else {
		require.Len(t, e.Fields, 1)
		assert.Equal(t, field, e.Fields[0].Field)
	}
	return e.Detail
}

func TestCheckDelete_NamesOnlyWhatTheRackHolds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		give holdings
		want string // "" when the delete is allowed
	}{
		{holdings{}, ""},
		{holdings{assets: 3, reservations: 1}, "The rack still holds 3 assets and 1 live reservation; move or delete them first."},
		{holdings{assets: 1}, "The rack still holds 1 asset; move or delete them first."},
		{holdings{reservations: 2}, "The rack still holds 2 live reservations; move or delete them first."},
	}
	for _, tt := range tests {
		t.Run(tt.give.String(), func(t *testing.T) {
			t.Parallel()
			err := checkDelete(tt.give)

			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tt.want, conflict(t, err, ""))
		})
	}
}

func TestCheckMove_ToAnotherDatacenter_OnlyWhenEmpty(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		from, to int
		give     holdings
		wantErr  bool
	}{
		{"same datacenter, holding", 1, 1, holdings{assets: 2, reservations: 1}, false},
		{"another datacenter, empty", 1, 2, holdings{}, false},
		{"another datacenter, an asset", 1, 2, holdings{assets: 1}, true},
		{"another datacenter, a reservation", 1, 2, holdings{reservations: 1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkMove(tt.from, tt.to, tt.give)

			if !tt.wantErr {
				assert.NoError(t, err)
				return
			}
			assert.Contains(t, conflict(t, err, "room_id"), tt.give.String())
		})
	}
}

func TestCheckRow_MustBeInTheRacksRoom(t *testing.T) {
	t.Parallel()
	room := &ent.Room{ID: 5}

	assert.NoError(t, checkRow(nil, room), "no row")
	assert.NoError(t, checkRow(&ent.RackRow{ID: 8, RoomID: 5}, room), "a row of the room")
	assert.ErrorIs(t, checkRow(&ent.RackRow{ID: 9, RoomID: 6}, room), errRowElsewhere, "a row of another room")
}

func TestCheckGeometry_NamesTheLowestBlockLeftOutside(t *testing.T) {
	t.Parallel()
	server := occupancy.Block{Kind: occupancy.KindAsset, ID: 42, Code: "SRV-00001", Name: "web-01",
		Position: 40, Height: 2, Face: occupancy.Front}
	shelf := occupancy.Block{Kind: occupancy.KindReservation, ID: 7, Name: "Atlas", Position: 40, Height: 1, Face: occupancy.Rear}
	low := occupancy.Block{Kind: occupancy.KindReservation, ID: 3, Name: "Low", Position: 1, Height: 2, Face: occupancy.Front}
	pdu := occupancy.Block{Kind: occupancy.KindAsset, ID: 50, Code: "PDU-00001", Name: "pdu", Position: 42, Height: 0}
	m := occupancy.Map{Rack: occupancy.Rack{StartingUnit: 1, Height: 42}, Blocks: []occupancy.Block{shelf, low, server, pdu}}
	tests := []struct {
		name string
		to   occupancy.Rack
		want string // "" when allowed
	}{
		{"grown", occupancy.Rack{StartingUnit: 1, Height: 48}, ""},
		{"shrunk to the highest block", occupancy.Rack{StartingUnit: 1, Height: 41}, ""},
		{"shrunk below an asset and a reservation: the asset is named",
			occupancy.Rack{StartingUnit: 1, Height: 40},
			`Asset SRV-00001 "web-01" (id 42) takes units 40 to 41, which would not all be in the rack's units 1 to 40.`},
		{"renumbered above a reservation",
			occupancy.Rack{StartingUnit: 2, Height: 42},
			`Reservation 3 ("Low") takes units 1 to 2, which would not all be in the rack's units 2 to 43.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkGeometry(m, tt.to, "u_height")

			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tt.want, conflict(t, err, "u_height"))
		})
	}
}

func TestGeometryField_IsTheHeightUnlessOnlyTheStartChanges(t *testing.T) {
	t.Parallel()
	cur := &ent.Rack{UHeight: 42, StartingUnit: 1}

	assert.Equal(t, "u_height", geometryField(cur, Update{Details: Details{UHeight: ptr(40)}}))
	assert.Equal(t, "u_height", geometryField(cur, Update{Details: Details{UHeight: ptr(40), StartingUnit: ptr(2)}}))
	assert.Equal(t, "starting_unit", geometryField(cur, Update{Details: Details{UHeight: ptr(42), StartingUnit: ptr(2)}}))
	assert.Equal(t, "starting_unit", geometryField(cur, Update{Details: Details{StartingUnit: ptr(2)}}))
}
