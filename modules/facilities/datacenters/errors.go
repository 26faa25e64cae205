package datacenters

import "github.com/binora/binora/internal/apperr"

// ErrInUse refuses to delete a datacenter that holds assets.
var ErrInUse = apperr.Conflict("", "The datacenter still holds assets; move or delete them first.")
