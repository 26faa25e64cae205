package core

import (
	"context"

	"github.com/binora/binora/internal/api"
)

// ListAPITokens implements GET /api/api-tokens.
func (h *Handlers) ListAPITokens(ctx context.Context, params api.ListAPITokensParams) (*api.APITokenList, error) {
	return nil, errNotBuilt
}

// CreateAPIToken implements POST /api/api-tokens.
func (h *Handlers) CreateAPIToken(ctx context.Context, req *api.APITokenCreate) (*api.APITokenCreated, error) {
	return nil, errNotBuilt
}

// GetAPIToken implements GET /api/api-tokens/{id}.
func (h *Handlers) GetAPIToken(ctx context.Context, params api.GetAPITokenParams) (*api.APIToken, error) {
	return nil, errNotBuilt
}

// RevokeAPIToken implements DELETE /api/api-tokens/{id}.
func (h *Handlers) RevokeAPIToken(ctx context.Context, params api.RevokeAPITokenParams) error {
	return errNotBuilt
}
