package events

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/internal/listing"
)

// Service lists the security events of a tenant.
type Service struct {
	client *ent.Client
}

// NewService returns the security-event listing over client.
func NewService(client *ent.Client) *Service { return &Service{client: client} }

// Filter selects a page of security events; zero fields do not filter.
type Filter struct {
	Type    Type
	ActorID int
	// Since keeps events created at or after it.
	Since time.Time
	Page  listing.Page
}

// List returns a page of the tenant's security events, newest first.
func (s *Service) List(ctx context.Context, f Filter) (listing.Result[*ent.SecurityEvent], error) {
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
