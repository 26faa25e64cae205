package app

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/facilities/datacenters"
	"github.com/binora/binora/modules/facilities/layout"
	"github.com/binora/binora/modules/facilities/racks"
	"github.com/binora/binora/modules/facilities/rooms"
)

// Facilities is the facilities module's aggregates.
type Facilities struct {
	Datacenters *datacenters.Service
	Rooms       *rooms.Service
	Racks       *racks.Service
	Layout      *layout.Service
}

// buildFacilities builds the aggregates; their lists read through reads.
func buildFacilities(db *database.DB, reads *ent.Client, opts Options) Facilities {
	return Facilities{
		Datacenters: datacenters.NewService(datacenters.Deps{Client: db.Client, Reads: reads}),
		Rooms:       rooms.NewService(rooms.Deps{Client: db.Client, Reads: reads}),
		Racks:       racks.NewService(racks.Deps{Client: db.Client, Reads: reads, Dialect: db.Dialect, Now: opts.Now}),
		Layout:      layout.NewService(layout.Deps{Client: db.Client, Now: opts.Now}),
	}
}

// The aggregates' handler types share a name; aliases give the embedded
// fields of facilitiesOperations distinct ones.
type (
	datacenterOperations = datacenters.Handlers
	roomOperations       = rooms.Handlers
	rackOperations       = racks.Handlers
	layoutOperations     = layout.Handlers
)

// facilitiesOperations is the facilities module's part of the API.
type facilitiesOperations struct {
	*datacenterOperations
	*roomOperations
	*rackOperations
	*layoutOperations
}

// handlers shows authors through the directory, as every module does.
func (f Facilities) handlers(dir *directory.Service) facilitiesOperations {
	return facilitiesOperations{
		datacenters.NewHandlers(f.Datacenters),
		rooms.NewHandlers(f.Rooms),
		racks.NewHandlers(f.Racks, dir),
		layout.NewHandlers(f.Layout),
	}
}
