// Package ent holds the generated data layer. Only ent/schema, entc.go and
// this file are written by hand; run `make generate` after changing them.
package ent

//go:generate go run -mod=mod entc.go
