// Package racks is the company's racks and the reservations of their
// units: where a rack stands (datacenter, room, row), its geometry (how
// many units, numbered from where), and how its units are taken. The unit
// arithmetic is package occupancy's; the rules of what may change while a
// rack holds something are here (rack_rules.go, reservation_rules.go).
//
// Tenancy is not handled here: the Ent policies and interceptors confine
// every statement to the tenant in the context, so another tenant's rack,
// room or row reads as missing.
package racks

import (
	"cmp"
	"context"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// Deps are what the racks service needs.
type Deps struct {
	Client *ent.Client
	// Reads serves the read-only lists: a read replica's client, whose
	// rows may trail writes by its lag; Client when nil. Nothing that
	// writes, or reads what was just written, uses it.
	Reads *ent.Client
	// Dialect is database.DialectPostgres or database.DialectSQLite; it
	// decides whether racks are locked with a row lock.
	Dialect string
	// Now is the clock reservations expire by (time.Now when nil).
	Now func() time.Time
}

// Service implements the use cases of racks and their reservations.
type Service struct {
	client *ent.Client
	// reads is the client of the lists (Deps.Reads).
	reads *ent.Client
	now   func() time.Time
	// rowLocks is true where SELECT ... FOR NO KEY UPDATE exists
	// (PostgreSQL); SQLite's write transactions already run one at a time.
	rowLocks bool
}

// NewService returns the racks service. It panics on an unknown dialect:
// guessing would either break every write on SQLite or silently drop the
// rack locks on PostgreSQL.
func NewService(d Deps) *Service {
	rowLocks, err := database.RowLocks(d.Dialect)
	if err != nil {
		panic("racks: " + err.Error())
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{client: d.Client, reads: cmp.Or(d.Reads, d.Client), now: d.Now, rowLocks: rowLocks}
}

// Rack is a rack with its datacenter, room and row loaded, and how its
// units are taken: what every rack answer shows.
type Rack struct {
	*ent.Rack
	Units occupancy.Counts
}

// lock reads rack id inside tx, locked until the transaction ends. Every
// write that takes or frees units of a rack, changes its geometry or its
// datacenter, or deletes it, takes this lock first, so that such writes
// run one after the other and each sees what the previous one did. Only
// this one row is locked per transaction, so two writers cannot wait on
// each other in a cycle.
func (s *Service) lock(ctx context.Context, tx *ent.Tx, id int) (*ent.Rack, error) {
	r, err := occupancy.Lock(ctx, tx, id, s.rowLocks)
	return r, database.Classify(err, "Rack")
}
