package tests

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/testsupport"
)

// The browser check of the drawing. It runs where Chromium is: at
// $BINORA_CHROMIUM (.ci/elevation-page sets it, and then a missing browser
// fails the test) or at /usr/bin/chromium; elsewhere it is skipped. With
// BINORA_UPDATE_SCREENSHOT=1 it keeps its screenshot in
// tests/testdata/elevation.png.
const (
	chromiumEnv         = "BINORA_CHROMIUM"
	updateScreenshotEnv = "BINORA_UPDATE_SCREENSHOT"
)

// Names a user could type, each trying to become markup.
const (
	hostileRack        = `R<01>&"x"`
	hostileScript      = `<script>alert("asset")</script>`
	hostileImg         = `<img src=x onerror=alert(1)>`
	hostileQuotes      = `Tom & Jerry's "rack"`
	hostileReservation = `]]><script>alert('res')</script><!--`
)

func chromium(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv(chromiumEnv); bin != "" {
		_, err := os.Stat(bin)
		require.NoError(t, err, "%s names no browser", chromiumEnv)
		return bin
	}
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skipf("no Chromium: install Debian's chromium or set %s", chromiumEnv)
	}
	return "/usr/bin/chromium"
}

// runChromium runs the headless browser on the file at path with args and
// returns what it printed.
func runChromium(t *testing.T, bin, path string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}, args...)
	var out, errs bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, append(args, "file://"+path)...)
	cmd.Stdout, cmd.Stderr = &out, &errs
	require.NoError(t, cmd.Run(), "chromium: %s", errs.String())
	return out.Bytes()
}

func TestRackElevationSVG_RendersInChromium(t *testing.T) {
	bin := chromium(t)
	s := newSite(t, testsupport.NewEnv(t, testsupport.Targets()[0], app.Options{}))
	p := newFloorPlan(t, s.env, s.tn)
	r := p.rack(p.room(s.tn.Datacenter(t, "WEB1"), "H1"), hostileRack, rackSpec{Height: 24})
	p.asset(r, hostileScript, span{Position: 1, Height: 2, Face: "front", FullDepth: true})
	p.asset(r, hostileImg, span{Position: 4, Height: 1, Face: "front"})
	p.asset(r, hostileQuotes, span{Position: 10, Height: 4, Face: "rear"})
	p.asset(r, "web-01", span{Position: 15, Height: 1, Face: "front", FullDepth: true})
	p.reserve(r, span{Position: 20, Height: 3, Face: "front"}, hostileReservation, nil)
	svg := getSVG(t, s, r.ID, "").Body
	path := filepath.Join(t.TempDir(), "elevation.svg")
	require.NoError(t, os.WriteFile(path, svg, 0o600))

	dom := runChromium(t, bin, path, "--dump-dom")
	shot := filepath.Join(t.TempDir(), "elevation.png")
	w, h := svgSize(t, svg)
	runChromium(t, bin, path, "--screenshot="+shot, "--window-size="+strconv.Itoa(w)+","+strconv.Itoa(h))

	elements, texts := domOf(t, dom)
	for _, name := range []string{"script", "img", "foreignObject", "iframe", "a"} {
		assert.NotContains(t, elements, name, "no %s element got into the document", name)
	}
	assert.NotContains(t, string(dom), "<script")
	for _, want := range []string{"Rack " + hostileRack, "SRV-900001 " + hostileScript + " (units 1–2)",
		"SRV-900002 " + hostileImg + " (units 4–4)", "SRV-900003 " + hostileQuotes + " (units 10–13)",
		"Reserved: " + hostileReservation + " (units 20–22)"} {
		assert.Contains(t, texts, want, "the browser shows the name as text")
	}
	png := readPNG(t, shot)
	assert.Equal(t, image.Rect(0, 0, w, h), png.Bounds())
	assert.Greater(t, share(png, func(c rgb) bool { return c != rgb{255, 255, 255} }), 0.15, "the screenshot is not blank")
	assert.Greater(t, share(png, func(c rgb) bool { return c.near(rgb{0xdb, 0xea, 0xfe}) }), 0.02, "asset blocks are drawn")
	assert.Greater(t, share(png, func(c rgb) bool { return c.near(rgb{0xff, 0xf4, 0xd6}) }), 0.01, "the reservation is drawn")
	assert.Greater(t, share(png, func(c rgb) bool { return c.r > 200 && c.g > 140 && c.g < 190 && c.b < 90 }), 0.0005,
		"the reservation is hatched with amber lines")
	if os.Getenv(updateScreenshotEnv) == "1" {
		b, err := os.ReadFile(shot)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join("testdata", "elevation.png"), b, 0o644))
	}
}

// svgSize reads the width and height of a drawing.
func svgSize(t *testing.T, svg []byte) (w, h int) {
	t.Helper()
	var root struct {
		Width  int `xml:"width,attr"`
		Height int `xml:"height,attr"`
	}
	require.NoError(t, xml.Unmarshal(svg, &root))
	require.Positive(t, root.Width)
	require.Positive(t, root.Height)
	return root.Width, root.Height
}

// domOf parses the document Chromium built and returns the names of its
// elements and the text inside each.
func domOf(t *testing.T, dom []byte) (elements, texts []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(dom))
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return elements, texts
		}
		require.NoError(t, err, "the document is not well formed:\n%s", dom)
		switch tok := tok.(type) {
		case xml.StartElement:
			elements = append(elements, tok.Name.Local)
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			texts = append(texts, text.String())
			text.Reset()
		}
	}
}

type rgb struct{ r, g, b uint8 }

func (c rgb) near(o rgb) bool {
	d := func(a, b uint8) bool { return a-b < 6 || b-a < 6 }
	return d(c.r, o.r) && d(c.g, o.g) && d(c.b, o.b)
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	return img
}

// share is the fraction of img's pixels that keep accepts.
func share(img image.Image, keep func(rgb) bool) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if keep(rgb{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}) {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}
