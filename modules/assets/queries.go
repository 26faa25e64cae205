package assets

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/assetplacementchange"
	"github.com/binora/binora/ent/assetstatuschange"
	"github.com/binora/binora/ent/predicate"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
)

var assetOrdering = listing.Ordering[asset.OrderOption]{Default: "code", ByID: asset.ByID,
	Fields: listing.Fields[asset.OrderOption]{"code": asset.ByCode, "name": asset.ByName,
		"status": asset.ByStatus, "created_at": asset.ByCreatedAt, "updated_at": asset.ByUpdatedAt}}

// List returns a page of the tenant's assets matching f, each with its
// datacenter and rack, and how many match in all (up to listing.CountCap).
// A page costs three statements at most whatever its size: whether more
// than the cap match, the count (only when not) and the page; and a query
// for the datacenters and one for the racks it shows that were not shown
// before (see refs). The count is remembered until an asset, datacenter
// or rack of the tenant changes (memo.Counts), so a list read again costs
// its page alone.
func (s *Service) List(ctx context.Context, f Filter) (listing.Result[*ent.Asset], error) {
	if err := f.Validate(); err != nil {
		return listing.Result[*ent.Asset]{}, err
	}
	return s.list(ctx, f, f.Statuses)
}

// Maintenance is List restricted to the assets in a maintenance status
// (Maintenance, Faulty, Repair). A status filter narrows that set further;
// one outside it matches nothing.
func (s *Service) Maintenance(ctx context.Context, f Filter) (listing.Result[*ent.Asset], error) {
	if err := f.Validate(); err != nil {
		return listing.Result[*ent.Asset]{}, err
	}
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
	q := s.reads.Asset.Query()
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
	q = q.Where(placementFilters(f)...)
	if f.Q != "" {
		q = q.Where(search(f.Q))
	}
	res, err := listing.FetchSorted(ctx, q, assetOrdering, f.Params, s.listed...)
	if err == nil {
		err = s.refs.show(ctx, res.Items...)
	}
	if err != nil {
		return res, fmt.Errorf("list assets: %w", err)
	}
	return res, nil
}

// Get returns one asset of the tenant with its datacenter and rack.
func (s *Service) Get(ctx context.Context, id int) (*ent.Asset, error) {
	a, err := s.client.Asset.Query().Where(asset.ID(id)).Only(ctx)
	if err != nil {
		return nil, database.Classify(err, "Asset")
	}
	return s.shown(ctx, a)
}

// History returns a page of the status changes of asset id, newest first,
// and how many there are. An asset of another tenant is not found, not
// an empty history.
func (s *Service) History(ctx context.Context, id int, page listing.Page) (listing.Result[*ent.AssetStatusChange], error) {
	if err := s.requireAsset(ctx, id); err != nil {
		return listing.Result[*ent.AssetStatusChange]{}, err
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

// PlacementHistory returns a page of the moves of asset id, newest first,
// and how many there are; like History, another tenant's asset is not
// found.
func (s *Service) PlacementHistory(ctx context.Context, id int, page listing.Page) (listing.Result[*ent.AssetPlacementChange], error) {
	if err := s.requireAsset(ctx, id); err != nil {
		return listing.Result[*ent.AssetPlacementChange]{}, err
	}
	q := s.client.AssetPlacementChange.Query().
		Where(assetplacementchange.AssetID(id)).
		Order(assetplacementchange.ByCreatedAt(sql.OrderDesc()), assetplacementchange.ByID(sql.OrderDesc()))
	res, err := listing.Fetch(ctx, q, page)
	if err != nil {
		return res, fmt.Errorf("list placement changes: %w", err)
	}
	return res, nil
}

// requireAsset answers NotFound unless the tenant has asset id.
func (s *Service) requireAsset(ctx context.Context, id int) error {
	exists, err := s.client.Asset.Query().Where(asset.ID(id)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("find asset: %w", err)
	}
	if !exists {
		return apperr.NotFound("Asset")
	}
	return nil
}

// placementFilters are the predicates of f's rack, room, row and unit
// filters. The room and row are read through the asset's rack: a subquery
// that the tenant interceptor does not see, but the outer query keeps the
// tenant's assets, whose racks are the tenant's.
func placementFilters(f Filter) []predicate.Asset {
	var ps []predicate.Asset
	if f.RackID != nil {
		ps = append(ps, asset.RackID(*f.RackID))
	}
	if f.RoomID != nil {
		ps = append(ps, asset.HasRackWith(rack.RoomID(*f.RoomID)))
	}
	if f.RowID != nil {
		ps = append(ps, asset.HasRackWith(rack.RowID(*f.RowID)))
	}
	if f.Unit != nil {
		ps = append(ps, takesUnit(*f.Unit))
	}
	return ps
}

// takesUnit keeps the assets whose units, position to position+u_height-1,
// include unit u: a multi-unit asset matches on each of its units.
func takesUnit(u int) predicate.Asset {
	return func(s *sql.Selector) {
		s.Where(sql.And(
			sql.LTE(s.C(asset.FieldPosition), u),
			sql.P(func(b *sql.Builder) {
				b.Ident(s.C(asset.FieldPosition)).WriteString(" + ").Ident(s.C(asset.FieldUHeight)).
					WriteOp(sql.OpGT).Arg(u)
			}),
		))
	}
}
