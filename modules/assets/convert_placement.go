package assets

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// placementInput gathers the placement fields of a request body: those
// sent and not null. u_height and full_depth left out of a create take
// their defaults in the service, and are kept by a PUT or PATCH.
func placementInput(rackID api.OptNilInt64, position api.OptNilInt, face api.OptNilFace,
	uHeight api.OptInt, fullDepth api.OptBool, reservationID api.OptInt64,
) PlacementInput {
	in := PlacementInput{RackID: apiconv.ID(rackID.Get()), ReservationID: apiconv.ID(reservationID.Get())}
	if v, ok := position.Get(); ok {
		in.Position = &v
	}
	if v, ok := face.Get(); ok {
		f := occupancy.Face(v)
		in.Face = &f
	}
	if v, ok := uHeight.Get(); ok {
		in.UHeight = &v
	}
	if v, ok := fullDepth.Get(); ok {
		in.FullDepth = &v
	}
	return in
}

// setAPIPlacement renders where a is onto out; a's rack should be loaded
// (its name is empty otherwise).
func setAPIPlacement(out *api.Asset, a *ent.Asset) {
	out.UHeight = a.UHeight
	out.FullDepth = a.FullDepth
	if a.RackID != nil {
		ref := api.RackRef{ID: int64(*a.RackID)}
		if r := a.Edges.Rack; r != nil {
			ref.Name = r.Name
		}
		out.Rack.SetTo(ref)
	} else {
		out.Rack.SetToNull()
	}
	out.Position = apiconv.NilInt(a.Position)
	out.Face = nilFace((*string)(a.Face))
}

func toAPIPlacementChange(c *ent.AssetPlacementChange, users map[int]*ent.User) api.PlacementChange {
	return api.PlacementChange{
		ID:        int64(c.ID),
		From:      apiPlacement(c.FromRackID, c.FromRackName, c.FromPosition, (*string)(c.FromFace)),
		To:        apiPlacement(c.ToRackID, c.ToRackName, c.ToPosition, (*string)(c.ToFace)),
		ChangedBy: directory.ToAPIUserRef(c.CreatedBy, users),
		ChangedAt: c.CreatedAt,
	}
}

// apiPlacement renders one end of a move: null when it is in no rack.
func apiPlacement(rackID *int, rackName *string, position *int, face *string) api.NilPlacement {
	var out api.NilPlacement
	if rackID == nil {
		out.SetToNull()
		return out
	}
	p := api.Placement{Rack: api.RackRef{ID: int64(*rackID)}, Position: apiconv.NilInt(position), Face: nilFace(face)}
	if rackName != nil {
		p.Rack.Name = *rackName
	}
	out.SetTo(p)
	return out
}

func nilFace(v *string) api.NilFace {
	var out api.NilFace
	if v != nil {
		out.SetTo(api.Face(*v))
	} else {
		out.SetToNull()
	}
	return out
}
