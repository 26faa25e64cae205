package datacenters

import "github.com/binora/binora/internal/apperr"

// ErrInUse refuses to delete a datacenter that still holds rooms, racks or
// assets; the answer says how many of each.
var ErrInUse = apperr.Conflict("", "The datacenter still holds rooms, racks or assets; move or delete them first.")
