package extending

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// guideBlocks returns the Go and YAML blocks of docs/extending.md, each cut
// into the excerpts that an elision line ("// ..." or "# ...") separates.
func guideBlocks(t *testing.T) []string {
	t.Helper()
	guide, err := os.ReadFile("../../docs/extending.md")
	require.NoError(t, err)
	var excerpts, current []string
	inBlock := false
	flush := func() {
		if len(current) > 0 {
			excerpts = append(excerpts, strings.Join(current, "\n"))
		}
		current = nil
	}
	for _, line := range strings.Split(string(guide), "\n") {
		switch {
		case !inBlock && (line == "```go" || line == "```yaml"):
			inBlock = true
		case inBlock && line == "```":
			inBlock = false
			flush()
		case inBlock && (strings.TrimSpace(line) == "// ..." || strings.TrimSpace(line) == "# ..."):
			flush()
		case inBlock:
			current = append(current, line)
		}
	}
	require.False(t, inBlock, "unterminated code block")
	return excerpts
}

// What a reader copies from the guide is what the other tests of this
// package check: every Go and YAML block is an excerpt of a fixture file.
func TestGuide_QuotesTheFixtures(t *testing.T) {
	t.Parallel()
	var fixtures []string
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && strings.HasPrefix(d.Name(), schemaCopyPrefix):
			return filepath.SkipDir // a copy that the schema tests make and remove
		case d.IsDir() || !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".yaml"):
			return nil
		}
		b, err := os.ReadFile(path)
		fixtures = append(fixtures, string(b))
		return err
	})
	require.NoError(t, err)

	excerpts := guideBlocks(t)

	require.NotEmpty(t, excerpts)
	for _, excerpt := range excerpts {
		found := false
		for _, f := range fixtures {
			found = found || strings.Contains(f, excerpt)
		}
		assert.True(t, found, "docs/extending.md quotes code that no fixture holds:\n%s", excerpt)
	}
}
