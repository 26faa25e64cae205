package assets

import (
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/validation"
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
	// Q is a case-insensitive substring of the name, code or serial number.
	Q string
	// Params.Ordering is a field of code, name, status, created_at,
	// updated_at, with a leading "-" for descending; empty means code.
	listing.Params
}

// CreateInput is the body of an asset create.
type CreateInput struct {
	Name      string
	AssetType string
	// Status defaults to DefaultStatus.
	Status       *int
	SerialNumber *string
	DatacenterID int
	ParentID     *int
}

// Validate checks the fields on their own; references are checked against
// the database by the service.
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
	if in.DatacenterID <= 0 {
		errs.Add("datacenter_id", validation.MsgRequired)
	}
	errs.ID("parent_id", in.ParentID)
	return errs.Err()
}

// UpdateInput is the body of a PUT or PATCH: a nil field is left as it is.
// ClearSerialNumber and ClearParent remove the value (a PATCH null, or a
// PUT that omits it); they lose to a value set in the same input.
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
}

// Validate checks the fields that are set, on their own.
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
	return errs.Err()
}

// checkReason validates the free-text reason of a status change.
func checkReason(reason string) error {
	var errs validation.Errors
	errs.Text("reason", &reason, validation.Reason)
	return errs.Err()
}
