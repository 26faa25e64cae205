// Package reqinfo carries facts about the HTTP request that the generated
// server does not hand to handlers (request id, client address, the URL as
// the client sent it) through the context.
package reqinfo

import (
	"context"
	"net/http"
	"net/url"
)

// Info describes the request being served.
type Info struct {
	RequestID string
	ClientIP  string
	// URL is absolute: scheme and host as the client addressed the server.
	URL *url.URL
	// OperationID is the operationId of openapi.yaml the request is routed
	// to, "" for a path outside the generated server.
	OperationID string
	// Header is the response's header map, for the few headers an error
	// answer carries (Retry-After) that the generated server cannot set.
	Header http.Header
}

type key struct{}

// With returns ctx carrying info.
func With(ctx context.Context, info Info) context.Context {
	return context.WithValue(ctx, key{}, info)
}

// From returns the request info of ctx; the zero Info outside a request.
func From(ctx context.Context) Info {
	info, _ := ctx.Value(key{}).(Info)
	return info
}
