package racks

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/modules/facilities/occupancy"
)

func TestCheckReservation(t *testing.T) {
	t.Parallel()
	geometry := occupancy.Rack{ID: 3, StartingUnit: 1, Height: 10}
	server := occupancy.Block{Kind: occupancy.KindAsset, ID: 42, Code: "SRV-00001", Name: "web-01",
		Position: 5, Height: 2, Face: occupancy.Front}
	shelf := occupancy.Block{Kind: occupancy.KindReservation, ID: 7, Name: "Atlas", Position: 8, Height: 1, Face: occupancy.Rear}
	m := occupancy.Map{Rack: geometry, Blocks: []occupancy.Block{server, shelf}}
	reserve := func(pos, height int, face occupancy.Face, fullDepth bool) occupancy.Block {
		return occupancy.Block{Kind: occupancy.KindReservation, Position: pos, Height: height, Face: face, FullDepth: fullDepth}
	}
	tests := []struct {
		name      string
		status    rack.Status
		give      occupancy.Block
		wantKind  apperr.Kind // 0: allowed
		wantField string
		wantText  string
	}{
		{"free units", rack.StatusActive, reserve(1, 4, occupancy.Front, false), 0, "", ""},
		{"a planned rack takes reservations", rack.StatusPlanned, reserve(1, 1, occupancy.Front, false), 0, "", ""},
		{"the other face of an asset", rack.StatusActive, reserve(5, 2, occupancy.Rear, false), 0, "", ""},
		{"up to the top unit", rack.StatusActive, reserve(9, 2, occupancy.Front, false), 0, "", ""},
		{"retired rack", rack.StatusRetired, reserve(1, 1, occupancy.Front, false), apperr.KindConflict, "", "R01 is retired"},
		{"past the top", rack.StatusActive, reserve(10, 2, occupancy.Front, false), apperr.KindInvalid, "position", "Units 10 to 11"},
		{"clash with an asset", rack.StatusActive, reserve(4, 3, occupancy.Front, false), apperr.KindConflict, "position",
			`Unit 5 (front) is taken by asset SRV-00001 "web-01" (id 42).`},
		{"full depth clashes with the rear reservation", rack.StatusActive, reserve(8, 1, occupancy.Front, true), apperr.KindConflict, "position",
			`Unit 8 (rear) is reserved for "Atlas" (reservation 7).`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkReservation(&ent.Rack{ID: 3, Name: "R01", Status: tt.status}, m, tt.give)

			if tt.wantKind == 0 {
				assert.NoError(t, err)
				return
			}
			e, ok := apperr.As(err)
			require.True(t, ok, "got %v", err)
			assert.Equal(t, tt.wantKind, e.Kind)
			if tt.wantField == "" {
				assert.Empty(t, e.Fields)
				assert.Contains(t, e.Detail, tt.wantText)
				return
			}
			require.Len(t, e.Fields, 1)
			assert.Equal(t, tt.wantField, e.Fields[0].Field)
			assert.Contains(t, e.Fields[0].Message, tt.wantText)
		})
	}
}
