package assets

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/assetstatuschange"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
)

var assetOrdering = listing.Ordering[asset.OrderOption]{Default: "code", ByID: asset.ByID,
	Fields: listing.Fields[asset.OrderOption]{"code": asset.ByCode, "name": asset.ByName,
		"status": asset.ByStatus, "created_at": asset.ByCreatedAt, "updated_at": asset.ByUpdatedAt}}

// List returns a page of the tenant's assets matching f, each with its
// datacenter, and how many match in all. A page costs three statements
// whatever its size: the count, the page and the datacenters.
func (s *Service) List(ctx context.Context, f Filter) (listing.Result[*ent.Asset], error) {
	return s.list(ctx, f, f.Statuses)
}

// Maintenance is List restricted to the assets in a maintenance status
// (Maintenance, Faulty, Repair). A status filter narrows that set further;
// one outside it matches nothing.
func (s *Service) Maintenance(ctx context.Context, f Filter) (listing.Result[*ent.Asset], error) {
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
		if _, err := assetOrdering.Terms(f.Ordering); err != nil {
			return listing.Result[*ent.Asset]{}, err
		}
		return listing.Result[*ent.Asset]{Items: []*ent.Asset{}, Page: f.Page.Clamped()}, nil
	}
	return s.list(ctx, f, statuses)
}

func (s *Service) list(ctx context.Context, f Filter, statuses []int) (listing.Result[*ent.Asset], error) {
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
	res, err := listing.FetchSorted(ctx, q.WithDatacenter(), assetOrdering, f.Params)
	if err != nil {
		return res, fmt.Errorf("list assets: %w", err)
	}
	return res, nil
}

// Get returns one asset of the tenant with its datacenter.
func (s *Service) Get(ctx context.Context, id int) (*ent.Asset, error) {
	a, err := s.client.Asset.Query().Where(asset.ID(id)).WithDatacenter().Only(ctx)
	if err != nil {
		return nil, database.Classify(err, "Asset")
	}
	return a, nil
}

// History returns a page of the status changes of asset id, newest first,
// and how many there are. An asset of another tenant is not found, not
// an empty history.
func (s *Service) History(ctx context.Context, id int, page listing.Page) (listing.Result[*ent.AssetStatusChange], error) {
	exists, err := s.client.Asset.Query().Where(asset.ID(id)).Exist(ctx)
	if err != nil {
		return listing.Result[*ent.AssetStatusChange]{}, fmt.Errorf("find asset: %w", err)
	}
	if !exists {
		return listing.Result[*ent.AssetStatusChange]{}, apperr.NotFound("Asset")
	}
	q := s.client.AssetStatusChange.Query().
		Where(assetstatuschange.AssetID(id)).
		Order(assetstatuschange.ByCreatedAt(sql.OrderDesc()), assetstatuschange.ByID(sql.OrderDesc()))
	res, err := listing.Fetch(ctx, q, page)
	if err != nil {
		return res, fmt.Errorf("list status changes: %w", err)
	}
	return res, nil
}
