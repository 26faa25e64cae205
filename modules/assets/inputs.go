package assets

import (
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/validation"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// Filter selects, orders and pages assets. Zero values select everything.
type Filter struct {
	// Statuses keeps assets in any of these statuses.
	Statuses []int
	// Types keeps assets of any of these types.
	Types []string
	// DatacenterID keeps the assets of one datacenter.
	DatacenterID *int
	// ParentID keeps the children of one asset.
	ParentID *int
	// RoomID, RowID and RackID keep the assets in the racks of one room,
	// of one row, or in one rack.
	RoomID, RowID, RackID *int
	// Unit, which needs RackID, keeps the asset that takes that unit of
	// the rack on either face.
	Unit *int
	// Q is a case-insensitive substring of the name, code or serial number.
	Q string
	// Params.Ordering is a field of code, name, status, created_at,
	// updated_at, with a leading "-" for descending; empty means code.
	listing.Params
}

// Validate checks the filters that depend on each other.
func (f Filter) Validate() error {
	var errs validation.Errors
	if f.Unit != nil && f.RackID == nil {
		errs.Add("unit", "Give rack_id with unit: a unit is counted within one rack.")
	}
	return errs.Err()
}

// PlacementInput is where an asset is to be placed, shared by creates and
// updates. A nil field is not given.
type PlacementInput struct {
	RackID   *int
	Position *int
	Face     *occupancy.Face
	// UHeight and FullDepth describe the asset's size; on a create they
	// default to 1 unit and full depth.
	UHeight   *int
	FullDepth *bool
	// ReservationID names the reservation whose units the asset may take.
	ReservationID *int
}

// validate checks the fields that are set, on their own.
func (in PlacementInput) validate(errs *validation.Errors) {
	errs.ID("rack_id", in.RackID)
	errs.Int("position", in.Position, validation.Position)
	if in.Face != nil && !validFace(*in.Face) {
		errs.Add("face", "Give front or rear.")
	}
	errs.Int("u_height", in.UHeight, validation.AssetHeight)
	errs.ID("reservation_id", in.ReservationID)
}

// CreateInput is the body of an asset create.
type CreateInput struct {
	Name      string
	AssetType string
	// Status defaults to DefaultStatus.
	Status       *int
	SerialNumber *string
	// DatacenterID is required unless RackID is given (0 is not given):
	// an asset in a rack is in the rack's datacenter.
	DatacenterID int
	ParentID     *int
	PlacementInput
}

// Validate checks the fields on their own and the placement rules that
// need no database; references are checked by the service.
func (in CreateInput) Validate() error {
	var errs validation.Errors
	errs.RequiredText("name", &in.Name, validation.Name)
	if !Type(in.AssetType).Valid() {
		errs.Add("asset_type", "Unknown asset type.")
	}
	if in.Status != nil && !Status(*in.Status).Valid() {
		errs.Add("status", msgUnknownStatus)
	}
	errs.Text("serial_number", in.SerialNumber, validation.SerialNumber)
	switch {
	case in.DatacenterID < 0:
		errs.Add("datacenter_id", validation.MsgPositiveID)
	case in.DatacenterID == 0 && in.RackID == nil:
		errs.Add("datacenter_id", validation.MsgRequired)
	}
	errs.ID("parent_id", in.ParentID)
	in.PlacementInput.validate(&errs)
	if err := errs.Err(); err != nil {
		return err
	}
	return checkShape(in.placement(), in.ParentID != nil, in.ReservationID)
}

// UpdateInput is the body of a PUT or PATCH: a nil field is left as it is.
// The Clear fields remove the value (a PATCH null, or a PUT that omits
// it); they lose to a value set in the same input.
type UpdateInput struct {
	Name *string
	// AssetType may only repeat the current type: a client that sends back
	// a fetched asset must not be refused for it.
	AssetType         *string
	Status            *int
	SerialNumber      *string
	ClearSerialNumber bool
	DatacenterID      *int
	ParentID          *int
	ClearParent       bool
	PlacementInput
	ClearRack     bool
	ClearPosition bool
	ClearFace     bool
}

// Validate checks the fields that are set, on their own. The placement
// rules need the asset as it is; the service checks them.
func (in UpdateInput) Validate() error {
	var errs validation.Errors
	errs.Text("name", in.Name, validation.Name)
	if in.AssetType != nil && !Type(*in.AssetType).Valid() {
		errs.Add("asset_type", "Unknown asset type.")
	}
	if in.Status != nil && !Status(*in.Status).Valid() {
		errs.Add("status", msgUnknownStatus)
	}
	errs.Text("serial_number", in.SerialNumber, validation.SerialNumber)
	errs.ID("datacenter_id", in.DatacenterID)
	errs.ID("parent_id", in.ParentID)
	in.PlacementInput.validate(&errs)
	return errs.Err()
}

// checkReason validates the free-text reason of a status change.
func checkReason(reason string) error {
	var errs validation.Errors
	errs.Text("reason", &reason, validation.Reason)
	return errs.Err()
}
