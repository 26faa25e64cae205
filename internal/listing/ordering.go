package listing

import (
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/internal/apperr"
)

// OrderBy turns an `ordering` parameter ("name" or "-name") into one of the
// generated order options in fields, falling back to def when it is empty.
// The caller appends a unique tie-breaker (the id) so pages are stable.
func OrderBy[O ~func(*sql.Selector)](fields map[string]func(...sql.OrderTermOption) O, ordering, def string) (O, error) {
	if ordering == "" {
		ordering = def
	}
	name, desc := strings.CutPrefix(ordering, "-")
	by, ok := fields[name]
	if !ok {
		return nil, apperr.Invalid("ordering", "Unknown ordering field.")
	}
	if desc {
		return by(sql.OrderDesc()), nil
	}
	return by(), nil
}
