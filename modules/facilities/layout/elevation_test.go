package layout

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/modules/facilities/occupancy"
)

// holders lists, per unit in drawing order, the ids of the asset and the
// reservation that hold it (0 for none).
func holders(units []Unit) [][3]int {
	out := make([][3]int, len(units))
	for i, u := range units {
		out[i][0] = u.Number
		if u.Asset != nil {
			out[i][1] = u.Asset.ID
		}
		if u.Reservation != nil {
			out[i][2] = u.Reservation.ID
		}
	}
	return out
}

func TestUnitsOf_EveryUnitWithItsHoldersOnTheFaceViewed(t *testing.T) {
	tests := []struct {
		name       string
		descending bool
		face       occupancy.Face
		want       [][3]int
	}{
		{"front", false, occupancy.Front, [][3]int{{6, 0, 0}, {5, 0, 0}, {4, 3, 0}, {3, 0, 0}, {2, 2, 0}, {1, 2, 0}}},
		{"rear", false, occupancy.Rear, [][3]int{{6, 0, 0}, {5, 0, 7}, {4, 0, 0}, {3, 0, 0}, {2, 2, 0}, {1, 2, 0}}},
		{"descending front", true, occupancy.Front, [][3]int{{1, 2, 0}, {2, 2, 0}, {3, 0, 0}, {4, 3, 0}, {5, 0, 0}, {6, 0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, holders(unitsOf(sampleMap(tt.descending), tt.face)))
		})
	}
}

func TestSortedBlocks_ReservationsAfterAssetsLowestFirst(t *testing.T) {
	got := sortedBlocks(sampleMap(false).Blocks)

	var ids []int
	for _, b := range got {
		ids = append(ids, b.ID)
	}
	assert.Equal(t, []int{2, 3, 7}, ids)
}

func TestFaceOr(t *testing.T) {
	f, ok := faceOr("", occupancy.Front)
	assert.True(t, ok)
	assert.Equal(t, occupancy.Front, f)
	f, ok = faceOr(occupancy.Rear, occupancy.Front)
	assert.True(t, ok)
	assert.Equal(t, occupancy.Rear, f)
	_, ok = faceOr("top", occupancy.Front)
	assert.False(t, ok)
}
