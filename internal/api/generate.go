// Package api holds the HTTP server and client that ogen generates from
// openapi.yaml at the repository root.
//
// Everything except this file and .ogen.yml is generated: edit the
// specification and run `go generate ./internal/api/`, never the *_gen.go
// files. Keeping the generated code alone in its package lets a CI diff check
// prove it matches the specification.
package api

//go:generate go tool ogen -config .ogen.yml -target . -package api -clean ../../openapi.yaml
