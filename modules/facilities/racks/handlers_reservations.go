package racks

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing/envelope"
)

var _ api.ReservationsHandler = (*Handlers)(nil)

// ListRackReservations implements GET /api/racks/{id}/reservations.
func (h *Handlers) ListRackReservations(ctx context.Context, params api.ListRackReservationsParams) (*api.ReservationList, error) {
	res, err := h.svc.Reservations(ctx, int(params.ID), envelope.Page(params.Limit, params.Offset))
	if err != nil {
		return nil, err
	}
	users, err := h.userRefs(ctx, authorIDs(res.Items))
	if err != nil {
		return nil, err
	}
	out := api.ReservationList(envelope.Of(ctx, res, func(r Reservation) api.Reservation {
		return toAPIReservation(r, users)
	}))
	return &out, nil
}

// CreateRackReservation implements POST /api/racks/{id}/reservations.
func (h *Handlers) CreateRackReservation(ctx context.Context, req *api.ReservationCreate, params api.CreateRackReservationParams) (*api.Reservation, error) {
	r, err := h.svc.Reserve(ctx, int(params.ID), reservationCreateOf(req))
	if err != nil {
		return nil, err
	}
	users, err := h.userRefs(ctx, authorIDs([]Reservation{r}))
	if err != nil {
		return nil, err
	}
	out := toAPIReservation(r, users)
	return &out, nil
}

// DeleteRackReservation implements DELETE /api/racks/{id}/reservations/{reservation_id}.
func (h *Handlers) DeleteRackReservation(ctx context.Context, params api.DeleteRackReservationParams) error {
	return h.svc.Release(ctx, int(params.ID), int(params.ReservationID))
}

// userRefs resolves the authors ids in one lookup.
func (h *Handlers) userRefs(ctx context.Context, ids []int) (map[int]*ent.User, error) {
	users, err := h.users.UserRefs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("resolve user references: %w", err)
	}
	return users, nil
}
