// Package migrations embeds the versioned SQL migrations, one directory per
// dialect, generated from the Ent schema by `make generate` (see
// ent/migrate/diff) and applied with goose.
package migrations

import "embed"

// FS holds postgres/*.sql and sqlite/*.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
