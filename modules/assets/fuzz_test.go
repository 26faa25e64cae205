package assets

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/modules/facilities/occupancy"
)

func FuzzCheckTransition(f *testing.F) {
	f.Add(int(StatusRequested), int(StatusProduction))
	f.Add(int(StatusDisposed), int(StatusDisposed))
	f.Add(int(StatusDisposed), int(StatusSpare))
	f.Add(int(StatusSpare), 99)
	f.Add(-1, int(StatusDisposed))
	f.Fuzz(func(t *testing.T, from, to int) {
		changed, err := checkTransition(Status(from), Status(to))
		_, known := statusLabels[Status(to)]
		switch {
		case !known:
			if !apperr.IsKind(err, apperr.KindInvalid) || changed {
				t.Fatalf("%d → unknown %d: changed %v, err %v; want a validation error", from, to, changed, err)
			}
		case from == to:
			if err != nil || changed {
				t.Fatalf("%d → %d: changed %v, err %v; want a no-op", from, to, changed, err)
			}
		case Status(from) == StatusDisposed:
			if !errors.Is(err, ErrDisposed) || changed {
				t.Fatalf("disposed → %d: changed %v, err %v; want ErrDisposed", to, changed, err)
			}
		default:
			if err != nil || !changed {
				t.Fatalf("%d → %d: changed %v, err %v; want a change", from, to, changed, err)
			}
		}
	})
}

// placementOfBits builds a placement whose optional parts are set by the
// bits of set: rack, position, face, and whether the face is the rear.
func placementOfBits(set uint8, rackID, position, uHeight int) placement {
	p := placement{UHeight: uHeight, FullDepth: set&16 != 0}
	if set&1 != 0 {
		p.RackID = &rackID
	}
	if set&2 != 0 {
		p.Position = &position
	}
	if set&4 != 0 {
		f := occupancy.Faces[set>>3&1]
		p.Face = &f
	}
	return p
}

// FuzzCheckShape holds checkShape to what a stored placement must be, and
// to the promise of UpdateInput.placement that taking an asset out of its
// rack never leaves a position or face behind.
func FuzzCheckShape(f *testing.F) {
	f.Add(uint8(0b111), uint8(0), 3, 1)
	f.Add(uint8(0b011), uint8(0), 3, 1)
	f.Add(uint8(0b110), uint8(0b100), 3, 0)
	f.Add(uint8(0b111), uint8(0b001), 3, 2)
	f.Fuzz(func(t *testing.T, set, upd uint8, position, uHeight int) {
		hasParent, res := upd&2 != 0, (*int)(nil)
		if upd&4 != 0 {
			res = &position
		}
		p := placementOfBits(set, 7, position, uHeight)
		err := checkShape(p, hasParent, res)
		if err != nil {
			assertFieldsOnly(t, err, "position", "face", "reservation_id")
		} else if !wellFormed(p, hasParent, res) {
			t.Fatalf("checkShape accepted %s (parent %v, reservation %v)", show(p), hasParent, res != nil)
		}
		if err != nil || upd&1 == 0 {
			return
		}
		out := UpdateInput{ClearRack: true}.placement(p)
		if err := checkShape(out, hasParent, nil); err != nil || out.RackID != nil {
			t.Fatalf("taking %s out of its rack gave %s: %v", show(p), show(out), err)
		}
	})
}

// wellFormed is what a placement must be to be stored: nothing of a rack
// without one, and a position only for an unparented asset that takes
// units on a named face.
func wellFormed(p placement, hasParent bool, res *int) bool {
	if p.RackID == nil {
		return p.Position == nil && p.Face == nil && res == nil
	}
	return p.Position == nil || (!hasParent && p.UHeight != 0 && p.Face != nil)
}

func assertFieldsOnly(t *testing.T, err error, fields ...string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid || len(e.Fields) == 0 {
		t.Fatalf("want a validation error naming fields, got %v", err)
	}
	for _, fe := range e.Fields {
		if !slices.Contains(fields, fe.Field) || fe.Message == "" {
			t.Fatalf("unexpected field problem %+v", fe)
		}
	}
}

func show(p placement) string {
	s := func(v *int) any {
		if v == nil {
			return "-"
		}
		return *v
	}
	f := any("-")
	if p.Face != nil {
		f = *p.Face
	}
	return fmt.Sprintf("rack %v position %v face %v height %d full depth %v",
		s(p.RackID), s(p.Position), f, p.UHeight, p.FullDepth)
}
