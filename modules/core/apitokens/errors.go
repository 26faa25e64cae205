package apitokens

import "github.com/binora/binora/internal/apperr"

var (
	// ErrCreatesToken refuses an API token that tries to mint another: a
	// leaked token must not be able to extend its own life.
	ErrCreatesToken = apperr.Forbidden("An API token cannot create API tokens; sign in as a person.")
	// ErrUnusable is Resolve's answer for every bearer token that cannot
	// act: unknown, wrong secret, expired, revoked, creatorless, or used
	// from outside its address ranges. The caller answers them all alike.
	ErrUnusable = apperr.Unauthenticated("unauthenticated", "The access token is missing, invalid or expired.")
	errNotFound = apperr.NotFound("API token")
)
