package validation

import "fmt"

// Range bounds an integer field, both ends included: the minimum and
// maximum of openapi.yaml, which the generated decoder enforces, and what
// the services check again for callers that do not come through HTTP.
type Range struct {
	Min, Max int
}

// The bounds of Binora's integer fields that describe physical equipment.
var (
	// RackHeight is the number of units a rack has.
	RackHeight = Range{Min: 1, Max: 100}
	// StartingUnit is the number of a rack's first unit.
	StartingUnit = Range{Min: 1, Max: 1000}
	// Position is the lowest unit an asset or a reservation takes; the
	// rack it is in bounds it further.
	Position = Range{Min: 1, Max: StartingUnit.Max + RackHeight.Max - 1}
	// AssetHeight is how many units an asset takes; 0 is an asset mounted
	// without units, such as a vertical PDU.
	AssetHeight = Range{Min: 0, Max: 50}
	// ReservedUnits is how many units a reservation blocks.
	ReservedUnits = Range{Min: 1, Max: RackHeight.Max}
	// Weight is a load in kilograms.
	Weight = Range{Min: 1, Max: 100000}
	// WantedUnits is how many contiguous units a search for space asks for.
	WantedUnits = Range{Min: 1, Max: RackHeight.Max}
)

// Fits reports whether n is within r.
func (r Range) Fits(n int) bool { return n >= r.Min && n <= r.Max }

// Message is what a client is told when a value does not fit.
func (r Range) Message() string {
	return fmt.Sprintf("Give a whole number from %d to %d.", r.Min, r.Max)
}

// Int records a problem with field when n is set and outside r.
func (e *Errors) Int(field string, n *int, r Range) {
	if n != nil && !r.Fits(*n) {
		e.Add(field, r.Message())
	}
}
