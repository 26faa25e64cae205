package extending

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A reader copies what the guide shows, so what it shows must be the code
// as it is: every Go and YAML block names the file it quotes.
func TestGuide_GoAndYAMLBlocksNameTheirFile(t *testing.T) {
	t.Parallel()
	for _, b := range readGuide(t).blocks {
		if b.lang == "go" || b.lang == "yaml" {
			assert.NotEmpty(t, b.source, "docs/extending.md:%d: a %s block without a From line before it", b.line, b.lang)
		}
	}
}

func TestGuide_QuotedBlocksAreExcerptsOfTheirFile(t *testing.T) {
	t.Parallel()
	quoted := 0
	for _, b := range readGuide(t).blocks {
		if b.source == "" {
			continue
		}
		quoted++
		src, err := os.ReadFile(filepath.Join(root, b.source))
		if !assert.NoError(t, err, "docs/extending.md:%d", b.line) {
			continue
		}
		assert.NoError(t, checkExcerpts(string(src), b.body), "docs/extending.md:%d quotes %s", b.line, b.source)
	}
	assert.Positive(t, quoted)
}

// repoPath is what a code span holds when it names a file or directory of
// the repository. A path with a placeholder (modules/core/<xs>/) does not
// match: it names a file the reader creates.
var repoPath = regexp.MustCompile(
	`^(?:(?:\.ci|api|cmd|docs|ent|internal|modules|scripts|sdk|tests)/[A-Za-z0-9_./-]*|openapi\.yaml|redocly\.yaml|Makefile|go\.mod|README\.md)$`)

func TestGuide_NamedPathsExist(t *testing.T) {
	t.Parallel()
	g := readGuide(t)
	paths := g.links()
	for _, span := range g.codeSpans() {
		for _, field := range strings.Fields(span) {
			if repoPath.MatchString(field) {
				paths = append(paths, strings.TrimSuffix(field, "/"))
			}
		}
	}
	require.NotEmpty(t, paths)
	for _, p := range paths {
		_, err := os.Stat(filepath.Join(root, p))
		assert.NoError(t, err, "docs/extending.md names %s", p)
	}
}

func TestGuide_MakeTargetsExist(t *testing.T) {
	t.Parallel()
	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	require.NoError(t, err)
	targets := makeTargets(string(makefile))
	require.Contains(t, targets, "test", "the Makefile parser found no test target")

	named := makeCalls(readGuide(t).commandLines())

	require.NotEmpty(t, named)
	slices.Sort(named)
	for _, name := range slices.Compact(named) {
		assert.Contains(t, targets, name, "docs/extending.md runs make %s", name)
	}
}

func TestGuide_CommandPathsExist(t *testing.T) {
	t.Parallel()
	var paths []string
	for _, line := range readGuide(t).commandLines() {
		for _, field := range strings.Fields(line) {
			field = strings.TrimRight(field, ",;:)")
			if (strings.HasPrefix(field, ".ci/") || strings.HasPrefix(field, "./")) &&
				!strings.Contains(field, "...") && !strings.ContainsAny(field, "<>") {
				paths = append(paths, field)
			}
		}
	}
	require.NotEmpty(t, paths)
	for _, p := range paths {
		_, err := os.Stat(filepath.Join(root, p))
		assert.NoError(t, err, "docs/extending.md runs %s", p)
	}
}

var (
	makeRule = regexp.MustCompile(`^([A-Za-z0-9_.-]+(?:[ \t]+[A-Za-z0-9_.-]+)*)[ \t]*:(?:[^=]|$)`)
	makeCall = regexp.MustCompile(`(?:^\s*|[;&|(]\s*)make((?:[ \t]+[^\s]+)+)`)
	target   = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

// makeTargets returns the targets the rules of a Makefile define, sorted.
func makeTargets(makefile string) []string {
	var out []string
	for _, line := range strings.Split(makefile, "\n") {
		if m := makeRule.FindStringSubmatch(line); m != nil {
			out = append(out, strings.Fields(m[1])...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// makeCalls returns the targets that make is run with in lines, in order
// (make starting a line or following ;, &&, | or a parenthesis): the words after "make" up to the first that is not a target, skipping
// variable assignments (NAME=x).
func makeCalls(lines []string) []string {
	var out []string
	for _, line := range lines {
		for _, m := range makeCall.FindAllStringSubmatch(line, -1) {
			for _, word := range strings.Fields(m[1]) {
				if strings.Contains(word, "=") {
					continue
				}
				if !target.MatchString(word) {
					break
				}
				out = append(out, word)
			}
		}
	}
	return out
}

func TestMakeParsing(t *testing.T) {
	t.Parallel()
	makefile := "GO ?= go\n.PHONY: a b\n\n## a: x\na:\n\t$(GO) x\nb c: a\n\techo make d\nV := 1\n"
	lines := []string{"make lint test", "make migrate-new NAME=add_xs", "git diff && make generate   # all", "to make sure"}

	assert.Equal(t, []string{".PHONY", "a", "b", "c"}, makeTargets(makefile))
	assert.Equal(t, []string{"lint", "test", "migrate-new", "generate"}, makeCalls(lines))
}
