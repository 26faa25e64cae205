// Package assets is the assets module: the equipment of a company's
// datacenters, its codes, its parent/child hierarchy, its lifecycle of
// statuses and its placement in the units of racks, with the history of
// both. The Service holds every rule; the handlers only translate between
// HTTP and the service.
//
// Tenancy is not handled here: the Ent policies, hooks and interceptors
// confine every statement to the tenant in the context, and refuse a
// datacenter_id, parent_id or rack_id that names a row the tenant cannot
// see.
package assets

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/datacenter"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/memo"
)

// Deps are what the assets service needs.
type Deps struct {
	Client *ent.Client
	// Reads serves the read-only lists: a read replica's client, whose
	// rows may trail writes by its lag; Client when nil. Nothing that
	// writes, or reads what was just written, uses it.
	Reads *ent.Client
	// Dialect is the database's dialect, database.DialectPostgres or
	// database.DialectSQLite; it decides how rows are locked.
	Dialect string
	// Rows tells the remembered datacenter and rack references of changes
	// (none: nothing is remembered).
	Rows *memo.Watcher
	// Now is the clock that decides which reservations have expired
	// (time.Now when nil).
	Now func() time.Time
}

// Service implements the assets module's use cases.
type Service struct {
	client *ent.Client
	// reads is the client of the lists (Deps.Reads).
	reads *ent.Client
	// rowLocks is true where SELECT ... FOR UPDATE/SHARE exists
	// (PostgreSQL). SQLite refuses those clauses, and needs none: its
	// transactions take the write lock at BEGIN, so writers run one at a
	// time.
	rowLocks bool
	now      func() time.Time
	refs     refs
	// listed are the options of the asset lists' pages: their counts
	// remembered, unless they read a replica.
	listed []listing.Option
}

// NewService returns an assets Service. It panics on an unknown dialect:
// guessing would either break every write on SQLite or silently drop the
// row locks on PostgreSQL.
func NewService(d Deps) *Service {
	s := &Service{client: d.Client, reads: cmp.Or(d.Reads, d.Client), now: d.Now}
	if s.now == nil {
		s.now = time.Now
	}
	rowLocks, err := database.RowLocks(d.Dialect)
	if err != nil {
		panic("assets: " + err.Error())
	}
	s.rowLocks = rowLocks
	s.refs = newRefs(d.Client, d.Rows, s.now)
	// A count read from a replica may predate a change that the memory has
	// already heard of, and would be remembered as current.
	if d.Reads == nil || d.Reads == d.Client {
		counts := memo.NewCounts(d.Rows, maxRememberedCounts, s.now, memo.Assets, memo.Places)
		s.listed = []listing.Option{listing.RememberCounts(counts)}
	}
	return s
}

// maxRememberedCounts bounds the asset list counts remembered, of every
// tenant and filter.
const maxRememberedCounts = 10_000

// noKeyUpdate is the row lock of a writer on PostgreSQL. It excludes other
// writers like FOR UPDATE, but not the KEY SHARE locks that foreign-key
// checks take: a full FOR UPDATE on an asset would make a concurrent
// re-parenting that points at it wait for this transaction while this one
// waits for that one's datacenter lock, a deadlock.
var noKeyUpdate = sql.WithLockClause("FOR NO KEY UPDATE")

// maxDepth bounds the walk up a parent chain. Real hierarchies (rack,
// chassis, blade) are a few levels deep; the bound keeps a corrupt chain
// from looping forever.
const maxDepth = 64

// lockAsset reads the asset id inside tx, locked against concurrent writers
// until the transaction ends, so that a read-modify-write works on the
// current row.
func (s *Service) lockAsset(ctx context.Context, tx *ent.Tx, id int) (*ent.Asset, error) {
	a, err := s.locked(tx, id).Only(ctx)
	return a, database.Classify(err, "Asset")
}

