package layout

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/modules/facilities/occupancy"
)

func toAPIElevation(e Elevation) *api.Elevation {
	out := &api.Elevation{
		UnitsUsed: e.Counts.Used, UnitsReserved: e.Counts.Reserved, UnitsFree: e.Counts.Free,
		Utilization: e.Counts.Utilization(),
		Rack:        rackRef(e.Rack), Face: api.Face(e.Face),
		Units: make([]api.ElevationUnit, len(e.Units)),
	}
	for i, u := range e.Units {
		out.Units[i] = toAPIUnit(u, e.Face)
	}
	return out
}

// toAPIUnit shows unit u of face f.
func toAPIUnit(u Unit, f occupancy.Face) api.ElevationUnit {
	out := api.ElevationUnit{Unit: u.Number}
	out.Asset.SetToNull()
	out.Reservation.SetToNull()
	if a := u.Asset; a != nil {
		// An asset in a rack has a face; should one lack it, the face it
		// is seen on is the one it occupies.
		face := a.Face
		if face == "" {
			face = f
		}
		out.Asset.SetTo(api.ElevationAsset{ID: int64(a.ID), Code: a.Code, Name: a.Name,
			Position: a.Position, UHeight: a.Height, Face: api.Face(face), FullDepth: a.FullDepth})
	}
	if r := u.Reservation; r != nil {
		out.Reservation.SetTo(api.ElevationReservation{ID: int64(r.ID), Description: r.Name})
	}
	return out
}

// faceOf reads an optional face parameter; "" is none.
func faceOf[F ~string](f F, set bool) occupancy.Face {
	if !set {
		return ""
	}
	return occupancy.Face(f)
}

func rackRef(r *ent.Rack) api.RackRef { return api.RackRef{ID: int64(r.ID), Name: r.Name} }
