package assets

import "github.com/binora/binora/internal/apperr"

// The errors of the assets module. Each is an apperr kind, so the HTTP edge
// maps it without knowing this module; match one with errors.Is, which also
// holds for a copy wrapped with a cause for the logs.
var (
	// ErrDisposed refuses any status change of a disposed asset: disposal
	// is final, the equipment has left the company.
	ErrDisposed = apperr.Conflict("status", "Cannot reactivate disposed asset")

	// ErrHasChildren refuses to delete an asset that other assets hang from.
	ErrHasChildren = apperr.Conflict("", "The asset still has child assets.")

	// ErrTypeImmutable refuses to change an asset's type: its code, which
	// is never reissued, starts with the type.
	ErrTypeImmutable = apperr.Invalid("asset_type", "The type of an asset cannot change; its code depends on it.")

	// ErrMoveWithChildren refuses to move an asset that has children to
	// another datacenter: the children would be left with a parent
	// elsewhere.
	ErrMoveWithChildren = apperr.Invalid("datacenter_id", "An asset with child assets cannot move to another datacenter.")
)

// Hierarchy errors: where a parent may be.
var (
	errParentElsewhere = apperr.Invalid("parent_id", "The parent asset must be in the same datacenter.")
	errParentIsSelf    = apperr.Invalid("parent_id", "An asset cannot be its own parent.")
	errParentCycle     = apperr.Invalid("parent_id", "The parent asset is a descendant of this asset.")
	errParentTooDeep   = apperr.Invalid("parent_id", "The chain of parent assets is too deep.")
)

// Placement errors: which rack an asset may be in. A unit taken or outside
// the rack is an occupancy.ClashError or occupancy.OutsideError.
var (
	// errNoRack is how the data layer refuses a rack_id the tenant cannot
	// see; a read of the rack that finds nothing answers the same.
	errNoRack        = apperr.Invalid("rack_id", "No such rack.")
	errRackRetired   = apperr.Conflict("rack_id", "The rack is retired: it takes no new assets.")
	errRackElsewhere = apperr.Invalid("datacenter_id", "The rack is in another datacenter.")
	errNoReservation = apperr.Invalid("reservation_id", "No such reservation in this rack.")
)
