package assets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// inRack is an asset of 1 unit, full depth, at position pos on the front
// of rack 4.
func inRack(pos int) placement {
	return placement{RackID: ptr(4), Position: ptr(pos), Face: ptr(occupancy.Front), UHeight: 1, FullDepth: true}
}

// assertField checks that err is of kind and names field alone, with
// message when it is not empty.
func assertField(t *testing.T, err error, kind apperr.Kind, field, message string) {
	t.Helper()
	e, ok := apperr.As(err)
	require.True(t, ok, "want an apperr, got %v", err)
	assert.Equal(t, kind, e.Kind)
	require.Len(t, e.Fields, 1, "%v", e.Fields)
	assert.Equal(t, field, e.Fields[0].Field)
	if message != "" {
		assert.Equal(t, message, e.Fields[0].Message)
	}
}

func TestCheckShape(t *testing.T) {
	t.Parallel()
	noFace := inRack(3)
	noFace.Face = nil
	zeroU := inRack(3)
	zeroU.UHeight = 0
	tests := []struct {
		name        string
		give        placement
		parent      bool
		reservation *int
		wantField   string
		wantMessage string
	}{
		{name: "in no rack", give: placement{UHeight: 1}},
		{name: "in a rack without units", give: placement{RackID: ptr(4), UHeight: 1}},
		{name: "on a face without a position", give: placement{RackID: ptr(4), Face: ptr(occupancy.Rear)}},
		{name: "at a position on a face", give: inRack(3)},
		{name: "a child in a rack without units", give: placement{RackID: ptr(4), UHeight: 1}, parent: true},
		{name: "a position without a rack", give: placement{Position: ptr(3), UHeight: 1}, wantField: "position"},
		{name: "a face without a rack", give: placement{Face: ptr(occupancy.Front)}, wantField: "face"},
		{name: "a reservation without a rack", give: placement{}, reservation: ptr(2), wantField: "reservation_id"},
		{name: "a position of 0 units", give: zeroU, wantField: "position", wantMessage: msgPositionNoUnits},
		{name: "units without a face", give: noFace, wantField: "face", wantMessage: msgFaceRequired},
		{name: "a child at a position", give: inRack(3), parent: true, wantField: "position", wantMessage: msgPositionOfChild},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkShape(tt.give, tt.parent, tt.reservation)
			if tt.wantField == "" {
				require.NoError(t, err)
				return
			}
			assertField(t, err, apperr.KindInvalid, tt.wantField, tt.wantMessage)
		})
	}
}

func TestCheckRack(t *testing.T) {
	t.Parallel()
	active := &ent.Rack{ID: 4, DatacenterID: 7, Status: rack.StatusActive}
	retired := &ent.Rack{ID: 4, DatacenterID: 7, Status: rack.StatusRetired}
	tests := []struct {
		name     string
		rack     *ent.Rack
		entering bool
		dcID     int
		wantDC   int
		wantErr  error
	}{
		{name: "the asset follows the rack's datacenter", rack: active, entering: true, wantDC: 7},
		{name: "the rack's datacenter named", rack: active, entering: true, dcID: 7, wantDC: 7},
		{name: "another datacenter named", rack: active, entering: true, dcID: 8, wantErr: errRackElsewhere},
		{name: "staying in the rack, moving datacenter", rack: active, dcID: 8, wantErr: errRackElsewhere},
		{name: "entering a retired rack", rack: retired, entering: true, wantErr: errRackRetired},
		{name: "staying in a retired rack", rack: retired, dcID: 7, wantDC: 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dc, err := checkRack(tt.rack, tt.entering, tt.dcID)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantDC, dc)
		})
	}
	_, err := checkRack(retired, true, 0)
	assertField(t, err, apperr.KindConflict, "rack_id", "")
}

func TestCheckUnits(t *testing.T) {
	t.Parallel()
	// Rack 4 has units 1 to 10. Asset 1 takes 3-4 on the front, asset 2
	// takes 7 on both faces, reservation 5 holds 9-10 on the rear.
	m := occupancy.Map{Rack: occupancy.Rack{ID: 4, StartingUnit: 1, Height: 10}, Blocks: []occupancy.Block{
		{Kind: occupancy.KindAsset, ID: 1, Position: 3, Height: 2, Face: occupancy.Front, Code: "SRV-00001", Name: "web-01"},
		{Kind: occupancy.KindAsset, ID: 2, Position: 7, Height: 1, Face: occupancy.Front, FullDepth: true, Code: "SRV-00002", Name: "db-01"},
		{Kind: occupancy.KindReservation, ID: 5, Position: 9, Height: 2, Face: occupancy.Rear, Name: "GPU delivery"},
	}}
	block := func(id, pos, height int, face occupancy.Face, fullDepth bool) occupancy.Block {
		return occupancy.Block{Kind: occupancy.KindAsset, ID: id, Position: pos, Height: height, Face: face, FullDepth: fullDepth}
	}
	tests := []struct {
		name        string
		give        occupancy.Block
		reservation *int
		wantKind    apperr.Kind
		wantField   string
		wantMessage string
	}{
		{name: "free units on one face", give: block(9, 1, 2, occupancy.Front, false)},
		{name: "the other face of a half-depth asset", give: block(9, 3, 2, occupancy.Rear, false)},
		{name: "an asset moving within its own units", give: block(1, 4, 2, occupancy.Front, false)},
		{name: "reserved units with the reservation", give: block(9, 9, 2, occupancy.Rear, true), reservation: ptr(5)},
		{name: "no units at all", give: block(9, 0, 0, "", true)},
		{
			name: "a unit taken on the same face", give: block(9, 4, 2, occupancy.Front, false),
			wantKind: apperr.KindConflict, wantField: "position",
			wantMessage: `Unit 4 (front) is taken by asset SRV-00001 "web-01" (id 1).`,
		},
		{
			name: "full depth clashes with the other face", give: block(9, 3, 1, occupancy.Rear, true),
			wantKind: apperr.KindConflict, wantField: "position",
			wantMessage: `Unit 3 (front) is taken by asset SRV-00001 "web-01" (id 1).`,
		},
		{
			name: "a full-depth holder blocks both faces", give: block(9, 6, 2, occupancy.Rear, false),
			wantKind: apperr.KindConflict, wantField: "position",
			wantMessage: `Unit 7 (rear) is taken by asset SRV-00002 "db-01" (id 2).`,
		},
		{
			name: "reserved units", give: block(9, 8, 2, occupancy.Rear, false),
			wantKind: apperr.KindConflict, wantField: "position",
			wantMessage: `Unit 9 (rear) is reserved for "GPU delivery" (reservation 5).`,
		},
		{
			name: "units past the top", give: block(9, 10, 2, occupancy.Front, false),
			wantKind: apperr.KindInvalid, wantField: "position",
			wantMessage: "Units 10 to 11 are not all in the rack, whose units are 1 to 10.",
		},
		{
			name: "a reservation that is not the rack's", give: block(9, 1, 1, occupancy.Front, false), reservation: ptr(6),
			wantKind: apperr.KindInvalid, wantField: "reservation_id", wantMessage: "No such reservation in this rack.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkUnits(m, tt.give, tt.reservation)
			if tt.wantField == "" {
				require.NoError(t, err)
				return
			}
			assertField(t, err, tt.wantKind, tt.wantField, tt.wantMessage)
		})
	}
}

