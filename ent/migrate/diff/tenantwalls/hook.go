package tenantwalls

import (
	"strings"

	atlas "ariga.io/atlas/sql/schema"
	"entgo.io/ent/dialect/sql/schema"
)

// KeepWalls is a schema.DiffHook for Ent's diff. Ent's schema does not
// declare the walls' constraints, so Atlas takes them for strays and plans
// to drop them: it keeps every change but those drops. (Ent already skips
// dropping indexes, which covers the unique keys; they are kept here too
// should that default change.) Policies, row-level security and functions
// are invisible to Atlas's diff and need nothing.
func KeepWalls(next schema.Differ) schema.Differ {
	return schema.DiffFunc(func(current, desired *atlas.Schema) ([]atlas.Change, error) {
		changes, err := next.Diff(current, desired)
		if err != nil {
			return nil, err
		}
		return withoutWallDrops(changes), nil
	})
}

func withoutWallDrops(changes []atlas.Change) []atlas.Change {
	var keep []atlas.Change
	for _, c := range changes {
		switch c := c.(type) {
		case *atlas.ModifyTable:
			c.Changes = withoutWallDrops(c.Changes)
			if len(c.Changes) == 0 {
				continue
			}
		case *atlas.DropForeignKey:
			if strings.HasSuffix(c.F.Symbol, FKSuffix) {
				continue
			}
		case *atlas.DropIndex:
			if strings.HasSuffix(c.I.Name, KeySuffix) {
				continue
			}
		}
		keep = append(keep, c)
	}
	return keep
}
