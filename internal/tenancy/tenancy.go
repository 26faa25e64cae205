// Package tenancy carries the tenant of a request through context.Context.
//
// Every request that reaches the data layer carries either a Viewer (a
// company, and the user acting in it) or the system context, which exists
// only for platform operations such as creating a tenant, looking up the
// tenant of a login, migrations and demo data. The Ent privacy policies,
// hooks and interceptors read nothing else: application code never filters
// by company itself.
package tenancy

import (
	"context"

	"entgo.io/ent/privacy"
)

// Viewer is the tenant and the principal of a request.
type Viewer struct {
	// CompanyID is the tenant every read and write is confined to.
	CompanyID int
	// UserID is the acting user, or 0 before authentication (login, refresh).
	UserID int
	// SessionID is the refresh-token session the access token belongs to
	// (0 for an API token).
	SessionID int
	// APITokenID is the partner API token the request authenticated with,
	// or 0 for a person's access token. Some actions are for people only.
	APITokenID int
	// Admin holds every permission of the company.
	Admin bool
	// Permissions are the codes the viewer holds (unused for admins).
	Permissions map[string]bool
}

// Can reports whether the viewer holds the permission code.
func (v *Viewer) Can(code string) bool {
	return v.Admin || v.Permissions[code]
}

type viewerKey struct{}

type systemKey struct{}

// WithViewer returns a context that acts as v.
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// FromContext returns the viewer of ctx, if any.
func FromContext(ctx context.Context) (*Viewer, bool) {
	v, ok := ctx.Value(viewerKey{}).(*Viewer)
	return v, ok && v != nil && v.CompanyID > 0
}

// SystemContext returns a context that bypasses tenant confinement. It is
// for platform code only (command line, migrations, demo data, resolving the
// tenant of a request) and is never derived from anything a client sends.
func SystemContext(ctx context.Context) context.Context {
	ctx = context.WithValue(ctx, systemKey{}, true)
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// IsSystem reports whether ctx is the system context.
func IsSystem(ctx context.Context) bool {
	on, _ := ctx.Value(systemKey{}).(bool)
	return on
}
