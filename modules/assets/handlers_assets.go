package assets

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/listing/envelope"
)

// AssetService is what the handlers need of the assets service; *Service
// implements it, and handler tests may pass a fake.
type AssetService interface {
	List(ctx context.Context, f Filter) (listing.Result[*ent.Asset], error)
	Maintenance(ctx context.Context, f Filter) (listing.Result[*ent.Asset], error)
	Create(ctx context.Context, in CreateInput) (*ent.Asset, error)
	Get(ctx context.Context, id int) (*ent.Asset, error)
	Update(ctx context.Context, id int, in UpdateInput) (*ent.Asset, error)
	UpdateStatus(ctx context.Context, id int, status int, reason string) (*ent.Asset, error)
	Delete(ctx context.Context, id int) error
	History(ctx context.Context, id int, page listing.Page) (listing.Result[*ent.AssetStatusChange], error)
	PlacementHistory(ctx context.Context, id int, page listing.Page) (listing.Result[*ent.AssetPlacementChange], error)
}

// UserDirectory resolves user ids to users (id and email at least) for the
// created_by/updated_by/changed_by references; the core service implements
// it. Ids it does not return are rendered as null.
type UserDirectory interface {
	UserRefs(ctx context.Context, ids []int) (map[int]*ent.User, error)
}

// Handlers implements the Assets operations of the API. They only
// translate: parameters and bodies to service inputs, entities to API
// types. Service errors are returned unchanged; the HTTP edge maps their
// kinds to problem+json.
type Handlers struct {
	svc   AssetService
	users UserDirectory
}

var _ api.AssetsHandler = (*Handlers)(nil)

// NewHandlers returns the Assets handlers over svc, resolving user
// references through users.
func NewHandlers(svc AssetService, users UserDirectory) *Handlers {
	return &Handlers{svc: svc, users: users}
}

// ListAssets implements GET /api/assets.
func (h *Handlers) ListAssets(ctx context.Context, params api.ListAssetsParams) (*api.AssetList, error) {
	res, err := h.svc.List(ctx, filterOf(params))
	if err != nil {
		return nil, err
	}
	return h.assetList(ctx, res)
}

// ListMaintenanceAssets implements GET /api/assets/maintenance.
func (h *Handlers) ListMaintenanceAssets(ctx context.Context, params api.ListMaintenanceAssetsParams) (*api.AssetList, error) {
	// Both operations take the very same parameters.
	res, err := h.svc.Maintenance(ctx, filterOf(api.ListAssetsParams(params)))
	if err != nil {
		return nil, err
	}
	return h.assetList(ctx, res)
}

// CreateAsset implements POST /api/assets.
func (h *Handlers) CreateAsset(ctx context.Context, req *api.AssetCreate, _ api.CreateAssetParams) (*api.AssetHeaders, error) {
	a, err := h.svc.Create(ctx, createInput(req))
	return h.taggedAsset(ctx, a, err)
}

// GetAsset implements GET /api/assets/{id}.
func (h *Handlers) GetAsset(ctx context.Context, params api.GetAssetParams) (*api.AssetHeaders, error) {
	a, err := h.svc.Get(ctx, int(params.ID))
	return h.taggedAsset(ctx, a, err)
}

// ReplaceAsset implements PUT /api/assets/{id}.
func (h *Handlers) ReplaceAsset(ctx context.Context, req *api.AssetReplace, params api.ReplaceAssetParams) (api.ReplaceAssetRes, error) {
	a, err := h.svc.Update(ctx, int(params.ID), replaceInput(req))
	return h.taggedAsset(ctx, a, err)
}

// UpdateAsset implements PATCH /api/assets/{id}.
func (h *Handlers) UpdateAsset(ctx context.Context, req *api.AssetPatch, params api.UpdateAssetParams) (api.UpdateAssetRes, error) {
	a, err := h.svc.Update(ctx, int(params.ID), patchInput(req))
	return h.taggedAsset(ctx, a, err)
}

// DeleteAsset implements DELETE /api/assets/{id}.
func (h *Handlers) DeleteAsset(ctx context.Context, params api.DeleteAssetParams) (api.DeleteAssetRes, error) {
	if err := h.svc.Delete(ctx, int(params.ID)); err != nil {
		return nil, err
	}
	return &api.DeleteAssetNoContent{}, nil
}

