// Package platform is what runs across tenants: creating a company and its
// first admin, resolving the tenant a request names, the operator commands
// of the command line, and the health of the service. Everything here that
// reads or writes across tenants runs in the system context, on purpose and
// nowhere else; nothing of it is reachable with a tenant's token.
package platform

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database/notify"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/modules/core/mailtoken"
)

// Deps are what the platform needs.
type Deps struct {
	Client *ent.Client
	Hasher password.Hasher
	// Mail issues the reset tokens operators hand over.
	Mail *mailtoken.Service
	// Changes carries tenant state changes between processes: this
	// service publishes its own and drops what its cache knows of those of
	// others.
	Changes notify.Feed
	// TenantCacheTTL bounds how long a resolved tenant is remembered, should
	// a change go unseen.
	TenantCacheTTL time.Duration
	// Now is the clock of the tenant cache (time.Now when nil).
	Now func() time.Time
}

// Service implements the platform's use cases.
type Service struct {
	client  *ent.Client
	hasher  password.Hasher
	mail    *mailtoken.Service
	changes notify.Feed
	tenants *tenantCache
}

// NewService returns the platform service.
func NewService(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &Service{client: d.Client, hasher: d.Hasher, mail: d.Mail, changes: d.Changes,
		tenants: newTenantCache(d.TenantCacheTTL, d.Now, d.Changes)}
	d.Changes.Subscribe(tenantStateChannel, s.tenants)
	return s
}

// publishTenantState tells every process, once tx commits, that the
// tenant with subdomain changed state.
func (s *Service) publishTenantState(ctx context.Context, tx *ent.Tx, subdomain string) error {
	if err := s.changes.Publish(ctx, tx, tenantStateChannel, subdomain); err != nil {
		return fmt.Errorf("publish tenant state: %w", err)
	}
	return nil
}
