package sessions

import (
	"errors"

	"github.com/binora/binora/internal/apperr"
)

// Authentication failures. Each answers 401 with code unauthenticated, as
// openapi.yaml documents, except a token of another tenant; the detail
// says which credential failed.
var (
	ErrBadCredentials = apperr.Unauthenticated("unauthenticated", "Invalid email or password.")
	ErrInvalidToken   = apperr.Unauthenticated("unauthenticated", "The access token is missing, invalid or expired.")
	ErrInvalidRefresh = apperr.Unauthenticated("unauthenticated", "The refresh token is invalid, spent or expired.")
	ErrTokenTenant    = apperr.Unauthenticated("token_tenant_mismatch", "The token was issued for another tenant.")
	ErrTenantRequired = &apperr.Error{Kind: apperr.KindInvalid, Code: "tenant_required", Detail: "Name the tenant with the X-Tenant header or the host name."}
	ErrWrongPassword  = apperr.Invalid("current_password", "The current password is not correct.")
	// ErrPasswordByAPIToken refuses a password change made with an API
	// token: a leaked token must not be able to take over its creator's
	// account.
	ErrPasswordByAPIToken = apperr.Forbidden("An API token cannot change a password; sign in as a person.")
)

// errRefreshTokenUsed marks a refresh token presented a second time.
var errRefreshTokenUsed = errors.New("refresh token re-used")
