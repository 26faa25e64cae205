package assets

import (
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/validation"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// The rules of where an asset may be in a rack. This file holds the pure
// ones; place.go applies them, with the rows they need, inside the
// transaction of a create or an update.

// placement is where an asset is: its rack, the lowest unit it takes and
// the face it is mounted on, and its size.
type placement struct {
	RackID    *int
	Position  *int
	Face      *occupancy.Face
	UHeight   int
	FullDepth bool
}

// placementOf is where a is.
func placementOf(a *ent.Asset) placement {
	p := placement{RackID: a.RackID, Position: a.Position, UHeight: a.UHeight, FullDepth: a.FullDepth}
	if a.Face != nil {
		f := occupancy.Face(*a.Face)
		p.Face = &f
	}
	return p
}

// Defaults of a new asset's size: one unit, taking both faces.
const (
	defaultUHeight   = 1
	defaultFullDepth = true
)

// placement is where a create puts the asset.
func (in CreateInput) placement() placement {
	p := placement{RackID: in.RackID, Position: in.Position, Face: in.Face,
		UHeight: defaultUHeight, FullDepth: defaultFullDepth}
	if in.UHeight != nil {
		p.UHeight = *in.UHeight
	}
	if in.FullDepth != nil {
		p.FullDepth = *in.FullDepth
	}
	return p
}

// placement is where an update leaves an asset that is at cur. Taking the
// asset out of its rack also clears its position and face, which mean
// nothing without a rack, unless the input sets them (which checkShape
// then refuses).
func (in UpdateInput) placement(cur placement) placement {
	p := cur
	if in.RackID != nil {
		p.RackID = in.RackID
	} else if in.ClearRack {
		p.RackID, p.Position, p.Face = nil, nil, nil
	}
	if in.Position != nil {
		p.Position = in.Position
	} else if in.ClearPosition {
		p.Position = nil
	}
	if in.Face != nil {
		p.Face = in.Face
	} else if in.ClearFace {
		p.Face = nil
	}
	if in.UHeight != nil {
		p.UHeight = *in.UHeight
	}
	if in.FullDepth != nil {
		p.FullDepth = *in.FullDepth
	}
	return p
}

// hasParent reports whether an update leaves an asset with a parent; cur
// is its parent before.
func (in UpdateInput) hasParent(cur *int) bool {
	return in.ParentID != nil || (cur != nil && !in.ClearParent)
}

// takesUnits reports whether the asset occupies units of its rack.
func (p placement) takesUnits() bool {
	return p.RackID != nil && p.Position != nil && p.UHeight > 0
}

// sameSpot reports whether p and o are in the same rack, position and
// face: what the placement history records.
func (p placement) sameSpot(o placement) bool {
	return equalPtr(p.RackID, o.RackID) && equalPtr(p.Position, o.Position) && equalPtr(p.Face, o.Face)
}

// sameUnits reports whether p and o take the same units, on the same faces.
func (p placement) sameUnits(o placement) bool {
	return p.sameSpot(o) && p.UHeight == o.UHeight && p.FullDepth == o.FullDepth
}

func equalPtr[T comparable](a, b *T) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func validFace(f occupancy.Face) bool { return slices.Contains(occupancy.Faces, f) }

// Messages of the placement rules that need no row; errors.go holds the
// errors of those that do.
const (
	msgFaceRequired      = "A face is required when the asset takes units."
	msgPositionNoRack    = "A position needs a rack_id."
	msgFaceNoRack        = "A face needs a rack_id."
	msgReservationNoRack = "A reservation_id needs a rack_id."
	msgPositionOfChild   = "A child asset takes no units of the rack; its parent does."
	msgPositionNoUnits   = "An asset of 0 units has no position."
)

// checkShape applies the rules that need no row to the placement p of an
// asset with or without a parent, placed with or without a reservation.
func checkShape(p placement, hasParent bool, reservationID *int) error {
	var errs validation.Errors
	if p.RackID == nil {
		if p.Position != nil {
			errs.Add("position", msgPositionNoRack)
		}
		if p.Face != nil {
			errs.Add("face", msgFaceNoRack)
		}
		if reservationID != nil {
			errs.Add("reservation_id", msgReservationNoRack)
		}
		return errs.Err()
	}
	if p.Position == nil {
		return nil
	}
	switch {
	case hasParent:
		errs.Add("position", msgPositionOfChild)
	case p.UHeight == 0:
		errs.Add("position", msgPositionNoUnits)
	case p.Face == nil:
		errs.Add("face", msgFaceRequired)
	}
	return errs.Err()
}

// checkRack applies the rules of rack r to an asset that is to be in it:
// entering says that it comes from elsewhere, dcID is the datacenter the
// request names (0 for none). It returns the datacenter the asset is to be
// in: the rack's.
func checkRack(r *ent.Rack, entering bool, dcID int) (int, error) {
	if entering && r.Status == rack.StatusRetired {
		return 0, errRackRetired
	}
	if dcID != 0 && dcID != r.DatacenterID {
		return 0, errRackElsewhere
	}
	return r.DatacenterID, nil
}

// checkUnits checks the block b that an asset is to take against the
// occupancy m of its rack, where reservationID (if any) names the
// reservation whose units it may take: it must be one of m's.
func checkUnits(m occupancy.Map, b occupancy.Block, reservationID *int) error {
	allowed := 0
	if reservationID != nil {
		if !slices.ContainsFunc(m.Blocks, func(o occupancy.Block) bool {
			return o.Kind == occupancy.KindReservation && o.ID == *reservationID
		}) {
			return errNoReservation
		}
		allowed = *reservationID
	}
	if b.Height == 0 {
		return nil
	}
	if !m.Rack.Contains(b.Position, b.Last()) {
		return occupancy.OutsideError("position", m.Rack, b.Position, b.Last())
	}
	if c, ok := m.Conflict(b, allowed); ok {
		return occupancy.ClashError("position", c)
	}
	return nil
}

// move is what a write changes in where an asset is: from where it was (the
// zero placement for a new asset) to where it is to be, with the
// reservation the request names.
type move struct {
	from, to      placement
	reservationID *int
	// dcChanged says that the request moves the asset to another
	// datacenter.
	dcChanged bool
}

// entering reports whether the asset goes into a rack it was not in.
func (m move) entering() bool { return m.to.RackID != nil && !equalPtr(m.from.RackID, m.to.RackID) }

// moved reports whether the rack, position or face changes: a history entry.
func (m move) moved() bool { return !m.from.sameSpot(m.to) }

// checksUnits reports whether the units the asset takes must be checked
// against the rack's: it takes units it did not, or names a reservation.
// Units it keeps were checked when it took them.
func (m move) checksUnits() bool {
	return m.reservationID != nil || (m.to.takesUnits() && !m.to.sameUnits(m.from))
}

// needsRack reports whether the rack the asset is to be in must be read:
// it enters it, takes units of it, or its datacenter changes (and must
// stay the rack's). A write that changes none of these reads nothing.
func (m move) needsRack() bool {
	return m.to.RackID != nil && (m.entering() || m.checksUnits() || m.dcChanged)
}
