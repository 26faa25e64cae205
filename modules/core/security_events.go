package core

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/internal/listing"
)

// SecurityEventFilter selects a page of security events; zero fields do
// not filter.
type SecurityEventFilter struct {
	Type    EventType
	ActorID int
	// Since keeps events created at or after it.
	Since time.Time
	Page  listing.Page
}

// ListSecurityEvents returns a page of the tenant's security events, newest
// first, and how many match in all.
func (s *Service) ListSecurityEvents(ctx context.Context, f SecurityEventFilter) (listing.Result[*ent.SecurityEvent], error) {
	q := s.client.SecurityEvent.Query()
	if f.Type != "" {
		q = q.Where(securityevent.Type(string(f.Type)))
	}
	if f.ActorID != 0 {
		q = q.Where(securityevent.ActorID(f.ActorID))
	}
	if !f.Since.IsZero() {
		// SQLite compares times as text, stamped in the process's zone:
		// compare in that zone whatever offset the client wrote.
		q = q.Where(securityevent.CreatedAtGTE(f.Since.Local()))
	}
	q = q.Order(ent.Desc(securityevent.FieldCreatedAt), ent.Desc(securityevent.FieldID))
	res, err := listing.Fetch(ctx, q, f.Page)
	if err != nil {
		return res, fmt.Errorf("list security events: %w", err)
	}
	return res, nil
}

// recordLogout records the end of a session by its owner.
func (s *Service) recordLogout(ctx context.Context, sess *ent.Session) error {
	u, err := s.client.User.Get(ctx, sess.UserID)
	if err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return record(ctx, s.client, Event{Type: EventLogout, ActorID: &u.ID, Subject: userSubject(u)})
}
