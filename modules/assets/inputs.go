package assets

import (
	"strings"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/listing"
)

// Field limits, as in the schema and the API contract.
const (
	maxNameLen   = 100
	maxSerialLen = 150
	maxReasonLen = 500
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
	// Ordering is a field of code, name, status, created_at, updated_at,
	// with a leading "-" for descending; empty means code.
	Ordering string
	Page     listing.Page
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
	var errs fieldErrors
	errs.name(&in.Name, true)
	if !Type(in.AssetType).Valid() {
		errs.add("asset_type", "Unknown asset type.")
	}
	if in.Status != nil && !Status(*in.Status).Valid() {
		errs.add("status", msgUnknownStatus)
	}
	errs.serial(in.SerialNumber)
	if in.DatacenterID <= 0 {
		errs.add("datacenter_id", "This field is required.")
	}
	errs.ref("parent_id", in.ParentID)
	return errs.err()
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
	var errs fieldErrors
	errs.name(in.Name, false)
	if in.AssetType != nil && !Type(*in.AssetType).Valid() {
		errs.add("asset_type", "Unknown asset type.")
	}
	if in.Status != nil && !Status(*in.Status).Valid() {
		errs.add("status", msgUnknownStatus)
	}
	errs.serial(in.SerialNumber)
	errs.ref("datacenter_id", in.DatacenterID)
	errs.ref("parent_id", in.ParentID)
	return errs.err()
}

// checkReason validates the free-text reason of a status change.
func checkReason(reason string) error {
	if len([]rune(reason)) > maxReasonLen {
		return apperr.Invalid("reason", "Give at most 500 characters.")
	}
	return nil
}

// fieldErrors gathers every field problem of one input, so that a client
// learns about all of them at once.
type fieldErrors []apperr.FieldError

func (e *fieldErrors) add(field, msg string) {
	*e = append(*e, apperr.FieldError{Field: field, Message: msg})
}

func (e *fieldErrors) name(v *string, required bool) {
	switch {
	case v == nil:
		if required {
			e.add("name", "This field is required.")
		}
	case strings.TrimSpace(*v) == "" || len([]rune(*v)) > maxNameLen:
		e.add("name", "Give 1 to 100 characters.")
	}
}

func (e *fieldErrors) serial(v *string) {
	if v != nil && len([]rune(*v)) > maxSerialLen {
		e.add("serial_number", "Give at most 150 characters.")
	}
}

func (e *fieldErrors) ref(field string, id *int) {
	if id != nil && *id <= 0 {
		e.add(field, "Give a positive id.")
	}
}

func (e fieldErrors) err() error {
	if len(e) == 0 {
		return nil
	}
	return apperr.InvalidFields(e...)
}
