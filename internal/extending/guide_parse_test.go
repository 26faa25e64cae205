package extending

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// root is the repository root, seen from this package.
const root = "../.."

// guidePath is the guide, relative to root.
const guidePath = "docs/extending.md"

// block is one fenced code block of the guide.
type block struct {
	lang   string   // the word after the opening fence: go, yaml, sh, ...
	source string   // the repository path the block quotes, from its From line; "" if none
	line   int      // the line of the opening fence, from 1
	body   []string // the lines between the fences
}

// guide is docs/extending.md cut into its code blocks and its prose (every
// line outside a block).
type guide struct {
	blocks []block
	prose  []string
}

// fromLine is the one convention for naming the file a block quotes: the
// last non-blank line before the opening fence reads
//
//	From [path/in/repo](../path/in/repo):
//
// with the link the same path seen from docs/.
var fromLine = regexp.MustCompile("^From \\[`?([^\\]`]+)`?\\]\\(([^)]+)\\):$")

// parseGuide cuts text into blocks and prose. It refuses an unterminated
// block and a From line whose text and link name different files.
func parseGuide(text string) (guide, error) {
	var g guide
	var cur *block
	lastProse := ""
	for i, line := range strings.Split(text, "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &block{lang: strings.TrimPrefix(line, "```"), line: i + 1}
			if m := fromLine.FindStringSubmatch(lastProse); m != nil {
				if m[2] != "../"+m[1] {
					return guide{}, fmt.Errorf("line %d: From line names %s but links %s", i, m[1], m[2])
				}
				cur.source = m[1]
			}
		case cur != nil && line == "```":
			g.blocks = append(g.blocks, *cur)
			cur, lastProse = nil, ""
		case cur != nil:
			cur.body = append(cur.body, line)
		default:
			g.prose = append(g.prose, line)
			if strings.TrimSpace(line) != "" {
				lastProse = line
			}
		}
	}
	if cur != nil {
		return guide{}, fmt.Errorf("line %d: code block never closed", cur.line)
	}
	return g, nil
}

// readGuide parses docs/extending.md.
func readGuide(t *testing.T) guide {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(root, guidePath))
	require.NoError(t, err)
	g, err := parseGuide(string(text))
	require.NoError(t, err)
	require.NotEmpty(t, g.blocks, "the guide has no code blocks")
	return g
}

var (
	codeSpan = regexp.MustCompile("`([^`]+)`")
	mdLink   = regexp.MustCompile(`\]\(([^)\s]+)\)`)
)

// codeSpans returns the inline code of the prose, in order.
func (g guide) codeSpans() []string {
	var out []string
	for _, line := range g.prose {
		for _, m := range codeSpan.FindAllStringSubmatch(line, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// commandLines returns what a reader may type: the inline code of the prose
// and every line of the blocks that are not quotes of a file.
func (g guide) commandLines() []string {
	out := g.codeSpans()
	for _, b := range g.blocks {
		if b.source == "" && (b.lang == "sh" || b.lang == "") {
			out = append(out, b.body...)
		}
	}
	return out
}

// links returns the targets of the prose's Markdown links (outside inline
// code) that point into the repository, resolved from docs/ to repository
// paths, anchors cut.
func (g guide) links() []string {
	var out []string
	for _, line := range g.prose {
		for _, m := range mdLink.FindAllStringSubmatch(codeSpan.ReplaceAllString(line, ""), -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") {
				continue
			}
			out = append(out, filepath.ToSlash(filepath.Clean(filepath.Join("docs", target))))
		}
	}
	return out
}

func TestParseGuide(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       string
		wantSource []string
		wantErr    string
	}{
		{
			name:       "a From line names the next block",
			give:       "From [ent/schema/x.go](../ent/schema/x.go):\n\n```go\nx\n```\n",
			wantSource: []string{"ent/schema/x.go"},
		},
		{
			name:       "prose in between breaks the link",
			give:       "From [ent/schema/x.go](../ent/schema/x.go):\n\nThen:\n```go\nx\n```\n",
			wantSource: []string{""},
		},
		{
			name:       "one From line, one block",
			give:       "From [a.go](../a.go):\n```go\na\n```\n```go\nb\n```\n",
			wantSource: []string{"a.go", ""},
		},
		{
			name:    "text and link disagree",
			give:    "From [ent/schema/x.go](../ent/schema/y.go):\n```go\nx\n```\n",
			wantErr: "names ent/schema/x.go but links ../ent/schema/y.go",
		},
		{name: "unterminated block", give: "```go\nx\n", wantErr: "never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			g, err := parseGuide(tt.give)

			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			var sources []string
			for _, b := range g.blocks {
				sources = append(sources, b.source)
			}
			assert.Equal(t, tt.wantSource, sources)
		})
	}
}
