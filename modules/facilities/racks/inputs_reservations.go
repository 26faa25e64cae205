package racks

import (
	"strings"
	"time"

	"github.com/binora/binora/ent/rackreservation"
	"github.com/binora/binora/internal/validation"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// defaultReservedUnits is how many units a reservation blocks when the
// request does not say.
const defaultReservedUnits = 1

// ReservationCreate is the body of a reservation of a rack's units.
type ReservationCreate struct {
	// Position is the lowest unit reserved.
	Position int
	// UHeight is how many units; nil means defaultReservedUnits.
	UHeight *int
	Face    string
	// FullDepth reserves both faces.
	FullDepth   bool
	Description string
	// ExpiresAt, when set, must be after now; nil means until released.
	ExpiresAt *time.Time
}

// normalized checks in at now and returns it with its default filled in
// and the description trimmed. Whether the units lie in the rack is
// checked against the rack itself.
func (in ReservationCreate) normalized(now time.Time) (ReservationCreate, error) {
	var errs validation.Errors
	errs.Int("position", &in.Position, validation.Position)
	in.UHeight = orDefault(in.UHeight, defaultReservedUnits)
	errs.Int("u_height", in.UHeight, validation.ReservedUnits)
	if rackreservation.FaceValidator(rackreservation.Face(in.Face)) != nil {
		errs.Add("face", "Give front or rear.")
	}
	errs.RequiredText("description", &in.Description, validation.Purpose)
	in.Description = strings.TrimSpace(in.Description)
	if in.ExpiresAt != nil && !in.ExpiresAt.After(now) {
		errs.Add("expires_at", msgPastExpiry)
	}
	return in, errs.Err()
}

// block is the units in takes; in is normalized.
func (in ReservationCreate) block() occupancy.Block {
	return occupancy.Block{Kind: occupancy.KindReservation, Position: in.Position, Height: *in.UHeight,
		Face: occupancy.Face(in.Face), FullDepth: in.FullDepth, Name: in.Description}
}