// lockStatus locks asset id as lockAsset does but reads only its status:
// a delete needs no more before it writes, and asking for and decoding
// the other columns cost a hundred allocations.
func (s *Service) lockStatus(ctx context.Context, tx *ent.Tx, id int) (Status, error) {
	st, err := s.locked(tx, id).Select(asset.FieldStatus).Int(ctx)
	return Status(st), database.Classify(err, "Asset")
}

// locked is the query of asset id that locks its row where rows lock.
func (s *Service) locked(tx *ent.Tx, id int) *ent.AssetQuery {
	q := tx.Asset.Query().Where(asset.ID(id))
	if s.rowLocks {
		q = q.ForUpdate(noKeyUpdate)
	}
	return q
}

// lockDatacenters serialises, on PostgreSQL, the writes that decide where
// assets hang within the datacenters ids: re-parenting and moving between
// datacenters. Two such writes each pass their own checks when run side by
// side (A under B and B under A, or a child attached to an asset that is
// leaving), so they queue on the datacenter row instead. Ancestors are
// then read without locks, which would deadlock against the rows these
// writers hold. Rows are locked in id order, so two writers that need the
// same two datacenters cannot each hold one and wait for the other.
func (s *Service) lockDatacenters(ctx context.Context, tx *ent.Tx, ids ...int) error {
	if !s.rowLocks || len(ids) == 0 {
		return nil
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		_, err := tx.Datacenter.Query().
			Where(datacenter.ID(id)).
			ForUpdate(noKeyUpdate).
			Only(ctx)
		if err != nil {
			return fmt.Errorf("lock datacenter: %w", err)
		}
	}
	return nil
}

// readParent runs q, the query of the parent an asset in datacenter dcID
// now names, and refuses one in another datacenter. The write that named
// it came first, so the data layer has already refused a parent the
// tenant cannot see.
func readParent(ctx context.Context, q *ent.AssetQuery, dcID int) (*ent.Asset, error) {
	parent, err := q.Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("read parent asset: %w", err)
	}
	if parent.DatacenterID != dcID {
		return nil, errParentElsewhere
	}
	return parent, nil
}

// checkParent verifies that parentID may become the parent of the existing
// asset self in datacenter dcID: visible, in that datacenter, not self, and
// not one of self's descendants. The caller holds the datacenter lock.
func checkParent(ctx context.Context, tx *ent.Tx, self, parentID, dcID int) error {
	if parentID == self {
		return errParentIsSelf
	}
	parent, err := readParent(ctx, tx.Asset.Query().Where(asset.ID(parentID)), dcID)
	if err != nil {
		return err
	}
	// Walk up from the new parent: meeting self means a cycle.
	cur := parent
	for range maxDepth {
		if cur.ParentID == nil {
			return nil
		}
		if *cur.ParentID == self {
			return errParentCycle
		}
		next, err := tx.Asset.Query().Where(asset.ID(*cur.ParentID)).Only(ctx)
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

// shown is a, just written, with its datacenter and rack as reads show
// them (refs). They are read after the commit, not inside the write's
// transaction: remembered, they cost the write no statement at all unless
// they changed since they were last shown. Only a write that its retry
// repeats harmlessly may do so (see showInTx).
func (s *Service) shown(ctx context.Context, a *ent.Asset) (*ent.Asset, error) {
	if err := s.refs.show(ctx, a); err != nil {
		return nil, fmt.Errorf("show asset: %w", err)
	}
	return a, nil
}

// showInTx sets the datacenter and rack edges of a, just created, before
// its transaction commits. A create that failed after its commit, showing
// them as the other writes do, would run again on a retry with its
// Idempotency-Key (docs/idempotency.md) and exist twice. racks holds the
// racks the create has read already.
func (s *Service) showInTx(ctx context.Context, tx *ent.Tx, a *ent.Asset, racks racksByID) error {
	if err := s.refs.showDatacenterInTx(ctx, tx, a); err != nil {
		return err
	}
	if a.RackID != nil {
		if err := racks.load(ctx, tx, a.RackID); err != nil {
			return err
		}
		a.Edges.Rack = racks[*a.RackID]
	}
	return nil
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
	return database.Classify(err, "Status change")
}
