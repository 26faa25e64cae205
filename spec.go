// Package binora embeds the HTTP contract, openapi.yaml, so the server can
// serve the very file its handlers were generated from.
package binora

import _ "embed"

// OpenAPISpec is the content of openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPISpec []byte
