package occupancy

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/ent/rackreservation"
)

// Source is where blocks are read from: the client, or a transaction
// whose own writes (and locks) must be seen.
type Source struct {
	Assets       *ent.AssetClient
	Reservations *ent.RackReservationClient
}

// FromClient reads through the client.
func FromClient(c *ent.Client) Source {
	return Source{Assets: c.Asset, Reservations: c.RackReservation}
}

// FromTx reads inside tx.
func FromTx(tx *ent.Tx) Source {
	return Source{Assets: tx.Asset, Reservations: tx.RackReservation}
}

// RackOf is the geometry of r.
func RackOf(r *ent.Rack) Rack {
	return Rack{ID: r.ID, StartingUnit: r.StartingUnit, Height: r.UHeight, Descending: r.DescendingUnits}
}

// Live keeps the reservations that have not expired at now.
func Live(now time.Time) func(*sql.Selector) {
	return rackreservation.Or(rackreservation.ExpiresAtIsNil(), rackreservation.ExpiresAtGT(now))
}

// Load reads the blocks of racks in two statements whatever their number:
// the assets that take units in them and their live reservations. The
// maps come back in the order of racks.
func Load(ctx context.Context, src Source, racks []*ent.Rack, now time.Time) ([]Map, error) {
	maps := make([]Map, len(racks))
	byRack := make(map[int]*Map, len(racks))
	ids := make([]int, len(racks))
	for i, r := range racks {
		maps[i] = Map{Rack: RackOf(r)}
		byRack[r.ID] = &maps[i]
		ids[i] = r.ID
	}
	if len(racks) == 0 {
		return maps, nil
	}
	assets, err := src.Assets.Query().
		Where(asset.RackIDIn(ids...), asset.PositionNotNil(), asset.UHeightGT(0)).
		Select(asset.FieldRackID, asset.FieldCode, asset.FieldName, asset.FieldPosition,
			asset.FieldUHeight, asset.FieldFace, asset.FieldFullDepth).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read assets in racks: %w", err)
	}
	for _, a := range assets {
		m := byRack[*a.RackID]
		m.Blocks = append(m.Blocks, AssetBlock(a))
	}
	reservations, err := src.Reservations.Query().
		Where(rackreservation.RackIDIn(ids...), Live(now)).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read reservations of racks: %w", err)
	}
	for _, r := range reservations {
		m := byRack[r.RackID]
		m.Blocks = append(m.Blocks, ReservationBlock(r))
	}
	return maps, nil
}

// LoadOne reads the blocks of one rack.
func LoadOne(ctx context.Context, src Source, r *ent.Rack, now time.Time) (Map, error) {
	maps, err := Load(ctx, src, []*ent.Rack{r}, now)
	if err != nil {
		return Map{}, err
	}
	return maps[0], nil
}

// AssetBlock is the block an asset takes; an asset without a position
// takes none (Height 0).
func AssetBlock(a *ent.Asset) Block {
	b := Block{Kind: KindAsset, ID: a.ID, FullDepth: a.FullDepth, Code: a.Code, Name: a.Name}
	if a.Position != nil {
		b.Position, b.Height = *a.Position, a.UHeight
	}
	if a.Face != nil {
		b.Face = Face(*a.Face)
	}
	return b
}

// ReservationBlock is the block a reservation takes.
func ReservationBlock(r *ent.RackReservation) Block {
	return Block{Kind: KindReservation, ID: r.ID, Position: r.Position, Height: r.UHeight,
		Face: Face(r.Face), FullDepth: r.FullDepth, Name: r.Description}
}

// Lock reads rack id inside tx and, where row locks exist (PostgreSQL),
// locks it until the transaction ends. Every write that takes or frees
// units of a rack, or changes its size, locks it first, so that two such
// writes run one after the other and each sees the other's result. SQLite
// needs no lock: its write transactions already run one at a time.
func Lock(ctx context.Context, tx *ent.Tx, id int, rowLocks bool) (*ent.Rack, error) {
	q := tx.Rack.Query().Where(rack.ID(id))
	if rowLocks {
		// NO KEY UPDATE leaves the key-share locks of foreign-key checks
		// (an asset inserted with this rack_id) free to proceed.
		q = q.ForUpdate(sql.WithLockClause("FOR NO KEY UPDATE"))
	}
	return q.Only(ctx)
}
