package binora

import (
	"crypto/rand"
	"net/http"
	"regexp"
)

// IdempotencyKeyHeader is the request header that makes a create safe to
// retry: the server carries out a create once per key and answers a retry
// with the first answer (marked ReplayedHeader: true). Keys last 24 hours.
const IdempotencyKeyHeader = "Idempotency-Key"

// ReplayedHeader marks an answer the server repeated for a retried key.
const ReplayedHeader = "Idempotent-Replayed"

// createPath matches the paths whose POST creates a resource, the
// operations of openapi.yaml that declare the Idempotency-Key header
// (TestCreatePath_MatchesTheSpec holds the two together).
var createPath = regexp.MustCompile(`^/api/(assets|datacenters|rooms|rows|racks|users|teams|api-tokens|racks/[0-9]+/reservations)/?$`)

// NewIdempotencyKey returns a fresh random key (128 random bits in 26
// base32 characters), for a
// caller that keeps the key of a create to send it again later, e.g. after
// its own process restarted:
//
//	key := binora.NewIdempotencyKey()
//	a, etag, err := binora.Object[binoraapi.Asset](c.CreateAsset(ctx, req, binoraapi.CreateAssetParams{
//		IdempotencyKey: binoraapi.NewOptString(key),
//	}))
func NewIdempotencyKey() string {
	return rand.Text()
}

// withIdempotencyKey gives a create the caller sent without a key a fresh
// one. The request object is what the client sends again after a refresh
// (rewind clones its headers), so a retry of the same call carries the same
// key.
func withIdempotencyKey(req *http.Request) {
	if req.Method == http.MethodPost && IsCreatePath(req.URL.Path) && req.Header.Get(IdempotencyKeyHeader) == "" {
		req.Header.Set(IdempotencyKeyHeader, NewIdempotencyKey())
	}
}

// IsCreatePath reports whether a POST to path (e.g. "/api/assets") creates
// a resource, and so takes an Idempotency-Key.
func IsCreatePath(path string) bool { return createPath.MatchString(path) }
