package racks

import (
	"context"
	"errors"

	"github.com/binora/binora/internal/api"
)

var _ api.ReservationsHandler = (*Handlers)(nil)

// CreateRackReservation implements CreateRackReservation.
func (h *Handlers) CreateRackReservation(_ context.Context, req *api.ReservationCreate, params api.CreateRackReservationParams) (*api.Reservation, error) {
	return nil, errors.New("not built")
}

// DeleteRackReservation implements DeleteRackReservation.
func (h *Handlers) DeleteRackReservation(_ context.Context, params api.DeleteRackReservationParams) error {
	return errors.New("not built")
}

// ListRackReservations implements ListRackReservations.
func (h *Handlers) ListRackReservations(_ context.Context, params api.ListRackReservationsParams) (*api.ReservationList, error) {
	return nil, errors.New("not built")
}