// UpdateAssetStatus implements PATCH /api/assets/{id}/update-status.
func (h *Handlers) UpdateAssetStatus(ctx context.Context, req *api.StatusUpdate, params api.UpdateAssetStatusParams) (api.UpdateAssetStatusRes, error) {
	a, err := h.svc.UpdateStatus(ctx, int(params.ID), int(req.Status), req.Reason.Or(""))
	return h.taggedAsset(ctx, a, err)
}

// ListAssetStatusHistory implements GET /api/assets/{id}/status-history.
func (h *Handlers) ListAssetStatusHistory(ctx context.Context, params api.ListAssetStatusHistoryParams) (*api.StatusChangeList, error) {
	res, err := h.svc.History(ctx, int(params.ID), envelope.Page(params.Limit, params.Offset))
	if err != nil {
		return nil, err
	}
	users, err := h.userRefs(ctx, authors(res.Items, func(c *ent.AssetStatusChange) *int { return c.CreatedBy })...)
	if err != nil {
		return nil, err
	}
	out := api.StatusChangeList(envelope.Of(ctx, res, func(c *ent.AssetStatusChange) api.StatusChange {
		return toAPIStatusChange(c, users)
	}))
	return &out, nil
}

// taggedAsset answers a service call that returned one asset: the asset
// with its ETag.
func (h *Handlers) taggedAsset(ctx context.Context, a *ent.Asset, err error) (*api.AssetHeaders, error) {
	if err != nil {
		return nil, err
	}
	out, err := h.asset(ctx, a)
	if err != nil {
		return nil, err
	}
	return apiconv.Tagged[api.AssetHeaders](out, a.ID, a.Version), nil
}

// asset renders one asset, resolving its authors.
func (h *Handlers) asset(ctx context.Context, a *ent.Asset) (*api.Asset, error) {
	users, err := h.userRefs(ctx, a.CreatedBy, a.UpdatedBy)
	if err != nil {
		return nil, err
	}
	out := toAPIAsset(a, users)
	return &out, nil
}

// assetList renders a page of assets in the list envelope, resolving the
// authors of the whole page in one lookup.
func (h *Handlers) assetList(ctx context.Context, res listing.Result[*ent.Asset]) (*api.AssetList, error) {
	ids := make([]*int, 0, 2*len(res.Items))
	for _, a := range res.Items {
		ids = append(ids, a.CreatedBy, a.UpdatedBy)
	}
	users, err := h.userRefs(ctx, ids...)
	if err != nil {
		return nil, err
	}
	out := api.AssetList(envelope.Of(ctx, res, func(a *ent.Asset) api.Asset { return toAPIAsset(a, users) }))
	return &out, nil
}

// authors lists the author of each history entry, for one lookup of a
// page's authors.
func authors[T any](items []T, by func(T) *int) []*int {
	out := make([]*int, 0, len(items))
	for _, item := range items {
		out = append(out, by(item))
	}
	return out
}

// userRefs looks up the distinct users among ids (nil entries skipped) in
// one call, and none at all when there is nobody to look up.
func (h *Handlers) userRefs(ctx context.Context, ids ...*int) (map[int]*ent.User, error) {
	seen := make(map[int]bool, len(ids))
	distinct := make([]int, 0, len(ids))
	for _, id := range ids {
		if id != nil && !seen[*id] {
			seen[*id] = true
			distinct = append(distinct, *id)
		}
	}
	if len(distinct) == 0 {
		return map[int]*ent.User{}, nil
	}
	users, err := h.users.UserRefs(ctx, distinct)
	if err != nil {
		return nil, fmt.Errorf("resolve user references: %w", err)
	}
	return users, nil
}

// ListAssetPlacementHistory implements GET /api/assets/{id}/placement-history.
func (h *Handlers) ListAssetPlacementHistory(ctx context.Context, params api.ListAssetPlacementHistoryParams) (*api.PlacementChangeList, error) {
	res, err := h.svc.PlacementHistory(ctx, int(params.ID), envelope.Page(params.Limit, params.Offset))
	if err != nil {
		return nil, err
	}
	users, err := h.userRefs(ctx, authors(res.Items, func(c *ent.AssetPlacementChange) *int { return c.CreatedBy })...)
	if err != nil {
		return nil, err
	}
	out := api.PlacementChangeList(envelope.Of(ctx, res, func(c *ent.AssetPlacementChange) api.PlacementChange {
		return toAPIPlacementChange(c, users)
	}))
	return &out, nil
}
