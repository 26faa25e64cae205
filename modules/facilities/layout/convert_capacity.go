package layout

import "github.com/binora/binora/internal/api"

// toAPICapacity shows the answer of a capacity call.
func toAPICapacity(c Capacity, err error) (*api.Capacity, error) {
	if err != nil {
		return nil, err
	}
	out := &api.Capacity{
		Racks: c.Racks, UnitsTotal: c.Total, UnitsUsed: c.Used, UnitsReserved: c.Reserved, UnitsFree: c.Free,
		Utilization: c.Utilization(), AssetsPlaced: c.Placed,
	}
	if c.Unplaced != nil {
		out.AssetsUnplaced.SetTo(*c.Unplaced)
	} else {
		out.AssetsUnplaced.SetToNull()
	}
	return out, nil
}
