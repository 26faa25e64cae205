package racks

import (
	"strings"

	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/validation"
)

// Filter selects, orders and pages racks. Zero values select everything.
type Filter struct {
	DatacenterID *int
	RoomID       *int
	RowID        *int
	// Statuses keeps racks in any of these statuses.
	Statuses []string
	// Q is a case-insensitive substring of the name, facility id or asset
	// tag.
	Q string
	// Params.Ordering is name, status or created_at, with a leading "-"
	// for descending; empty means name.
	listing.Params
}

// Details are the fields of a rack besides where it stands and its name.
// A nil field is absent: a create gives it its default (or none), a PATCH
// leaves it as it is.
type Details struct {
	FacilityID      *string
	UHeight         *int
	StartingUnit    *int
	DescendingUnits *bool
	Status          *string
	SerialNumber    *string
	AssetTag        *string
	MaxWeightKg     *int
	Description     *string
}

// check records what is wrong with the fields that are set and returns
// them normalized. The identifiers (facility id, asset tag) are trimmed, and
// a blank one means none, reported in blankFacility and blankTag: two racks
// without one must not clash on the unique index.
func (d Details) check(errs *validation.Errors) (_ Details, blankFacility, blankTag bool) {
	errs.Text("facility_id", d.FacilityID, validation.FacilityID)
	errs.Int("u_height", d.UHeight, validation.RackHeight)
	errs.Int("starting_unit", d.StartingUnit, validation.StartingUnit)
	if d.Status != nil && rack.StatusValidator(rack.Status(*d.Status)) != nil {
		errs.Add("status", "Give planned, active or retired.")
	}
	errs.Text("serial_number", d.SerialNumber, validation.SerialNumber)
	errs.Text("asset_tag", d.AssetTag, validation.AssetTag)
	errs.Int("max_weight_kg", d.MaxWeightKg, validation.Weight)
	errs.Text("description", d.Description, validation.Description)
	d.FacilityID, blankFacility = identifier(d.FacilityID)
	d.AssetTag, blankTag = identifier(d.AssetTag)
	return d, blankFacility, blankTag
}

// identifier trims an optional identifier; a blank one becomes nil and
// blank is true.
func identifier(s *string) (_ *string, blank bool) {
	s = validation.Trim(s)
	if s != nil && *s == "" {
		return nil, true
	}
	return s, false
}

// Create is the body of a rack create, and of a PUT, which sets every
// field: an optional field left out is cleared, one with a default takes
// it.
type Create struct {
	RoomID int
	RowID  *int
	Name   string
	Details
}

// normalized checks in and returns it trimmed, with every default filled
// in.
func (in Create) normalized() (Create, error) {
	var errs validation.Errors
	errs.RequiredText("name", &in.Name, validation.Name)
	if in.RoomID <= 0 {
		errs.Add("room_id", validation.MsgPositiveID)
	}
	errs.ID("row_id", in.RowID)
	in.Details, _, _ = in.Details.check(&errs)
	in.Name = strings.TrimSpace(in.Name)
	in.UHeight = orDefault(in.UHeight, rack.DefaultUHeight)
	in.StartingUnit = orDefault(in.StartingUnit, rack.DefaultStartingUnit)
	in.DescendingUnits = orDefault(in.DescendingUnits, rack.DefaultDescendingUnits)
	in.Status = orDefault(in.Status, rack.DefaultStatus.String())
	return in, errs.Err()
}

func orDefault[T any](v *T, def T) *T {
	if v == nil {
		return &def
	}
	return v
}

// replacement is the update a PUT of in makes: every field set, every
// optional field in left out cleared. in is normalized.
func (in Create) replacement() Update {
	return Update{
		RoomID: &in.RoomID, RowID: in.RowID, Name: &in.Name, Details: in.Details,
		ClearRow:          in.RowID == nil,
		ClearFacilityID:   in.FacilityID == nil,
		ClearSerialNumber: in.SerialNumber == nil,
		ClearAssetTag:     in.AssetTag == nil,
		ClearMaxWeightKg:  in.MaxWeightKg == nil,
		ClearDescription:  in.Description == nil,
	}
}

// Update is the body of a PATCH: a nil field is left as it is, a Clear
// flag removes an optional value (a PATCH null), and loses to a value set
// in the same input.
type Update struct {
	RoomID   *int
	RowID    *int
	ClearRow bool
	Name     *string
	Details
	ClearFacilityID   bool
	ClearSerialNumber bool
	ClearAssetTag     bool
	ClearMaxWeightKg  bool
	ClearDescription  bool
}

// normalized checks what is set and returns it trimmed.
func (in Update) normalized() (Update, error) {
	var errs validation.Errors
	errs.Text("name", in.Name, validation.Name)
	errs.ID("room_id", in.RoomID)
	errs.ID("row_id", in.RowID)
	var blankFacility, blankTag bool
	in.Details, blankFacility, blankTag = in.Details.check(&errs)
	in.Name = validation.Trim(in.Name)
	in.ClearFacilityID = in.ClearFacilityID || blankFacility
	in.ClearAssetTag = in.ClearAssetTag || blankTag
	return in, errs.Err()
}
