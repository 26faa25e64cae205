// Package tenancy carries the tenant of a request, and who acts in it,
// through context.Context.
//
// Every request that reaches the data layer runs either in a tenant (a
// company) or in the system context, which exists only for platform
// operations such as creating a tenant, resolving the tenant of a request,
// migrations and demo data. The Ent privacy policies, hooks and
// interceptors read nothing else: application code never filters by company
// itself.
//
// The tenant and the actor are separate on purpose. Before authentication
// (login, refresh, a password reset) a request runs in a tenant with nobody
// acting; an Actor exists only for a signed-in user, and always comes with
// its tenant, so no rule has to ask whether an actor is really somebody.
package tenancy

import "context"

// Actor is the user who makes a request, signed in as a person or through
// one of their API tokens.
type Actor struct {
	// UserID is the acting user; always a real user.
	UserID int
	// SessionID is the session of a person's access token (0 for an API token).
	SessionID int
	// APITokenID is the API token the request authenticated with, or 0 for
	// a person. Some actions are for people only.
	APITokenID int
	// Admin holds every permission of the company.
	Admin bool
	// Permissions are the codes the actor holds (unused for admins).
	Permissions map[string]bool
}

// Can reports whether the actor holds the permission code.
func (a *Actor) Can(code string) bool {
	return a.Admin || a.Permissions[code]
}

// ByToken reports whether the actor acts through an API token.
func (a *Actor) ByToken() bool { return a.APITokenID != 0 }

// scope is what a context carries: the tenant, and the actor if somebody
// acts. It is set whole, so a tenant and an actor cannot disagree.
type scope struct {
	companyID int
	actor     *Actor
}

type scopeKey struct{}

type systemKey struct{}

// WithTenant returns a context that runs in company companyID with nobody
// acting: enough to read the tenant's rows before anyone is authenticated.
func WithTenant(ctx context.Context, companyID int) context.Context {
	if companyID <= 0 {
		panic("tenancy: WithTenant needs a company")
	}
	return context.WithValue(ctx, scopeKey{}, scope{companyID: companyID})
}

// WithActor returns a context that runs in company companyID as a. Writes
// are stamped with a's user.
func WithActor(ctx context.Context, companyID int, a *Actor) context.Context {
	if companyID <= 0 || a == nil || a.UserID <= 0 {
		panic("tenancy: WithActor needs a company and a user")
	}
	return context.WithValue(ctx, scopeKey{}, scope{companyID: companyID, actor: a})
}

// TenantOf returns the company ctx runs in, if any.
func TenantOf(ctx context.Context) (int, bool) {
	s, ok := ctx.Value(scopeKey{}).(scope)
	return s.companyID, ok
}

// ActorOf returns who acts in ctx, if anybody.
func ActorOf(ctx context.Context) (*Actor, bool) {
	s, ok := ctx.Value(scopeKey{}).(scope)
	return s.actor, ok && s.actor != nil
}

// UserOf returns the id of the acting user, or 0 when nobody acts: for
// audit fields and security events, which record "nobody" as well.
func UserOf(ctx context.Context) int {
	if a, ok := ActorOf(ctx); ok {
		return a.UserID
	}
	return 0
}

// SystemContext returns a context that bypasses tenant confinement. It is
// for platform code only (command line, migrations, demo data, resolving the
// tenant of a request or an API token) and is never derived from anything a
// client sends. It is the one system signal: the privacy policies, hooks and
// interceptors all ask IsSystem.
func SystemContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, systemKey{}, true)
}

// IsSystem reports whether ctx is the system context.
func IsSystem(ctx context.Context) bool {
	on, _ := ctx.Value(systemKey{}).(bool)
	return on
}
