package core

import (
	"context"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing/envelope"
)

// AcceptInvitation implements POST /api/auth/accept-invitation.
func (h *Handlers) AcceptInvitation(ctx context.Context, req *api.AcceptInvitationRequest) (*api.TokenPair, error) {
	t, err := h.svc.AcceptInvitation(ctx, req.Token, req.Password)
	if err != nil {
		return nil, err
	}
	return toAPITokens(t), nil
}

// RequestPasswordReset implements POST /api/auth/password-reset.
func (h *Handlers) RequestPasswordReset(ctx context.Context, req *api.PasswordResetRequest) error {
	return h.svc.RequestPasswordReset(ctx, req.Email)
}

// ConfirmPasswordReset implements POST /api/auth/password-reset/confirm.
func (h *Handlers) ConfirmPasswordReset(ctx context.Context, req *api.PasswordResetConfirmRequest) error {
	return h.svc.ConfirmPasswordReset(ctx, req.Token, req.NewPassword)
}

// ListSecurityEvents implements GET /api/security-events.
func (h *Handlers) ListSecurityEvents(ctx context.Context, params api.ListSecurityEventsParams) (*api.SecurityEventList, error) {
	f := SecurityEventFilter{
		Type:    EventType(params.Type.Or("")),
		ActorID: int(params.ActorID.Or(0)),
		Page:    envelope.Page(params.Limit, params.Offset),
	}
	if since, ok := params.Since.Get(); ok {
		f.Since = since
	}
	res, err := h.svc.ListSecurityEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	var actorIDs []int
	for _, ev := range res.Items {
		if ev.ActorID != nil {
			actorIDs = append(actorIDs, *ev.ActorID)
		}
	}
	actors, err := h.svc.UserRefs(ctx, actorIDs)
	if err != nil {
		return nil, err
	}
	out := api.SecurityEventList(envelope.Of(ctx, res, func(ev *ent.SecurityEvent) api.SecurityEvent {
		return toAPISecurityEvent(ev, actors)
	}))
	return &out, nil
}

// toAPISecurityEvent shows an event; its actor is null when nobody is
// known to have acted (a failed login).
func toAPISecurityEvent(ev *ent.SecurityEvent, actors map[int]*ent.User) api.SecurityEvent {
	out := api.SecurityEvent{
		ID: int64(ev.ID), Type: api.SecurityEventType(ev.Type), Subject: ev.Subject,
		IP: ev.IP, RequestID: ev.RequestID, CreatedAt: ev.CreatedAt,
	}
	out.Actor.SetToNull()
	if ev.ActorID != nil {
		ref := api.UserRef{ID: int64(*ev.ActorID)}
		if u := actors[*ev.ActorID]; u != nil {
			ref.Email = u.Email
		}
		out.Actor.SetTo(ref)
	}
	return out
}
