package events

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing/envelope"
)

// filterOf reads the list parameters.
func filterOf(params api.ListSecurityEventsParams) Filter {
	f := Filter{
		Type:    Type(params.Type.Or("")),
		ActorID: int(params.ActorID.Or(0)),
		Page:    envelope.Page(params.Limit, params.Offset),
	}
	if since, ok := params.Since.Get(); ok {
		f.Since = since
	}
	return f
}

// actorIDs are the users who acted in events.
func actorIDs(events []*ent.SecurityEvent) []int {
	var ids []int
	for _, ev := range events {
		if ev.ActorID != nil {
			ids = append(ids, *ev.ActorID)
		}
	}
	return ids
}

// toAPISecurityEvent shows an event; its actor is null when nobody is
// known to have acted (a failed login), its api_token_id when a person did.
func toAPISecurityEvent(ev *ent.SecurityEvent, actors map[int]*ent.User) api.SecurityEvent {
	out := api.SecurityEvent{
		ID: int64(ev.ID), Type: api.SecurityEventType(ev.Type), Subject: ev.Subject,
		IP: ev.IP, RequestID: ev.RequestID, CreatedAt: ev.CreatedAt,
	}
	out.Actor.SetToNull()
	out.APITokenID.SetToNull()
	if ev.APITokenID != nil {
		out.APITokenID.SetTo(int64(*ev.APITokenID))
	}
	if ev.ActorID != nil {
		ref := api.UserRef{ID: int64(*ev.ActorID)}
		if u := actors[*ev.ActorID]; u != nil {
			ref.Email = u.Email
		}
		out.Actor.SetTo(ref)
	}
	return out
}
