package tenancy

import "strings"

// ReferenceError is a write that links a row to an id the tenant cannot
// see: another tenant's row and a missing one look the same, so nobody
// learns which ids exist elsewhere. The data layer returns it, on every
// create and update, for every edge between tenant-scoped entities.
type ReferenceError struct {
	// Field is the column the write sets (datacenter_id), or the edge's
	// name when the link is stored on the other side (children).
	Field string
	// Table is the referenced table (datacenters).
	Table string
}

func (e *ReferenceError) Error() string {
	return "tenancy: " + e.Field + " names no " + e.Target() + " of the tenant"
}

// Target names the referenced kind of row in words: "datacenter" for the
// table datacenters, "asset status change" for asset_status_changes.
func (e *ReferenceError) Target() string {
	return strings.ReplaceAll(strings.TrimSuffix(e.Table, "s"), "_", " ")
}
