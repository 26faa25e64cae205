package racks

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/modules/core/directory"
)

// reservationCreateOf reads a reservation body; u_height left out is nil
// (the default), expires_at omitted or null means never.
func reservationCreateOf(req *api.ReservationCreate) ReservationCreate {
	return ReservationCreate{
		Position: req.Position, UHeight: apiconv.Ptr(req.UHeight.Get()), Face: string(req.Face),
		FullDepth: req.FullDepth.Or(false), Description: req.Description, ExpiresAt: apiconv.Ptr(req.ExpiresAt.Get()),
	}
}

// toAPIReservation shows r, whose rack is loaded; users holds the authors
// that could be resolved.
func toAPIReservation(r Reservation, users map[int]*ent.User) api.Reservation {
	out := api.Reservation{
		ID: int64(r.ID), Rack: api.RackRef{ID: int64(r.RackID)}, Position: r.Position, UHeight: r.UHeight,
		Face: api.Face(r.Face), FullDepth: r.FullDepth, Description: r.Description, Expired: r.Expired,
		CreatedBy: directory.ToAPIUserRef(r.CreatedBy, users), CreatedAt: r.CreatedAt,
	}
	if rk := r.Edges.Rack; rk != nil {
		out.Rack.Name = rk.Name
	}
	if r.ExpiresAt != nil {
		out.ExpiresAt.SetTo(*r.ExpiresAt)
	} else {
		out.ExpiresAt.SetToNull()
	}
	return out
}

// authorIDs are the authors of reservations, for one lookup.
func authorIDs(rs []Reservation) []int {
	ids := make([]int, 0, len(rs))
	for _, r := range rs {
		if r.CreatedBy != nil {
			ids = append(ids, *r.CreatedBy)
		}
	}
	return ids
}
