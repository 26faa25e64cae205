package occupancy

import (
	"testing"
)

// The fuzz targets here hold the arithmetic of occupancy against a
// brute-force model: a grid of units by face, filled one unit at a time
// from the blocks, with none of the package's own helpers.

// fuzzMap builds a rack and its blocks from fuzzed bytes, four bytes a
// block (flags, position offset, height, id), and the block to test
// against them from the last four. Positions may fall a little outside the
// rack and heights may be 0, the edges that the rules meet.
func fuzzMap(start uint16, height uint8, raw []byte) (Map, Block) {
	m := Map{Rack: Rack{ID: 1, StartingUnit: 1 + int(start)%1000, Height: 1 + int(height)%100}}
	blockOf := func(i int, c []byte) Block {
		b := Block{Kind: KindAsset, ID: i + 1, Face: Front, FullDepth: c[0]&4 != 0,
			Position: m.Rack.StartingUnit - 3 + int(c[1])%(m.Rack.Height+6), Height: int(c[2]) % 12}
		if c[0]&1 != 0 {
			b.Kind = KindReservation
		}
		if c[0]&2 != 0 {
			b.Face = Rear
		}
		return b
	}
	n := min(len(raw)/4, 25)
	if n == 0 {
		return m, Block{}
	}
	for i := range n - 1 {
		m.Blocks = append(m.Blocks, blockOf(i, raw[4*i:4*i+4]))
	}
	last := raw[4*(n-1) : 4*n]
	probe := blockOf(n-1, last)
	// The probe may share an id with a block of its kind: an asset moving
	// within its rack, which must not clash with itself.
	probe.ID = int(last[3]) % 30
	return m, probe
}

// grid is the model: which blocks take each unit on each face.
type grid map[int]map[Face][]Block

func gridOf(m Map) grid {
	g := grid{}
	for _, b := range m.Blocks {
		for u := b.Position; u < b.Position+b.Height; u++ {
			if g[u] == nil {
				g[u] = map[Face][]Block{}
			}
			for _, f := range facesOf(b) {
				g[u][f] = append(g[u][f], b)
			}
		}
	}
	return g
}

func facesOf(b Block) []Face {
	if b.FullDepth {
		return []Face{Front, Rear}
	}
	return []Face{b.Face}
}

// freeIn is the model's answer to "is unit u free on f (both when fullDepth)".
func (g grid) freeIn(u int, f Face, fullDepth bool) bool {
	if fullDepth {
		return len(g[u][Front]) == 0 && len(g[u][Rear]) == 0
	}
	return len(g[u][f]) == 0
}

func FuzzCounts(f *testing.F) {
	f.Add(uint16(0), uint8(41), []byte{0, 2, 3, 0, 1, 5, 2, 0, 2, 5, 1, 0})
	f.Add(uint16(9), uint8(9), []byte{4, 0, 11, 0, 5, 3, 11, 0})
	f.Fuzz(func(t *testing.T, start uint16, height uint8, raw []byte) {
		m, _ := fuzzMap(start, height, raw)
		g := gridOf(m)
		want := Counts{Total: m.Rack.Height}
		for u := m.Rack.StartingUnit; u <= m.Rack.Top(); u++ {
			used, reserved := false, false
			for _, b := range append(g[u][Front], g[u][Rear]...) {
				used = used || b.Kind == KindAsset
				reserved = reserved || b.Kind == KindReservation
			}
			switch {
			case used:
				want.Used++
			case reserved:
				want.Reserved++
			default:
				want.Free++
			}
		}
		got := m.Counts()
		if got != want {
			t.Fatalf("Counts() = %+v, the unit-by-unit model says %+v", got, want)
		}
		if got.Used+got.Reserved+got.Free != got.Total || got.Total != m.Rack.Height {
			t.Fatalf("Counts() = %+v do not add up to the rack's %d units", got, m.Rack.Height)
		}
	})
}

