package database

// MigrateTo lets tests stop at an older schema version.
var MigrateTo = migrateTo
