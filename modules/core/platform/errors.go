package platform

import "github.com/binora/binora/internal/apperr"

var (
	// ErrTenantNotFound is the answer for an unknown or inactive tenant.
	ErrTenantNotFound = &apperr.Error{Kind: apperr.KindNotFound, Code: "tenant_not_found", Detail: "No active tenant by that name."}
	// ErrUnknownTenant answers an operator command naming no company.
	ErrUnknownTenant = &apperr.Error{Kind: apperr.KindNotFound, Code: "tenant_not_found", Detail: "No tenant has that subdomain."}
	// ErrUserInactive refuses a password reset for a deactivated user: they
	// could not use the password.
	ErrUserInactive = apperr.Conflict("email", "This user is deactivated.")
	// ErrNotReady answers /readyz while the database cannot be reached.
	ErrNotReady = &apperr.Error{Kind: apperr.KindUnavailable, Code: "not_ready", Detail: "The database cannot be reached."}
)
