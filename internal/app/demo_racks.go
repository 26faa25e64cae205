package app

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/modules/assets"
	"github.com/binora/binora/modules/facilities/occupancy"
	"github.com/binora/binora/modules/facilities/racks"
	"github.com/binora/binora/modules/facilities/rooms"
)

// demoRacks are the racks of each demo site: two in row A, one in row B.
var demoRacks = []struct{ row, name string }{{"A", "A01"}, {"A", "A02"}, {"B", "B01"}}

// seedRoom gives datacenter dcID a room with rows A and B and the racks of
// demoRacks, and returns the racks' ids by name.
func seedRoom(ctx context.Context, a *App, dcID int, code string) (map[string]int, error) {
	floor := "1"
	room, err := a.Facilities.Rooms.CreateRoom(ctx, rooms.RoomCreate{DatacenterID: dcID, Name: "Hall 1",
		Code: "H1", Floor: &floor})
	if err != nil {
		return nil, err
	}
	rows := map[string]int{}
	for _, name := range []string{"A", "B"} {
		row, err := a.Facilities.Rooms.CreateRow(ctx, rooms.RowCreate{RoomID: room.ID, Name: name})
		if err != nil {
			return nil, err
		}
		rows[name] = row.ID
	}
	ids := map[string]int{}
	for _, r := range demoRacks {
		facilityID := fmt.Sprintf("%s-H1-%s", code, r.name)
		rack, err := a.Facilities.Racks.Create(ctx, racks.Create{RoomID: room.ID, RowID: ptr(rows[r.row]),
			Name: r.name, Details: racks.Details{FacilityID: &facilityID}})
		if err != nil {
			return nil, err
		}
		ids[r.name] = rack.ID
	}
	return ids, nil
}

// demoPlacement is where an asset of the demo goes in a rack.
type demoPlacement struct {
	rack      string
	position  int // 0: in the rack without units
	height    int
	face      occupancy.Face
	fullDepth bool
}

// place returns in with the placement p in the racks by name.
func (p demoPlacement) place(in assets.CreateInput, rackIDs map[string]int) assets.CreateInput {
	in.RackID = ptr(rackIDs[p.rack])
	in.UHeight, in.FullDepth = &p.height, &p.fullDepth
	if p.position > 0 {
		in.Position, in.Face = &p.position, &p.face
	}
	return in
}

// seedRackServers fills rack A02 of a site with a column of servers and
// reserves units of rack A01 for an expansion, so that the demo shows a
// full elevation, a reservation and free space to find.
func seedRackServers(ctx context.Context, a *App, code string, rackIDs map[string]int) error {
	position := 1
	for i, height := range []int{2, 2, 1, 1, 1, 4, 2, 1, 1, 2} {
		in := demoPlacement{rack: "A02", position: position, height: height, face: occupancy.Front, fullDepth: true}.
			place(assets.CreateInput{Name: fmt.Sprintf("%s web %02d", code, i+1), AssetType: "SRV"}, rackIDs)
		if _, err := a.Assets.Create(ctx, in); err != nil {
			return err
		}
		position += height
	}
	until := time.Now().AddDate(0, 6, 0).Truncate(24 * time.Hour)
	_, err := a.Facilities.Racks.Reserve(ctx, rackIDs["A01"], racks.ReservationCreate{Position: 20, UHeight: ptr(4),
		Face: string(occupancy.Front), FullDepth: true, Description: "Expansion for the storage cluster", ExpiresAt: &until})
	return err
}

func ptr[T any](v T) *T { return &v }
