package layout

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/modules/facilities/occupancy"
)

// node is an element of a parsed drawing.
type node struct {
	Name     string
	Attr     map[string]string
	Text     string // the character data directly inside
	Children []*node
}

// parseSVG parses b as XML, failing the test when it is not well formed.
func parseSVG(t *testing.T, b []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the drawing is not well-formed XML:\n%s", b)
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.Text += string(tok)
		}
	}
	require.Len(t, root.Children, 1)
	return root.Children[0]
}

// all lists the elements under n (n included) that keep says to.
func (n *node) all(keep func(*node) bool) []*node {
	var out []*node
	if keep(n) {
		out = append(out, n)
	}
	for _, c := range n.Children {
		out = append(out, c.all(keep)...)
	}
	return out
}

func named(name string) func(*node) bool { return func(n *node) bool { return n.Name == name } }

func classed(class string) func(*node) bool {
	return func(n *node) bool { return slices.Contains(strings.Fields(n.Attr["class"]), class) }
}

func faceNode(t *testing.T, svg *node, f occupancy.Face) *node {
	t.Helper()
	faces := svg.all(func(n *node) bool { return n.Attr["class"] == "face" && n.Attr["data-face"] == string(f) })
	require.Len(t, faces, 1, "face %s", f)
	return faces[0]
}

// attrInt is n's attribute name as a number, 0 when absent.
func attrInt(t *testing.T, n *node, name string) int {
	t.Helper()
	if v, ok := n.Attr[name]; ok {
		return atoi(t, v)
	}
	return 0
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}

// sampleMap is a 6U rack: a 2U full-depth server at 1, a front-only 1U
// switch at 4, a rear-only reservation at 5 and unit 6 free.
func sampleMap(descending bool) occupancy.Map {
	return occupancy.Map{
		Rack: occupancy.Rack{ID: 1, StartingUnit: 1, Height: 6, Descending: descending},
		Blocks: []occupancy.Block{
			{Kind: occupancy.KindReservation, ID: 7, Position: 5, Height: 1, Face: occupancy.Rear, Name: "Atlas shelf"},
			{Kind: occupancy.KindAsset, ID: 3, Position: 4, Height: 1, Face: occupancy.Front, Code: "SW-00001", Name: "tor-1"},
			{Kind: occupancy.KindAsset, ID: 2, Position: 1, Height: 2, Face: occupancy.Front, FullDepth: true, Code: "SRV-00001", Name: "web-01"},
		},
	}
}

func TestDraw_TheSameRackGivesTheSameBytes_WhateverTheOrderOfItsBlocks(t *testing.T) {
	m := sampleMap(false)
	first := Draw("R01", m, occupancy.Faces)

	slices.Reverse(m.Blocks)
	second := Draw("R01", m, occupancy.Faces)

	assert.Equal(t, string(first), string(second))
}

func TestDraw_EveryUserTextIsEscaped(t *testing.T) {
	hostile := `<script>alert("x")</script> & 'q'`
	m := occupancy.Map{
		Rack: occupancy.Rack{ID: 1, StartingUnit: 1, Height: 4},
		Blocks: []occupancy.Block{
			{Kind: occupancy.KindAsset, ID: 1, Position: 1, Height: 2, FullDepth: true, Code: "SRV-00001", Name: hostile},
			{Kind: occupancy.KindReservation, ID: 2, Position: 3, Height: 1, Face: occupancy.Front, Name: hostile},
		},
	}

	out := Draw(hostile, m, occupancy.Faces)

	assert.NotContains(t, string(out), "<script")
	assert.NotContains(t, string(out), `"x"`)
	svg := parseSVG(t, out)
	assert.Empty(t, svg.all(named("script")))
	assert.Empty(t, svg.all(func(n *node) bool { return n.Attr["onload"] != "" || n.Attr["onclick"] != "" }))
	texts := map[string]bool{}
	for _, n := range svg.all(func(*node) bool { return true }) {
		texts[n.Text] = true
	}
	assert.True(t, texts["Rack "+hostile], "the title shows the name as text")
	assert.True(t, texts["Elevation of rack "+hostile])
	assert.True(t, texts["SRV-00001 "+hostile+" (units 1–2)"], "the asset's tooltip has the whole name")
	assert.True(t, texts["Reserved: "+hostile+" (units 3–3)"])
}

func TestDraw_InvalidXMLCharactersAreReplaced(t *testing.T) {
	m := occupancy.Map{Rack: occupancy.Rack{ID: 1, StartingUnit: 1, Height: 1}}

	out := Draw("R\x01\uFFFE", m, occupancy.Faces)

	parseSVG(t, out)
	assert.Contains(t, string(out), "Rack R\uFFFD\uFFFD")
}

func TestDraw_WithoutAFaceDrawsBothSideBySide(t *testing.T) {
	m := sampleMap(false)

	both := parseSVG(t, Draw("R01", m, occupancy.Faces))
	front := parseSVG(t, Draw("R01", m, []occupancy.Face{occupancy.Front}))

	assert.Greater(t, atoi(t, both.Attr["width"]), atoi(t, front.Attr["width"]))
	assert.Len(t, front.all(classed("face")), 1)
	fx := atoi(t, faceNode(t, both, occupancy.Front).all(classed("unit"))[0].Attr["x"])
	rx := atoi(t, faceNode(t, both, occupancy.Rear).all(classed("unit"))[0].Attr["x"])
	assert.Greater(t, rx, fx, "the rear is drawn right of the front")

	ids := func(f occupancy.Face, class string) []string {
		var out []string
		for _, n := range faceNode(t, both, f).all(classed(class)) {
			out = append(out, n.Attr["data-id"])
		}
		return out
	}
	assert.Equal(t, []string{"2", "3"}, ids(occupancy.Front, "asset"), "front: the full-depth server and the switch")
	assert.Equal(t, []string{"2"}, ids(occupancy.Rear, "asset"), "rear: the full-depth server only")
	assert.Empty(t, ids(occupancy.Front, "reservation"))
	assert.Equal(t, []string{"7"}, ids(occupancy.Rear, "reservation"))
}

