// Package binoraapi is the Binora HTTP client that ogen generates from
// openapi.yaml at the repository root: one method per operation, with typed
// request and response structures.
//
// Everything except this file and .ogen.yml is generated: edit the
// specification and run `go generate ./...` in sdk/go, never the *_gen.go
// files. Most programs should use package
// github.com/binora/binora/sdk/go/binora, which wraps this client with login,
// tenant selection and automatic token refresh.
//
// Every answer outside 2xx is returned as an error of type *ErrorStatusCode,
// whose Response field holds the problem+json document.
package binoraapi

//go:generate go tool ogen -config .ogen.yml -target . -package binoraapi -clean ../../../openapi.yaml
