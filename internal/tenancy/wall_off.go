//go:build binora_ent_wall_off

package tenancy

import "testing"

// EntWall is off in this build: PostgreSQL's row-level security and
// composite foreign keys are the only wall.
const EntWall = false

func init() {
	if !testing.Testing() {
		panic("tenancy: built with binora_ent_wall_off, which only tests may use")
	}
}
