package racks

import (
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// checkReservation decides whether rack r, whose blocks m holds, takes
// the new reservation b: not in a retired rack, not outside its units, and
// not on a unit an asset or another live reservation takes (reported at
// the lowest such unit, on position).
func checkReservation(r *ent.Rack, m occupancy.Map, b occupancy.Block) error {
	if r.Status == rack.StatusRetired {
		return apperr.Conflict("", fmt.Sprintf("Rack %s is retired; it takes no new reservations.", r.Name))
	}
	if !m.Rack.Contains(b.Position, b.Last()) {
		return occupancy.OutsideError("position", m.Rack, b.Position, b.Last())
	}
	if c, ok := m.Conflict(b, 0); ok {
		return occupancy.ClashError("position", c)
	}
	return nil
}
