// Package permissions holds the permission table derived from openapi.yaml:
// which permission codes each operation requires, and the catalog of every
// code the API knows.
//
// Codes have the form <module>.<resource>.<level>, level one of read, write
// or delete (e.g. assets.assets.read). The table is generated from the
// x-permissions extension of each operation, so the contract, the enforcement
// and the catalog served by GET /api/permissions cannot disagree. Edit the
// specification, then run `go generate ./internal/permissions/`.
package permissions

import (
	"slices"
	"strings"
)

//go:generate go run ./gen -spec ../../openapi.yaml -out table_gen.go

// Permission describes one permission code of the catalog.
type Permission struct {
	// Code is the full code, <module>.<resource>.<level>.
	Code string
	// Module is the module that owns the resource, e.g. "assets".
	Module string
	// Resource is the kind of object the permission is about, e.g. "assets".
	Resource string
	// Level is one of "read", "write" or "delete".
	Level string
	// Label is a short human description, e.g. "View assets".
	Label string
}

// Catalog returns every permission the API knows, sorted by code. The slice
// is a copy: callers may modify it.
func Catalog() []Permission {
	return slices.Clone(catalog)
}

// Required returns the permission codes the operation with the given
// operationId needs (all of them), and whether the operation is known.
//
// A known operation with no codes needs only what its security requirement
// says (a valid token, or nothing). An unknown operation should be refused:
// the table is generated from the same specification as the router, so an
// unknown id means the two are out of step.
//
// The key is the specification's operationId ("listAssets"), which ogen
// middleware receives as Request.OperationID; ogen's OperationName
// ("ListAssets") is a different spelling.
func Required(operationID string) (codes []string, known bool) {
	codes, known = operationPermissions[operationID]
	return slices.Clone(codes), known
}

// All returns every permission code, sorted. A company admin holds all of
// them.
func All() []string {
	codes := make([]string, len(catalog))
	for i, p := range catalog {
		codes[i] = p.Code
	}
	return codes
}

// Known reports whether code is in the catalog.
func Known(code string) bool {
	_, found := slices.BinarySearchFunc(catalog, code, func(p Permission, code string) int {
		return strings.Compare(p.Code, code)
	})
	return found
}

// Unknown returns the codes that are not in the catalog, in the order given.
func Unknown(codes []string) []string {
	var out []string
	for _, c := range codes {
		if !Known(c) {
			out = append(out, c)
		}
	}
	return out
}