func TestUpdateInput_Placement(t *testing.T) {
	t.Parallel()
	cur := inRack(3)
	tests := []struct {
		name string
		give UpdateInput
		want placement
	}{
		{name: "nothing sent keeps everything", give: UpdateInput{}, want: cur},
		{name: "out of the rack clears position and face", give: UpdateInput{ClearRack: true},
			want: placement{UHeight: 1, FullDepth: true}},
		{name: "to another rack keeps position and face", give: UpdateInput{PlacementInput: PlacementInput{RackID: ptr(5)}},
			want: placement{RackID: ptr(5), Position: ptr(3), Face: ptr(occupancy.Front), UHeight: 1, FullDepth: true}},
		{name: "a position sent with the rack cleared stays, to be refused",
			give: UpdateInput{ClearRack: true, PlacementInput: PlacementInput{Position: ptr(8)}},
			want: placement{Position: ptr(8), UHeight: 1, FullDepth: true}},
		{name: "the size changes", give: UpdateInput{PlacementInput: PlacementInput{UHeight: ptr(2), FullDepth: ptr(false)}},
			want: placement{RackID: ptr(4), Position: ptr(3), Face: ptr(occupancy.Front), UHeight: 2}},
		{name: "position and face cleared", give: UpdateInput{ClearPosition: true, ClearFace: true},
			want: placement{RackID: ptr(4), UHeight: 1, FullDepth: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.give.placement(cur))
		})
	}
}

func TestMove_ChecksOnlyWhatChanges(t *testing.T) {
	t.Parallel()
	other := inRack(3)
	other.RackID = ptr(5)
	taller := inRack(3)
	taller.UHeight = 2
	flipped := inRack(3)
	flipped.Face = ptr(occupancy.Rear)
	tests := []struct {
		name                                string
		give                                move
		wantEntering, wantMoved, wantChecks bool
		wantNeedsRack                       bool
	}{
		{name: "nothing changes", give: move{from: inRack(3), to: inRack(3)}},
		{name: "created in no rack", give: move{to: placement{UHeight: 1}}},
		{name: "created in a rack without units", give: move{to: placement{RackID: ptr(4), UHeight: 1}},
			wantEntering: true, wantMoved: true, wantNeedsRack: true},
		{name: "created at a position", give: move{to: inRack(3)},
			wantEntering: true, wantMoved: true, wantChecks: true, wantNeedsRack: true},
		{name: "up one unit", give: move{from: inRack(3), to: inRack(4)},
			wantMoved: true, wantChecks: true, wantNeedsRack: true},
		{name: "to the other face", give: move{from: inRack(3), to: flipped},
			wantMoved: true, wantChecks: true, wantNeedsRack: true},
		{name: "to another rack", give: move{from: inRack(3), to: other},
			wantEntering: true, wantMoved: true, wantChecks: true, wantNeedsRack: true},
		{name: "taller in place", give: move{from: inRack(3), to: taller}, wantChecks: true, wantNeedsRack: true},
		{name: "out of the rack", give: move{from: inRack(3), to: placement{UHeight: 1, FullDepth: true}}, wantMoved: true},
		{name: "a datacenter change in the rack", give: move{from: inRack(3), to: inRack(3), dcChanged: true},
			wantNeedsRack: true},
		{name: "a reservation named", give: move{from: inRack(3), to: inRack(3), reservationID: ptr(5)},
			wantChecks: true, wantNeedsRack: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.wantEntering, tt.give.entering(), "entering")
			assert.Equal(t, tt.wantMoved, tt.give.moved(), "moved")
			assert.Equal(t, tt.wantChecks, tt.give.checksUnits(), "checksUnits")
			assert.Equal(t, tt.wantNeedsRack, tt.give.needsRack(), "needsRack")
		})
	}
}
