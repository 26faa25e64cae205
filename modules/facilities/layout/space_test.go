package layout

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/modules/facilities/occupancy"
)

func space(id int, name string, fit int) Space {
	return Space{Rack: &ent.Rack{ID: id, Name: name}, Space: occupancy.Space{Fit: fit}}
}

func TestBestFit_SmallestFitThenNameThenID(t *testing.T) {
	tests := []struct {
		name string
		give []Space
		want []int // rack ids
	}{
		{"the smallest fitting block first", []Space{space(1, "A", 10), space(2, "B", 3), space(3, "C", 5)}, []int{2, 3, 1}},
		{"equal fits by name", []Space{space(1, "R10", 4), space(2, "R02", 4), space(3, "R01", 4)}, []int{3, 2, 1}},
		{"a smaller fit beats a smaller name", []Space{space(1, "A", 8), space(2, "Z", 2)}, []int{2, 1}},
		{"equal names by id", []Space{space(9, "R01", 4), space(4, "R01", 4), space(6, "R01", 4)}, []int{4, 6, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.give)
			slices.SortFunc(got, bestFit)

			var ids []int
			for _, s := range got {
				ids = append(ids, s.Rack.ID)
			}
			assert.Equal(t, tt.want, ids)
		})
	}
}

func TestSpaceQuery_Normalized(t *testing.T) {
	zero := 0
	tests := []struct {
		name       string
		give       SpaceQuery
		wantFace   occupancy.Face
		wantFields []string
	}{
		{"the face defaults to the front", SpaceQuery{Units: 2}, occupancy.Front, nil},
		{"the rear is kept", SpaceQuery{Units: 2, Face: occupancy.Rear}, occupancy.Rear, nil},
		{"no units is refused", SpaceQuery{}, "", []string{"units"}},
		{"more units than a rack can have", SpaceQuery{Units: 101}, "", []string{"units"}},
		{"an unknown face", SpaceQuery{Units: 1, Face: "side"}, "", []string{"face"}},
		{"ids must be positive", SpaceQuery{Units: 1, DatacenterID: &zero, RoomID: &zero, RowID: &zero}, "",
			[]string{"datacenter_id", "room_id", "row_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.give.normalized()

			if tt.wantFields == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.wantFace, got.Face)
				return
			}
			e, ok := apperr.As(err)
			require.True(t, ok, "%v", err)
			var fields []string
			for _, f := range e.Fields {
				fields = append(fields, f.Field)
			}
			assert.Equal(t, tt.wantFields, fields)
		})
	}
}
