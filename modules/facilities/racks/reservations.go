package racks

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/ent/rackreservation"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// Reservation is a reservation with its rack loaded, and whether it had
// expired when it was read: what every reservation answer shows.
type Reservation struct {
	*ent.RackReservation
	Expired bool
}

// reservationOf completes r, of rack rk, as read at now.
func reservationOf(r *ent.RackReservation, rk *ent.Rack, now time.Time) Reservation {
	r.Edges.Rack = rk
	return Reservation{RackReservation: r, Expired: r.ExpiresAt != nil && !r.ExpiresAt.After(now)}
}

// Reservations returns a page of the reservations of rack rackID, expired
// ones included, lowest unit first, and how many there are. A rack the
// tenant cannot see is not found, not empty.
func (s *Service) Reservations(ctx context.Context, rackID int, page listing.Page) (listing.Result[Reservation], error) {
	now := s.now()
	rk, err := s.client.Rack.Query().Where(rack.ID(rackID)).Only(ctx)
	if err != nil {
		return listing.Result[Reservation]{}, database.Classify(err, "Rack")
	}
	q := s.client.RackReservation.Query().
		Where(rackreservation.RackID(rackID)).
		Order(rackreservation.ByPosition(), rackreservation.ByID())
	res, err := listing.Fetch(ctx, q, page)
	if err != nil {
		return listing.Result[Reservation]{}, fmt.Errorf("list reservations: %w", err)
	}
	out := listing.WithItems(res, make([]Reservation, len(res.Items)))
	for i, r := range res.Items {
		out.Items[i] = reservationOf(r, rk, now)
	}
	return out, nil
}

// Reserve blocks units of rack rackID. The rack stays locked from the
// check of its units to the commit, so two reservations (or a reservation
// and a placement) of the same units cannot both pass.
func (s *Service) Reserve(ctx context.Context, rackID int, in ReservationCreate) (Reservation, error) {
	now := s.now()
	in, err := in.normalized(now)
	if err != nil {
		return Reservation{}, err
	}
	var out Reservation
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		rk, err := s.lock(ctx, tx, rackID)
		if err != nil {
			return err
		}
		m, err := occupancy.LoadOne(ctx, occupancy.FromTx(tx), rk, now)
		if err != nil {
			return err
		}
		if err := checkReservation(rk, m, in.block()); err != nil {
			return err
		}
		r, err := tx.RackReservation.Create().
			SetRackID(rk.ID).SetPosition(in.Position).SetUHeight(*in.UHeight).
			SetFace(rackreservation.Face(in.Face)).SetFullDepth(in.FullDepth).
			SetDescription(in.Description).SetNillableExpiresAt(in.ExpiresAt).
			Save(ctx)
		if err != nil {
			return database.Classify(err, "Reservation")
		}
		out = reservationOf(r, rk, now)
		return nil
	})
	return out, err
}

// Release deletes reservation id of rack rackID. A reservation of another
// rack is not found: the path names both.
func (s *Service) Release(ctx context.Context, rackID, id int) error {
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		// Freeing units takes the rack's lock like taking them does.
		if _, err := s.lock(ctx, tx, rackID); err != nil {
			return err
		}
		n, err := tx.RackReservation.Delete().
			Where(rackreservation.ID(id), rackreservation.RackID(rackID)).
			Exec(ctx)
		if err != nil {
			return fmt.Errorf("delete reservation: %w", err)
		}
		if n == 0 {
			return errNoReservation
		}
		return nil
	})
}
