package core

import (
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing"
)

// ListAPITokens implements GET /api/api-tokens.
func (h *Handlers) ListAPITokens(ctx context.Context, params api.ListAPITokensParams) (*api.APITokenList, error) {
	page := listing.Page{Limit: params.Limit.Or(50), Offset: params.Offset.Or(0)}
	list, total, err := h.svc.ListAPITokens(ctx, page)
	if err != nil {
		return nil, err
	}
	out := &api.APITokenList{Count: total, Results: make([]api.APIToken, len(list))}
	for i, t := range list {
		out.Results[i] = toAPIToken(t)
	}
	out.Next, out.Previous = listing.APILinks(ctx, page, total)
	return out, nil
}

// CreateAPIToken implements POST /api/api-tokens.
func (h *Handlers) CreateAPIToken(ctx context.Context, req *api.APITokenCreate) (*api.APITokenCreated, error) {
	t, bearer, err := h.svc.CreateAPIToken(ctx, apiTokenInput(req))
	if err != nil {
		return nil, err
	}
	return toAPITokenCreated(t, bearer), nil
}

// GetAPIToken implements GET /api/api-tokens/{id}.
func (h *Handlers) GetAPIToken(ctx context.Context, params api.GetAPITokenParams) (*api.APIToken, error) {
	t, err := h.svc.GetAPIToken(ctx, int(params.ID))
	if err != nil {
		return nil, err
	}
	out := toAPIToken(t)
	return &out, nil
}

// RevokeAPIToken implements DELETE /api/api-tokens/{id}.
func (h *Handlers) RevokeAPIToken(ctx context.Context, params api.RevokeAPITokenParams) error {
	return h.svc.RevokeAPIToken(ctx, int(params.ID))
}
