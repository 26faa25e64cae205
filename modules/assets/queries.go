package assets

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/assetstatuschange"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/listing"
)

// Page sizes when a caller gives none or too many (the API's own limits).
const (
	defaultLimit = 50
	maxLimit     = 1000
)

var assetOrderings = map[string]func(...sql.OrderTermOption) asset.OrderOption{
	"code":       asset.ByCode,
	"name":       asset.ByName,
	"status":     asset.ByStatus,
	"created_at": asset.ByCreatedAt,
	"updated_at": asset.ByUpdatedAt,
}

// List returns a page of the tenant's assets matching f, each with its
// datacenter, and how many match in all. A page costs three statements
// whatever its size: the count, the page and the datacenters.
func (s *Service) List(ctx context.Context, f Filter) ([]*ent.Asset, int, error) {
	return s.list(ctx, f, f.Statuses)
}

// Maintenance is List restricted to the assets in a maintenance status
// (Maintenance, Faulty, Repair). A status filter narrows that set further;
// one outside it matches nothing.
func (s *Service) Maintenance(ctx context.Context, f Filter) ([]*ent.Asset, int, error) {
	var statuses []int
	if len(f.Statuses) == 0 {
		for _, m := range maintenanceStatuses {
			statuses = append(statuses, int(m))
		}
	}
	for _, st := range f.Statuses {
		if Status(st).InMaintenance() {
			statuses = append(statuses, st)
		}
	}
	if len(statuses) == 0 {
		// An empty IN list is not portable SQL; nothing can match anyway.
		if _, err := listing.OrderBy(assetOrderings, f.Ordering, "code"); err != nil {
			return nil, 0, err
		}
		return []*ent.Asset{}, 0, nil
	}
	return s.list(ctx, f, statuses)
}

func (s *Service) list(ctx context.Context, f Filter, statuses []int) ([]*ent.Asset, int, error) {
	order, err := listing.OrderBy(assetOrderings, f.Ordering, "code")
	if err != nil {
		return nil, 0, err
	}
	q := s.client.Asset.Query()
	if len(statuses) > 0 {
		q = q.Where(asset.StatusIn(statuses...))
	}
	if len(f.Types) > 0 {
		q = q.Where(asset.AssetTypeIn(f.Types...))
	}
	if f.DatacenterID != nil {
		q = q.Where(asset.DatacenterID(*f.DatacenterID))
	}
	if f.ParentID != nil {
		q = q.Where(asset.ParentID(*f.ParentID))
	}
	if f.Q != "" {
		q = q.Where(asset.Or(
			asset.NameContainsFold(f.Q),
			asset.CodeContainsFold(f.Q),
			asset.SerialNumberContainsFold(f.Q),
		))
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("count assets: %w", err)
	}
	p := window(f.Page)
	list, err := q.Order(order, asset.ByID()).
		Limit(p.Limit).Offset(p.Offset).
		WithDatacenter().
		All(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("list assets: %w", err)
	}
	return list, total, nil
}

// Get returns one asset of the tenant with its datacenter.
func (s *Service) Get(ctx context.Context, id int) (*ent.Asset, error) {
	a, err := s.client.Asset.Query().Where(asset.ID(id)).WithDatacenter().Only(ctx)
	if err != nil {
		return nil, classify("get asset", err, "Asset")
	}
	return a, nil
}

// History returns a page of the status changes of asset id, newest first,
// and how many there are. An asset the viewer cannot see is not found, not
// an empty history.
func (s *Service) History(ctx context.Context, id int, page listing.Page) ([]*ent.AssetStatusChange, int, error) {
	exists, err := s.client.Asset.Query().Where(asset.ID(id)).Exist(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("find asset: %w", err)
	}
	if !exists {
		return nil, 0, apperr.NotFound("Asset")
	}
	q := s.client.AssetStatusChange.Query().Where(assetstatuschange.AssetID(id))
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("count status changes: %w", err)
	}
	p := window(page)
	list, err := q.Order(
		assetstatuschange.ByCreatedAt(sql.OrderDesc()),
		assetstatuschange.ByID(sql.OrderDesc()),
	).Limit(p.Limit).Offset(p.Offset).All(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("list status changes: %w", err)
	}
	return list, total, nil
}

// window applies the API's page limits, so that a zero Page means the first
// page rather than, in Ent, no limit at all.
func window(p listing.Page) listing.Page {
	if p.Limit <= 0 {
		p.Limit = defaultLimit
	}
	p.Limit = min(p.Limit, maxLimit)
	p.Offset = max(p.Offset, 0)
	return p
}
