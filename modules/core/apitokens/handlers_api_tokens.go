package apitokens

import (
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
)

// ListAPITokens implements GET /api/api-tokens.
func (h *Handlers) ListAPITokens(ctx context.Context, params api.ListAPITokensParams) (*api.APITokenList, error) {
	res, err := h.svc.List(ctx, envelope.Page(params.Limit, params.Offset))
	if err != nil {
		return nil, err
	}
	out := api.APITokenList(envelope.Of(ctx, res, toAPIToken))
	return &out, nil
}

// CreateAPIToken implements POST /api/api-tokens.
func (h *Handlers) CreateAPIToken(ctx context.Context, req *api.APITokenCreate, _ api.CreateAPITokenParams) (*api.APITokenCreatedHeaders, error) {
	t, bearer, err := h.svc.Create(ctx, createOf(req))
	if err != nil {
		return nil, err
	}
	return apiconv.Tagged[api.APITokenCreatedHeaders](toAPITokenCreated(t, bearer), t.ID, t.Version), nil
}

// GetAPIToken implements GET /api/api-tokens/{id}.
func (h *Handlers) GetAPIToken(ctx context.Context, params api.GetAPITokenParams) (*api.APITokenHeaders, error) {
	t, err := h.svc.Get(ctx, int(params.ID))
	if err != nil {
		return nil, err
	}
	out := toAPIToken(t)
	return apiconv.Tagged[api.APITokenHeaders](&out, t.ID, t.Version), nil
}

// RevokeAPIToken implements DELETE /api/api-tokens/{id}.
func (h *Handlers) RevokeAPIToken(ctx context.Context, params api.RevokeAPITokenParams) (api.RevokeAPITokenRes, error) {
	return apiconv.NoContent[api.RevokeAPITokenNoContent](h.svc.Revoke(ctx, int(params.ID)))
}
