package database

// MigrateTo lets tests stop at an older schema version.
var MigrateTo = migrateTo

// TenantSets returns how many set_config statements db's connections have
// sent to follow the tenant of their contexts.
func TenantSets(db *DB) int64 { return db.tenants.sets.Load() }
