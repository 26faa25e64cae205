package racks

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// holdings is what a rack holds: the assets that name it (placed in its
// units or not) and its live reservations.
type holdings struct {
	assets, reservations int
}

func (h holdings) empty() bool { return h.assets == 0 && h.reservations == 0 }

// String says what the rack holds, e.g. "3 assets and 1 live reservation",
// naming only what there is.
func (h holdings) String() string {
	var parts []string
	if h.assets > 0 {
		parts = append(parts, plural(h.assets, "asset", "assets"))
	}
	if h.reservations > 0 {
		parts = append(parts, plural(h.reservations, "live reservation", "live reservations"))
	}
	switch len(parts) {
	case 0:
		return "nothing"
	case 1:
		return parts[0]
	default:
		return parts[0] + " and " + parts[1]
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// checkDelete refuses to delete a rack that holds anything: nothing is
// taken out of a rack, or released, behind the user's back.
func checkDelete(h holdings) error {
	if h.empty() {
		return nil
	}
	return apperr.Conflict("", fmt.Sprintf("The rack still holds %s; move or delete them first.", h))
}

// checkMove refuses to move a rack that holds anything from datacenter
// from to datacenter to: its assets belong to the datacenter they are in,
// and would silently be elsewhere.
func checkMove(from, to int, h holdings) error {
	if from == to || h.empty() {
		return nil
	}
	return apperr.Conflict("room_id",
		fmt.Sprintf("The rack holds %s; it cannot move to a room of another datacenter.", h))
}

// checkRow refuses a row that is not in the rack's room; row may be nil
// (the rack is in no row).
func checkRow(row *ent.RackRow, room *ent.Room) error {
	if row != nil && row.RoomID != room.ID {
		return errRowElsewhere
	}
	return nil
}

// checkGeometry refuses to give the rack whose blocks m holds the geometry
// to when a block would fall outside it, naming the lowest such block (an
// asset before a reservation at the same unit) on field, the geometry
// field that changed.
func checkGeometry(m occupancy.Map, to occupancy.Rack, field string) error {
	blocks := slices.Clone(m.Blocks)
	slices.SortFunc(blocks, func(a, b occupancy.Block) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
	for _, b := range blocks {
		if b.Height == 0 || to.Contains(b.Position, b.Last()) {
			continue
		}
		return apperr.Conflict(field, fmt.Sprintf("%s takes units %d to %d, which would not all be in the rack's units %d to %d.",
			holder(b), b.Position, b.Last(), to.StartingUnit, to.Top()))
	}
	return nil
}

// holder names what takes a block, as a message shows it.
func holder(b occupancy.Block) string {
	if b.Kind == occupancy.KindReservation {
		return fmt.Sprintf("Reservation %d (%q)", b.ID, b.Name)
	}
	return fmt.Sprintf("Asset %s %q (id %d)", b.Code, b.Name, b.ID)
}

// geometryField is the field a refused geometry change is reported on:
// the height, unless only the starting unit changes.
func geometryField(cur *ent.Rack, in Update) string {
	if in.UHeight == nil || *in.UHeight == cur.UHeight {
		return "starting_unit"
	}
	return "u_height"
}
