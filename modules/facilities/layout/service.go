// Package layout is what the racks look like from the outside: the
// elevation of a rack (as data and as a drawing), the racks with room for
// an asset, and the capacity of a datacenter or a room. It only reads; the
// occupancy package holds the arithmetic of units, and every view reads
// the blocks of all the racks it shows in a fixed number of statements.
package layout

import (
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// Deps are what the layout service needs.
type Deps struct {
	Client *ent.Client
	// Now is the clock that decides which reservations are live (time.Now
	// when nil).
	Now func() time.Time
}

// Service implements the layout views.
type Service struct {
	client *ent.Client
	now    func() time.Time
}

// NewService returns the layout service.
func NewService(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{client: d.Client, now: d.Now}
}

// source is where the service reads blocks from.
func (s *Service) source() occupancy.Source { return occupancy.FromClient(s.client) }
