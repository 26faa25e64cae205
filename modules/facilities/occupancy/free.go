package occupancy

import (
	"cmp"
	"slices"
)

// Run is a block of contiguous free units: Length units from Start up.
type Run struct {
	Start, Length int
}

// free reports whether unit u is taken by nothing on face f, or on both
// faces when fullDepth.
func (m Map) free(u int, f Face, fullDepth bool) bool {
	faces := []Face{f}
	if fullDepth {
		faces = Faces
	}
	for _, face := range faces {
		if a, r := m.At(u, face); a != nil || r != nil {
			return false
		}
	}
	return true
}

// FreeRuns lists the maximal runs of free units of the rack, lowest first,
// on face f (on both faces when fullDepth). Reserved units are not free.
func (m Map) FreeRuns(f Face, fullDepth bool) []Run {
	var runs []Run
	start := 0
	for u := m.Rack.StartingUnit; u <= m.Rack.Top()+1; u++ {
		isFree := u <= m.Rack.Top() && m.free(u, f, fullDepth)
		switch {
		case isFree && start == 0:
			start = u
		case !isFree && start != 0:
			runs = append(runs, Run{Start: start, Length: u - start})
			start = 0
		}
	}
	return runs
}

// Space is where a block of units fits in a rack: Fit is the length of the
// smallest free run that holds it, Positions the lowest unit of each run
// that does, best fit (shortest run) first, then lowest.
type Space struct {
	Fit       int
	Positions []int
}

// Fits finds the free runs of at least units units on face f (both faces
// when fullDepth); ok is false when there is none.
func (m Map) Fits(units int, f Face, fullDepth bool) (Space, bool) {
	var fitting []Run
	for _, r := range m.FreeRuns(f, fullDepth) {
		if r.Length >= units {
			fitting = append(fitting, r)
		}
	}
	if len(fitting) == 0 {
		return Space{}, false
	}
	slices.SortFunc(fitting, func(a, b Run) int {
		return cmp.Or(cmp.Compare(a.Length, b.Length), cmp.Compare(a.Start, b.Start))
	})
	s := Space{Fit: fitting[0].Length}
	for _, r := range fitting {
		s.Positions = append(s.Positions, r.Start)
	}
	return s, true
}