func FuzzFreeRunsAndFits(f *testing.F) {
	f.Add(uint16(0), uint8(41), []byte{0, 2, 3, 0, 1, 5, 2, 0, 2, 5, 1, 0}, uint8(2), uint8(0))
	f.Add(uint16(0), uint8(9), []byte{4, 3, 2, 0, 2, 8, 1, 0}, uint8(1), uint8(3))
	f.Fuzz(func(t *testing.T, start uint16, height uint8, raw []byte, units, flags uint8) {
		m, _ := fuzzMap(start, height, raw)
		g := gridOf(m)
		face, fullDepth := Faces[flags&1], flags&2 != 0
		free := func(u int) bool {
			return u >= m.Rack.StartingUnit && u <= m.Rack.Top() && g.freeIn(u, face, fullDepth)
		}
		runs := m.FreeRuns(face, fullDepth)
		checkRuns(t, m.Rack, runs, free)
		n := 1 + int(units)%12
		space, ok := m.Fits(n, face, fullDepth)
		longest, fit := 0, 0
		for _, r := range runs {
			longest = max(longest, r.Length)
			if r.Length >= n && (fit == 0 || r.Length < fit) {
				fit = r.Length
			}
		}
		if ok != (longest >= n) || space.Fit != fit {
			t.Fatalf("Fits(%d) = %+v, %v; free runs %+v", n, space, ok, runs)
		}
		for _, p := range space.Positions {
			if free(p - 1) {
				t.Fatalf("Fits(%d) gave %d, which does not start a free run: %+v", n, p, runs)
			}
			for u := p; u < p+n; u++ {
				if !free(u) {
					t.Fatalf("Fits(%d) gave %d, but unit %d is not free", n, p, u)
				}
			}
		}
	})
}

// checkRuns holds runs to the model: each is free, maximal, in order, and
// together they cover every free unit of the rack.
func checkRuns(t *testing.T, r Rack, runs []Run, free func(int) bool) {
	t.Helper()
	covered, prevEnd := 0, r.StartingUnit-1
	for _, run := range runs {
		if run.Length <= 0 || run.Start <= prevEnd || free(run.Start-1) || free(run.Start+run.Length) {
			t.Fatalf("run %+v is not a maximal run in order: %+v", run, runs)
		}
		for u := run.Start; u < run.Start+run.Length; u++ {
			if !free(u) {
				t.Fatalf("run %+v holds unit %d, which is taken", run, u)
			}
		}
		covered += run.Length
		prevEnd = run.Start + run.Length - 1
	}
	want := 0
	for u := r.StartingUnit; u <= r.Top(); u++ {
		if free(u) {
			want++
		}
	}
	if covered != want {
		t.Fatalf("runs %+v cover %d free units, the rack has %d", runs, covered, want)
	}
}

func FuzzConflict(f *testing.F) {
	f.Add(uint16(0), uint8(41), []byte{0, 2, 3, 0, 1, 5, 2, 0, 2, 5, 1, 0}, uint8(0))
	f.Add(uint16(0), uint8(9), []byte{1, 3, 4, 0, 4, 8, 1, 0, 2, 4, 2, 1}, uint8(1))
	f.Add(uint16(0), uint8(9), []byte{0, 3, 4, 0, 2, 3, 2, 0}, uint8(1))
	f.Fuzz(func(t *testing.T, start uint16, height uint8, raw []byte, allowed uint8) {
		m, b := fuzzMap(start, height, raw)
		g := gridOf(m)
		// The model: the lowest unit of b that a block other than b and
		// the allowed reservation takes on one of b's faces, and whether
		// an asset does at that unit.
		wantUnit, wantAsset, found := 0, false, false
		for u := b.Position; u < b.Position+b.Height && !found; u++ {
			for _, f := range facesOf(b) {
				for _, o := range g[u][f] {
					if (o.Kind == b.Kind && o.ID == b.ID) || (o.Kind == KindReservation && o.ID == int(allowed)) {
						continue
					}
					wantUnit, found = u, true
					wantAsset = wantAsset || o.Kind == KindAsset
				}
			}
		}
		c, ok := m.Conflict(b, int(allowed))
		if ok != found {
			t.Fatalf("Conflict(%+v) = %+v, %v; the model says %v at %d", b, c, ok, found, wantUnit)
		}
		if !ok {
			return
		}
		h := c.Holder
		if c.Unit != wantUnit || (wantAsset && h.Kind != KindAsset) {
			t.Fatalf("Conflict(%+v) = %+v; the model says unit %d, asset %v", b, c, wantUnit, wantAsset)
		}
		if !b.Covers(c.Unit, c.Face) || !h.Covers(c.Unit, c.Face) || (h.Kind == b.Kind && h.ID == b.ID) {
			t.Fatalf("Conflict(%+v) = %+v names a unit and face they do not share", b, c)
		}
	})
}
