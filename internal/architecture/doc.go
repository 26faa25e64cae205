// Package architecture holds no code: its tests enforce the dependency
// direction of the code base (cmd → internal/httpserver → modules →
// tenancy, apperr, ent, api) and confine raw SQL to internal/database,
// which the compiler alone does not. depguard in .golangci.yml enforces the
// same import rules in `make lint`: keep the two alike.
package architecture
