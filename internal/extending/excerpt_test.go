package extending

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// isElision tells whether a line of a quoted block stands for lines left
// out: "// ..." in Go, "# ..." in YAML and shell, "-- ..." in SQL.
func isElision(line string) bool {
	switch strings.TrimSpace(line) {
	case "// ...", "# ...", "-- ...":
		return true
	}
	return false
}

// excerpts cuts the lines of a block at its elision lines; empty pieces
// (an elision at the start or the end) are dropped.
func excerpts(body []string) [][]string {
	var out [][]string
	var cur []string
	for _, line := range append(slices.Clone(body), "// ...") {
		if !isElision(line) {
			cur = append(cur, line)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	return out
}

// checkExcerpts reports the first piece of body that src does not hold:
// each piece must be whole consecutive lines of src, byte for byte, and
// the pieces must come in the order of src.
func checkExcerpts(src string, body []string) error {
	pieces := excerpts(body)
	if len(pieces) == 0 {
		return fmt.Errorf("the block quotes nothing")
	}
	lines := strings.Split(src, "\n")
	from := 0
	for i, piece := range pieces {
		at := indexLines(lines[from:], piece)
		if at < 0 {
			return fmt.Errorf("piece %d of %d is not in the file (or not after the piece before it):\n%s",
				i+1, len(pieces), strings.Join(piece, "\n"))
		}
		from += at + len(piece)
	}
	return nil
}

// indexLines returns where piece starts in lines, or -1.
func indexLines(lines, piece []string) int {
	for start := 0; start+len(piece) <= len(lines); start++ {
		match := true
		for j, want := range piece {
			if lines[start+j] != want {
				match = false
				break
			}
		}
		if match {
			return start
		}
	}
	return -1
}

// The checker must be able to say no, or the guide test proves nothing.
func TestCheckExcerpts(t *testing.T) {
	t.Parallel()
	src := "package x\n\n// F is f.\nfunc F() int {\n\treturn 1\n}\n\n// G is g.\nfunc G() {}\n"
	tests := []struct {
		name    string
		give    []string
		wantErr string
	}{
		{name: "whole lines", give: []string{"func F() int {", "\treturn 1", "}"}},
		{name: "pieces in order", give: []string{"// F is f.", "// ...", "// G is g."}},
		{name: "leading and trailing elision", give: []string{"# ...", "func G() {}", "# ..."}},
		{name: "a changed word", give: []string{"func F() int {", "\treturn 2", "}"}, wantErr: "piece 1 of 1"},
		{name: "spaces for a tab", give: []string{"func F() int {", "    return 1", "}"}, wantErr: "piece 1 of 1"},
		{name: "a trailing space", give: []string{"func G() {} "}, wantErr: "piece 1 of 1"},
		{name: "part of a line", give: []string{"func F()"}, wantErr: "piece 1 of 1"},
		{name: "a line left out without elision", give: []string{"func F() int {", "}"}, wantErr: "piece 1 of 1"},
		{name: "pieces out of order", give: []string{"// G is g.", "// ...", "// F is f."}, wantErr: "piece 2 of 2"},
		{name: "nothing quoted", give: []string{"// ..."}, wantErr: "quotes nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			err := checkExcerpts(src, tt.give)

			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tt.wantErr)
		})
	}
}
