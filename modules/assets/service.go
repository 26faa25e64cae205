// Package assets is the assets module: the equipment of a company's
// datacenters, its codes, its parent/child hierarchy and its lifecycle of
// statuses with their history. The Service holds every rule; the handlers
// only translate between HTTP and the service.
//
// Tenancy is not handled here: the Ent policies, hooks and interceptors
// confine every statement to the viewer in the context. What this module
// must do itself is check that an id arriving from a request and becoming a
// reference (datacenter_id, parent_id) names a row the viewer can see,
// because a foreign key alone accepts another tenant's row.
package assets

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/datacenter"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
)

// Deps are what the assets service needs.
type Deps struct {
	Client *ent.Client
	// Dialect is the database's dialect, database.DialectPostgres or
	// database.DialectSQLite; it decides how rows are locked.
	Dialect string
}

// Service implements the assets module's use cases.
type Service struct {
	client *ent.Client
	// rowLocks is true where SELECT ... FOR UPDATE/SHARE exists
	// (PostgreSQL). SQLite refuses those clauses, and needs none: its
	// transactions take the write lock at BEGIN, so writers run one at a
	// time.
	rowLocks bool
}

// NewService returns an assets Service. It panics on an unknown dialect:
// guessing would either break every write on SQLite or silently drop the
// row locks on PostgreSQL.
func NewService(d Deps) *Service {
	switch d.Dialect {
	case database.DialectPostgres:
		return &Service{client: d.Client, rowLocks: true}
	case database.DialectSQLite:
		return &Service{client: d.Client}
	default:
		panic(fmt.Sprintf("assets: unknown database dialect %q", d.Dialect))
	}
}

// maxDepth bounds the walk up a parent chain. Real hierarchies (rack,
// chassis, blade) are a few levels deep; the bound keeps a corrupt chain
// from looping forever.
const maxDepth = 64

// lockAsset reads the asset id inside tx, locked against concurrent writers
// until the transaction ends, so that a read-modify-write (a status change
// above all) works on the current row.
func (s *Service) lockAsset(ctx context.Context, tx *ent.Tx, id int) (*ent.Asset, error) {
	q := tx.Asset.Query().Where(asset.ID(id))
	if s.rowLocks {
		q = q.ForUpdate()
	}
	a, err := q.Only(ctx)
	return a, classify("lock asset", err, "Asset")
}

// shareAsset reads the asset id inside tx and keeps it from changing until
// the transaction ends (on PostgreSQL). Used for rows a write depends on
// without changing them: a parent that must stay in its datacenter, the
// ancestors a cycle check has walked.
func (s *Service) shareAsset(ctx context.Context, tx *ent.Tx, id int) (*ent.Asset, error) {
	q := tx.Asset.Query().Where(asset.ID(id))
	if s.rowLocks {
		q = q.ForShare()
	}
	return q.Only(ctx)
}

// visibleDatacenter returns the datacenter id if the viewer can see it.
// The query is tenant-filtered, so another tenant's datacenter is missing.
func visibleDatacenter(ctx context.Context, tx *ent.Tx, id int) (*ent.Datacenter, error) {
	dc, err := tx.Datacenter.Query().Where(datacenter.ID(id)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil, errNoDatacenter
	case err != nil:
		return nil, fmt.Errorf("read datacenter: %w", err)
	}
	return dc, nil
}

// checkParent verifies that parentID may be the parent of the asset self
// (0 for an asset being created) in datacenter dcID: visible, in the same
// datacenter, not the asset itself, and not one of its descendants.
func (s *Service) checkParent(ctx context.Context, tx *ent.Tx, self, parentID, dcID int) error {
	if parentID == self {
		return errParentIsSelf
	}
	parent, err := s.shareAsset(ctx, tx, parentID)
	switch {
	case ent.IsNotFound(err):
		return errNoParent
	case err != nil:
		return fmt.Errorf("read parent asset: %w", err)
	}
	if parent.DatacenterID != dcID {
		return errParentElsewhere
	}
	if self == 0 {
		return nil // a new asset has no descendants
	}
	// The new parent must not descend from self. Locking each ancestor
	// on PostgreSQL keeps two concurrent re-parentings from building a
	// cycle that neither could see alone.
	cur := parent
	for range maxDepth {
		if cur.ParentID == nil {
			return nil
		}
		if *cur.ParentID == self {
			return errParentCycle
		}
		next, err := s.shareAsset(ctx, tx, *cur.ParentID)
		switch {
		case ent.IsNotFound(err):
			return nil
		case err != nil:
			return fmt.Errorf("read ancestor asset: %w", err)
		}
		cur = next
	}
	return errParentTooDeep
}

// withDatacenter loads the datacenter edge of a, inside tx, so that callers
// get what they render without a query of their own.
func withDatacenter(ctx context.Context, tx *ent.Tx, a *ent.Asset) (*ent.Asset, error) {
	dc, err := tx.Datacenter.Get(ctx, a.DatacenterID)
	if err != nil {
		return nil, fmt.Errorf("read datacenter of asset: %w", err)
	}
	a.Edges.Datacenter = dc
	return a, nil
}

// recordStatusChange writes one history entry; the author and the time
// come from the audit mixin.
func recordStatusChange(ctx context.Context, tx *ent.Tx, assetID int, from, to Status, reason string) error {
	err := tx.AssetStatusChange.Create().
		SetAssetID(assetID).
		SetFromStatus(int(from)).
		SetToStatus(int(to)).
		SetReason(reason).
		Exec(ctx)
	return classify("record status change", err, "Status change")
}

// classify turns an Ent error about the entity what into an apperr kind
// when it is one (not found, invalid, conflict on a unique field); anything
// left is internal and gets op as context for the logs.
func classify(op string, err error, what string, uniqueFields ...string) error {
	if err == nil {
		return nil
	}
	err = apperr.FromEnt(err, what, uniqueFields...)
	if _, ok := apperr.As(err); ok {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}
