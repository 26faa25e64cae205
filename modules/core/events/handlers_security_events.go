package events

import (
	"context"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing/envelope"
)

// UserDirectory resolves user ids to users (id and email at least) for the
// actor of each event; the directory service implements it.
type UserDirectory interface {
	UserRefs(ctx context.Context, ids []int) (map[int]*ent.User, error)
}

// Handlers implements the SecurityEvents operations of the API.
type Handlers struct {
	svc   *Service
	users UserDirectory
}

var _ api.SecurityEventsHandler = (*Handlers)(nil)

// NewHandlers returns the security-event handlers.
func NewHandlers(svc *Service, users UserDirectory) *Handlers {
	return &Handlers{svc: svc, users: users}
}

// ListSecurityEvents implements GET /api/security-events.
func (h *Handlers) ListSecurityEvents(ctx context.Context, params api.ListSecurityEventsParams) (*api.SecurityEventList, error) {
	res, err := h.svc.List(ctx, filterOf(params))
	if err != nil {
		return nil, err
	}
	actors, err := h.users.UserRefs(ctx, actorIDs(res.Items))
	if err != nil {
		return nil, err
	}
	out := api.SecurityEventList(envelope.Of(ctx, res, func(ev *ent.SecurityEvent) api.SecurityEvent {
		return toAPISecurityEvent(ev, actors)
	}))
	return &out, nil
}