func TestDraw_SizesTheImageForAWebPage(t *testing.T) {
	svg := parseSVG(t, Draw("R01", sampleMap(false), occupancy.Faces))

	w, h := atoi(t, svg.Attr["width"]), atoi(t, svg.Attr["height"])
	assert.Equal(t, "0 0 "+svg.Attr["width"]+" "+svg.Attr["height"], svg.Attr["viewBox"])
	assert.Equal(t, "http://www.w3.org/2000/svg", svg.Attr["xmlns"])
	for _, r := range svg.all(named("rect")) {
		if r.Attr["width"] == "6" { // the hatch pattern's tile
			continue
		}
		assert.LessOrEqual(t, attrInt(t, r, "x")+attrInt(t, r, "width"), w)
		assert.LessOrEqual(t, attrInt(t, r, "y")+attrInt(t, r, "height"), h)
	}
}

func TestDraw_NumbersEveryUnitAndShowsTheFreeOnes(t *testing.T) {
	front := faceNode(t, parseSVG(t, Draw("R01", sampleMap(false), occupancy.Faces)), occupancy.Front)

	var numbers []string
	for _, n := range front.all(named("text")) {
		if n.Attr["text-anchor"] == "end" {
			numbers = append(numbers, n.Text)
		}
	}
	assert.Equal(t, []string{"6", "5", "4", "3", "2", "1"}, numbers)
	var free []string
	for _, n := range front.all(classed("free")) {
		free = append(free, n.Attr["data-unit"])
	}
	assert.Equal(t, []string{"6", "5", "3"}, free, "the rear reservation leaves unit 5 free at the front")
}

// unitY maps each unit of face f to the top of its slot.
func unitY(t *testing.T, face *node) map[int]int {
	t.Helper()
	out := map[int]int{}
	for _, n := range face.all(classed("unit")) {
		out[atoi(t, n.Attr["data-unit"])] = atoi(t, n.Attr["y"])
	}
	return out
}

func TestDraw_DescendingRacksStartAtTheLowestUnit(t *testing.T) {
	tests := []struct {
		name       string
		descending bool
		topUnit    int
	}{
		{"ascending: the highest unit on top", false, 6},
		{"descending: the lowest unit on top", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front := faceNode(t, parseSVG(t, Draw("R01", sampleMap(tt.descending), occupancy.Faces)), occupancy.Front)
			ys := unitY(t, front)

			top := slices.Min(mapValues(ys))
			assert.Equal(t, top, ys[tt.topUnit])
			server := front.all(func(n *node) bool { return n.Attr["class"] == "asset" && n.Attr["data-id"] == "2" })
			require.Len(t, server, 1)
			rect := server[0].all(named("rect"))[0]
			// The block covers the slots of units 1 and 2, wherever they are.
			assert.Equal(t, min(ys[1], ys[2])+1, atoi(t, rect.Attr["y"]))
			assert.Equal(t, 2*svgUnitH-2, atoi(t, rect.Attr["height"]))
		})
	}
}

func mapValues(m map[int]int) []int {
	var out []int
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func TestDraw_LongLabelsAreCutButTheTooltipKeepsThemWhole(t *testing.T) {
	long := strings.Repeat("x", 100)
	m := occupancy.Map{Rack: occupancy.Rack{ID: 1, StartingUnit: 1, Height: 1},
		Blocks: []occupancy.Block{{Kind: occupancy.KindAsset, ID: 1, Position: 1, Height: 1, FullDepth: true, Code: "SRV-1", Name: long}}}

	asset := parseSVG(t, Draw("R", m, []occupancy.Face{occupancy.Front})).all(classed("asset"))[0]

	label := asset.all(named("text"))[0].Text
	assert.True(t, strings.HasSuffix(label, "…"))
	assert.LessOrEqual(t, len([]rune(label))*svgCharW, svgSlotW-2*svgLabelIn)
	assert.Contains(t, asset.all(named("title"))[0].Text, long)
}

func TestDraw_BlocksOutsideTheRackAreClipped(t *testing.T) {
	m := occupancy.Map{Rack: occupancy.Rack{ID: 1, StartingUnit: 10, Height: 4},
		Blocks: []occupancy.Block{
			{Kind: occupancy.KindAsset, ID: 1, Position: 12, Height: 5, FullDepth: true, Code: "A", Name: "a"},
			{Kind: occupancy.KindAsset, ID: 2, Position: 1, Height: 2, FullDepth: true, Code: "B", Name: "b"},
		}}

	svg := parseSVG(t, Draw("R", m, []occupancy.Face{occupancy.Front}))

	assets := svg.all(classed("asset"))
	require.Len(t, assets, 1, "a block wholly outside the rack is not drawn")
	assert.Equal(t, "12-13", assets[0].Attr["data-units"])
}
