package database

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
)

// Held is one kind of row that may still point at a row being deleted:
// its noun ("rack"; the plural adds an s) and how to count the rows of that
// kind that point at it.
type Held struct {
	Noun  string
	Count func(context.Context) (int, error)
}

// DeleteHolder runs del, the delete of one row of the entity called what
// that other rows point at through foreign keys that never cascade. The
// keys decide whether the row is empty: a count taken before the delete
// could miss a row that a concurrent request adds, the key cannot. Only
// when the database refuses does DeleteHolder count what the row holds, to
// answer inUse with a detail naming each kind held and how many ("The
// room still holds 2 rows and 3 racks; move or delete them first."). When
// nothing counted is left by then, inUse answers as it is.
func DeleteHolder(ctx context.Context, what string, inUse *apperr.Error, del func(context.Context) error, held ...Held) error {
	err := del(ctx)
	if !ent.IsConstraintError(err) {
		return Classify(err, what)
	}
	var parts []string
	for _, h := range held {
		n, cerr := h.Count(ctx)
		if cerr != nil {
			return fmt.Errorf("count the %ss a %s holds: %w", h.Noun, strings.ToLower(what), cerr)
		}
		if n > 0 {
			parts = append(parts, countOf(n, h.Noun))
		}
	}
	if len(parts) == 0 {
		return inUse.Wrap(err)
	}
	detail := fmt.Sprintf("The %s still holds %s; move or delete them first.", strings.ToLower(what), joinAnd(parts))
	return inUse.WithDetail(detail).Wrap(err)
}

// countOf is "1 rack" or "3 racks".
func countOf(n int, noun string) string {
	if n != 1 {
		noun += "s"
	}
	return strconv.Itoa(n) + " " + noun
}

// joinAnd is "a", "a and b" or "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
