// Package architecture holds no code: its tests enforce the dependency
// direction of the code base (cmd → internal/httpserver → modules →
// tenancy, apperr, ent, api) and confine raw SQL to internal/database,
// which the compiler alone does not.
package architecture
