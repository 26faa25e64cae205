// Package architecture holds no code: its tests enforce the dependency
// direction of the code base (cmd → internal/httpserver → modules →
// tenancy, apperr, ent, api), which the compiler alone does not.
package architecture
