package app

import (
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/modules/facilities/layout"
	"github.com/binora/binora/modules/facilities/racks"
	"github.com/binora/binora/modules/facilities/rooms"
)

// The facilities packages' handler types share a name; aliases give the
// embedded fields of facilitiesOperations distinct ones.
type (
	roomOperations   = rooms.Handlers
	rackOperations   = racks.Handlers
	layoutOperations = layout.Handlers
)

// facilitiesOperations is the facilities module's part of the API, beside
// the datacenters, which core's operations carry.
type facilitiesOperations struct {
	*roomOperations
	*rackOperations
	*layoutOperations
}

func facilitiesHandlers(db *database.DB, opts Options) facilitiesOperations {
	views := layout.NewService(layout.Deps{Client: db.Client, Now: opts.Now})
	return facilitiesOperations{&rooms.Handlers{}, &racks.Handlers{}, layout.NewHandlers(views)}
}
