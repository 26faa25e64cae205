package rooms

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

// ToAPIRoomRef shows room id as a reference, with its code and name when
// room (the loaded edge) is there. Rows and racks show their room this
// way.
func ToAPIRoomRef(id int, room *ent.Room) api.RoomRef {
	ref := api.RoomRef{ID: int64(id)}
	if room != nil {
		ref.Code, ref.Name = room.Code, room.Name
	}
	return ref
}

// ToAPIRowRef shows the row a rack may stand in: null without one, its
// name when row (the loaded edge) is there.
func ToAPIRowRef(id *int, row *ent.RackRow) api.NilRowRef {
	var out api.NilRowRef
	if id == nil {
		out.SetToNull()
		return out
	}
	ref := api.RowRef{ID: int64(*id)}
	if row != nil {
		ref.Name = row.Name
	}
	out.SetTo(ref)
	return out
}
