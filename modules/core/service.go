// Package core is the core module: companies (tenants), users,
// authentication and datacenters. Its Service holds every rule of these; its
// handlers only translate between HTTP and the service.
package core

import (
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/password"
)

// Deps are what the core service needs.
type Deps struct {
	Client *ent.Client
	Hasher password.Hasher
	Tokens *authtoken.Issuer
	// RefreshTTL is how long a session lasts without being refreshed.
	RefreshTTL time.Duration
	// TenantCacheTTL bounds how long a resolved tenant is remembered.
	TenantCacheTTL time.Duration
}

// Service implements the core module's use cases.
type Service struct {
	client     *ent.Client
	hasher     password.Hasher
	tokens     *authtoken.Issuer
	refreshTTL time.Duration
	tenants    *tenantCache
	now        func() time.Time
	// dummyHash is verified against when a login names no known user, so
	// that an unknown email costs as much time as a wrong password.
	dummyHash string
}

// NewService returns a core Service.
func NewService(d Deps) (*Service, error) {
	dummy, err := d.Hasher.Hash("binora-dummy-password")
	if err != nil {
		return nil, err
	}
	if d.RefreshTTL == 0 {
		d.RefreshTTL = 30 * 24 * time.Hour
	}
	return &Service{
		client:     d.Client,
		hasher:     d.Hasher,
		tokens:     d.Tokens,
		refreshTTL: d.RefreshTTL,
		tenants:    newTenantCache(d.TenantCacheTTL),
		now:        time.Now,
		dummyHash:  dummy,
	}, nil
}

// ErrNotReady answers /readyz while the database cannot be reached.
var ErrNotReady = &apperr.Error{Kind: apperr.KindUnavailable, Code: "not_ready", Detail: "The database cannot be reached."}
