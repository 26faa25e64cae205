package layout

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// Elevation is one face of a rack, unit by unit, top of the drawing first.
type Elevation struct {
	Rack  *ent.Rack
	Face  occupancy.Face
	Units []Unit
	// Counts are the rack's, both faces together.
	Counts occupancy.Counts
}

// Unit is what holds one unit on the face viewed: the asset and the live
// reservation, each nil when there is none.
type Unit struct {
	Number      int
	Asset       *occupancy.Block
	Reservation *occupancy.Block
}

// Elevation returns face of rack id (the front when face is ""). It costs
// three statements: the rack, its assets and its reservations.
func (s *Service) Elevation(ctx context.Context, id int, face occupancy.Face) (Elevation, error) {
	face, ok := faceOr(face, occupancy.Front)
	if !ok {
		return Elevation{}, errFace
	}
	r, m, err := s.rackMap(ctx, id)
	if err != nil {
		return Elevation{}, err
	}
	return Elevation{Rack: r, Face: face, Units: unitsOf(m, face), Counts: m.Counts()}, nil
}

// ElevationSVG draws rack id: face alone, or both faces side by side when
// face is "". It costs the same three statements as Elevation.
func (s *Service) ElevationSVG(ctx context.Context, id int, face occupancy.Face) ([]byte, error) {
	faces := occupancy.Faces
	if face != "" {
		if _, ok := faceOr(face, ""); !ok {
			return nil, errFace
		}
		faces = []occupancy.Face{face}
	}
	r, m, err := s.rackMap(ctx, id)
	if err != nil {
		return nil, err
	}
	return Draw(r.Name, m, faces), nil
}

// rackMap reads rack id and its blocks, in a stable order.
func (s *Service) rackMap(ctx context.Context, id int) (*ent.Rack, occupancy.Map, error) {
	r, err := s.client.Rack.Get(ctx, id)
	if err != nil {
		return nil, occupancy.Map{}, database.Classify(err, "Rack")
	}
	m, err := occupancy.LoadOne(ctx, s.source(), r, s.now())
	if err != nil {
		return nil, occupancy.Map{}, fmt.Errorf("rack %d: %w", id, err)
	}
	m.Blocks = sortedBlocks(m.Blocks)
	return r, m, nil
}

// unitsOf lists every unit of m in drawing order with what holds it on face f.
func unitsOf(m occupancy.Map, f occupancy.Face) []Unit {
	numbers := m.Rack.Units()
	out := make([]Unit, len(numbers))
	for i, u := range numbers {
		a, r := m.At(u, f)
		out[i] = Unit{Number: u, Asset: a, Reservation: r}
	}
	return out
}

// sortedBlocks orders blocks by kind, lowest unit, then id. The database
// returns them in no particular order; a stable one makes Map.At pick the
// same holder every time when blocks overlap (an asset placed on the
// reservation made for it) and the drawing the same bytes.
func sortedBlocks(blocks []occupancy.Block) []occupancy.Block {
	out := slices.Clone(blocks)
	slices.SortFunc(out, func(a, b occupancy.Block) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// msgFace is the problem with a face other than the rack's two.
const msgFace = "Give front or rear."

// errFace refuses a face parameter other than the rack's two.
var errFace = apperr.Invalid("face", msgFace)

// faceOr returns f, or def when f is "", and whether f is "" or one of the
// rack's faces: callers that do not come through the generated decoder are
// held to the same two faces.
func faceOr(f, def occupancy.Face) (occupancy.Face, bool) {
	switch f {
	case "":
		return def, true
	case occupancy.Front, occupancy.Rear:
		return f, true
	}
	return "", false
}
