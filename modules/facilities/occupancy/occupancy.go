// Package occupancy is how the units of a rack are taken: the blocks that
// assets and reservations occupy, on which face, and what that leaves free.
// The arithmetic is pure (this file and free.go); load.go reads the blocks
// of many racks in a fixed number of statements.
//
// A rack's units are numbered from StartingUnit up to Top. A block takes
// Height units from Position up, on its Face, or on both faces when it is
// FullDepth.
package occupancy

// Face is a side of a rack.
type Face string

// The faces of a rack.
const (
	Front Face = "front"
	Rear  Face = "rear"
)

// Faces are both faces, front first.
var Faces = []Face{Front, Rear}

// Rack is the geometry of a rack.
type Rack struct {
	ID           int
	StartingUnit int
	Height       int
	// Descending racks number their units from the top down, so the
	// drawing starts at the lowest number.
	Descending bool
}

// Top is the highest unit number of the rack.
func (r Rack) Top() int { return r.StartingUnit + r.Height - 1 }

// Contains reports whether units from .. to are all in the rack.
func (r Rack) Contains(from, to int) bool { return from >= r.StartingUnit && to <= r.Top() }

// Units lists the unit numbers in drawing order, top of the drawing first:
// the highest unit first, or the lowest when the rack is descending.
func (r Rack) Units() []int {
	out := make([]int, 0, r.Height)
	for i := range r.Height {
		if r.Descending {
			out = append(out, r.StartingUnit+i)
		} else {
			out = append(out, r.Top()-i)
		}
	}
	return out
}

// Kind says what holds a block.
type Kind int

// The kinds of block.
const (
	KindAsset Kind = iota + 1
	KindReservation
)

// Block is a run of units an asset or a reservation takes.
type Block struct {
	Kind      Kind
	ID        int
	Position  int
	Height    int
	Face      Face
	FullDepth bool
	// Code and Name label an asset; Name is a reservation's description.
	Code string
	Name string
}

// Last is the highest unit the block takes.
func (b Block) Last() int { return b.Position + b.Height - 1 }

// OnFace reports whether the block takes its units on face f.
func (b Block) OnFace(f Face) bool { return b.FullDepth || b.Face == f }

// Covers reports whether the block takes unit u on face f.
func (b Block) Covers(u int, f Face) bool {
	return b.Height > 0 && u >= b.Position && u <= b.Last() && b.OnFace(f)
}

// clashes reports the lowest unit that b and o both take on a common face.
func (b Block) clashes(o Block) (int, bool) {
	if b.Height == 0 || o.Height == 0 {
		return 0, false
	}
	if !b.FullDepth && !o.FullDepth && b.Face != o.Face {
		return 0, false
	}
	lo, hi := max(b.Position, o.Position), min(b.Last(), o.Last())
	return lo, lo <= hi
}

// Map is the occupancy of one rack.
type Map struct {
	Rack   Rack
	Blocks []Block
}

// At returns the asset and the reservation that take unit u on face f,
// each nil when there is none.
func (m Map) At(u int, f Face) (asset, reservation *Block) {
	for i := range m.Blocks {
		b := &m.Blocks[i]
		if !b.Covers(u, f) {
			continue
		}
		switch {
		case b.Kind == KindAsset && asset == nil:
			asset = b
		case b.Kind == KindReservation && reservation == nil:
			reservation = b
		}
	}
	return asset, reservation
}

// Clash is a unit that a new block would share with one already there,
// and on which face (the holder's, unless it takes both).
type Clash struct {
	Unit   int
	Face   Face
	Holder Block
}

// Conflict returns the lowest clash between b and the blocks of m, other
// than b itself (an asset that moves within its rack) and the reservation
// allowed (the one a placement names; 0 for none). Assets are reported
// before reservations at the same unit.
func (m Map) Conflict(b Block, allowed int) (Clash, bool) {
	var best Clash
	found := false
	for _, o := range m.Blocks {
		if o.Kind == b.Kind && o.ID == b.ID {
			continue
		}
		if o.Kind == KindReservation && o.ID == allowed {
			continue
		}
		u, ok := o.clashes(b)
		if !ok {
			continue
		}
		if !found || u < best.Unit || (u == best.Unit && o.Kind == KindAsset && best.Holder.Kind != KindAsset) {
			face := o.Face
			if o.FullDepth {
				face = b.Face
			}
			best, found = Clash{Unit: u, Face: face, Holder: o}, true
		}
	}
	return best, found
}

// Counts is how a rack's units are taken. A unit is used when an asset
// takes it on either face, reserved when only a reservation covers it, and
// free otherwise.
type Counts struct {
	Total, Used, Reserved, Free int
}

// Add sums two counts.
func (c Counts) Add(o Counts) Counts {
	return Counts{Total: c.Total + o.Total, Used: c.Used + o.Used, Reserved: c.Reserved + o.Reserved, Free: c.Free + o.Free}
}

// Utilization is the used share of the units in percent, to one decimal;
// 0 when there are no units.
func (c Counts) Utilization() float64 {
	if c.Total == 0 {
		return 0
	}
	tenths := (c.Used*1000 + c.Total/2) / c.Total
	return float64(tenths) / 10
}

// Counts counts the units of the rack.
func (m Map) Counts() Counts {
	c := Counts{Total: m.Rack.Height}
	for u := m.Rack.StartingUnit; u <= m.Rack.Top(); u++ {
		used, reserved := false, false
		for _, f := range Faces {
			a, r := m.At(u, f)
			used = used || a != nil
			reserved = reserved || r != nil
		}
		switch {
		case used:
			c.Used++
		case reserved:
			c.Reserved++
		default:
			c.Free++
		}
	}
	return c
}
