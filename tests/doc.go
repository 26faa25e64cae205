// Package tests holds Binora's end-to-end tests: each one starts the real
// server on a loopback port and talks to it through the client generated
// from openapi.yaml, or through plain net/http where a request must be one
// the generated client cannot express (malformed JSON, unknown fields,
// missing tokens, wrong methods).
package tests
