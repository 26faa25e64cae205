package assets

import (
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/predicate"
)

// search keeps the assets whose name, code or serial number contains q,
// ignoring case. SQLite compares every row of the tenant, which suits its
// small data. On PostgreSQL row-level security keeps ILIKE from using the
// trigram index on a protected table, so the ids come from
// binora_asset_search, which searches through the index as the owner and
// confines itself to the tenant the policies use (its migration says
// how); the query that reads them stays under the policies and the data
// layer's tenant filter.
func search(q string) predicate.Asset {
	fold := asset.Or(asset.NameContainsFold(q), asset.CodeContainsFold(q), asset.SerialNumberContainsFold(q))
	return func(s *sql.Selector) {
		if s.Dialect() != dialect.Postgres {
			fold(s)
			return
		}
		s.Where(sql.P(func(b *sql.Builder) {
			b.Ident(s.C(asset.FieldID)).WriteString(" = ANY(ARRAY(SELECT binora_asset_search(").
				Arg(containsPattern(q)).WriteString(")))")
		}))
	}
}

// likeEscaper escapes LIKE's wildcards and its escape character, the
// backslash, so that q matches only itself.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// containsPattern is the ILIKE pattern of a substring q.
func containsPattern(q string) string {
	return "%" + likeEscaper.Replace(q) + "%"
}
