package apitokens

import "github.com/binora/binora/internal/api"

// Handlers implements the APITokens operations of the API
// (handlers_api_tokens.go): it decodes, calls the Service and encodes.
type Handlers struct {
	svc *Service
}

var _ api.APITokensHandler = (*Handlers)(nil)

// NewHandlers returns the API tokens' handlers over svc.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }
