//go:build !binora_ent_wall_off

package tenancy

// EntWall reports whether the data layer confines reads, writes and links
// to the tenant. It is always true in Binora; only a test binary built with
// the tag binora_ent_wall_off turns it off, to show that PostgreSQL's own
// wall holds alone.
const EntWall = true
