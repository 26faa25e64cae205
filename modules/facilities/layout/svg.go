package layout

import (
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/binora/binora/modules/facilities/occupancy"
)

// The geometry of a drawing, in pixels. Every coordinate is a whole
// number, so the bytes never depend on float formatting.
const (
	svgPad     = 12  // margin around everything
	svgTitleH  = 28  // the rack's name
	svgHeadH   = 20  // the face's name above each face
	svgNumW    = 30  // the unit numbers left of each face
	svgSlotW   = 210 // one face
	svgGap     = 28  // between two faces
	svgUnitH   = 18  // one unit
	svgCharW   = 6   // the width of an average character at svgFont
	svgFont    = 11  // font size of labels
	svgLabelIn = 6   // label inset from a block's left edge
)

// faceNames are the headings of the faces.
var faceNames = map[occupancy.Face]string{occupancy.Front: "Front", occupancy.Rear: "Rear"}

// Draw draws the rack name with the blocks of m on each of faces, side by
// side in the order given: unit numbers, free units as empty slots,
// reservations hatched and labelled with their purpose, assets as blocks
// labelled with code and name. The same input always gives the same bytes;
// every text from a user is escaped.
func Draw(name string, m occupancy.Map, faces []occupancy.Face) []byte {
	blocks := sortedBlocks(m.Blocks)
	width := 2*svgPad + len(faces)*(svgNumW+svgSlotW) + max(len(faces)-1, 0)*svgGap
	height := 2*svgPad + svgTitleH + svgHeadH + m.Rack.Height*svgUnitH
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" font-family="sans-serif" font-size="%d">`+"\n",
		width, height, width, height, svgFont)
	fmt.Fprintf(&b, "<title>Elevation of rack %s</title>\n", esc(name))
	b.WriteString(`<defs><pattern id="binora-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
		`<rect width="6" height="6" fill="#fff4d6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#e0a526" stroke-width="2"/></pattern></defs>` + "\n")
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text class="title" x="%d" y="%d" font-size="16" font-weight="bold">Rack %s</text>`+"\n",
		svgPad, svgPad+18, esc(name))
	for i, f := range faces {
		x := svgPad + i*(svgNumW+svgSlotW+svgGap)
		drawFace(&b, m, blocks, f, x, svgPad+svgTitleH)
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// drawFace draws face f of the rack with its left edge at x and its
// heading at y: first every unit, then the reservations, then the assets
// on top (an asset may stand on the reservation made for it).
func drawFace(b *strings.Builder, m occupancy.Map, blocks []occupancy.Block, f occupancy.Face, x, y int) {
	slotX, top := x+svgNumW, y+svgHeadH
	fmt.Fprintf(b, `<g class="face" data-face="%s">`+"\n", f)
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold">%s</text>`+"\n",
		slotX+svgSlotW/2, y+14, faceNames[f])
	for i, u := range m.Rack.Units() {
		uy := top + i*svgUnitH
		class, fill := "unit", "#f3f4f6"
		if a, r := m.At(u, f); a == nil && r == nil {
			class, fill = "unit free", "#ffffff"
		}
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end" dominant-baseline="central" fill="#555555">%d</text>`,
			slotX-5, uy+svgUnitH/2, u)
		fmt.Fprintf(b, `<rect class="%s" data-unit="%d" x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#c8ccd2"/>`+"\n",
			class, u, slotX, uy, svgSlotW, svgUnitH, fill)
	}
	for _, kind := range []occupancy.Kind{occupancy.KindReservation, occupancy.KindAsset} {
		for _, bl := range blocks {
			if bl.Kind == kind && bl.Height > 0 && bl.OnFace(f) {
				drawBlock(b, m.Rack, bl, slotX, top)
			}
		}
	}
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#374151" stroke-width="2"/>`+"\n",
		slotX, top, svgSlotW, m.Rack.Height*svgUnitH)
	b.WriteString("</g>\n")
}

// drawBlock draws bl over the units it takes, within the rack, in the
// slots whose top edge is at top.
func drawBlock(b *strings.Builder, r occupancy.Rack, bl occupancy.Block, x, top int) {
	lo, hi := max(bl.Position, r.StartingUnit), min(bl.Last(), r.Top())
	if lo > hi {
		return
	}
	first, last := row(r, lo), row(r, hi)
	y, h := top+min(first, last)*svgUnitH, (hi-lo+1)*svgUnitH
	class, fill, stroke, label := "asset", "#dbeafe", "#1d4ed8", bl.Code+" "+bl.Name
	if bl.Kind == occupancy.KindReservation {
		class, fill, stroke, label = "reservation", "url(#binora-hatch)", "#b7791f", "Reserved: "+bl.Name
	}
	fmt.Fprintf(b, `<g class="%s" data-id="%d" data-units="%d-%d">`, class, bl.ID, lo, hi)
	fmt.Fprintf(b, `<title>%s (units %d–%d)</title>`, esc(label), lo, hi)
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" rx="2" fill="%s" stroke="%s"/>`,
		x+1, y+1, svgSlotW-2, h-2, fill, stroke)
	// The label sits in a nested viewport, which clips what the cut
	// below leaves too wide (a name of wide letters).
	fmt.Fprintf(b, `<svg x="%d" y="%d" width="%d" height="%d"><text x="%d" y="%d" dominant-baseline="central" fill="#111827">%s</text></svg></g>`+"\n",
		x+1, y+1, svgSlotW-2, h-2, svgLabelIn-1, h/2-1, esc(fit(label, (svgSlotW-2*svgLabelIn)/svgCharW)))
}

// row is the index of unit u from the top of the drawing.
func row(r occupancy.Rack, u int) int {
	if r.Descending {
		return u - r.StartingUnit
	}
	return r.Top() - u
}

// fit cuts s to at most n characters, marking a cut with an ellipsis; the
// full text stays in the block's title.
func fit(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// esc escapes s for XML text and attribute values alike (quotes included);
// characters XML cannot carry become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
