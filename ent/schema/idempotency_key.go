package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Limits of an idempotency record. The key is the client's, bounded by
// the Idempotency-Key header of openapi.yaml; the rest the server writes.
const (
	// IdempotencyKeyMaxLen is the longest Idempotency-Key a client may send.
	IdempotencyKeyMaxLen = 255
	// idempotencyOperationLen holds any operationId of openapi.yaml.
	idempotencyOperationLen = 64
	// idempotencyFingerprintLen is a SHA-256 in hexadecimal.
	idempotencyFingerprintLen = 64
)

// IdempotencyKey remembers one create a client sent with an
// Idempotency-Key header: which operation it was, a fingerprint of what
// was asked, and, once the create succeeded, the answer to replay to a
// retry. The unique (company_id, key) index decides which of several
// servers runs a request; a row whose status_code is nil is still running.
// A row past expires_at counts as absent and is deleted by the next keyed
// create of its company.
type IdempotencyKey struct {
	ent.Schema
}

// Mixin of the IdempotencyKey.
func (IdempotencyKey) Mixin() []ent.Mixin {
	return []ent.Mixin{AuditMixin{}}
}

// Fields of the IdempotencyKey.
func (IdempotencyKey) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").MinRuneLen(1).MaxRuneLen(IdempotencyKeyMaxLen).Immutable(),
		field.String("operation").MinRuneLen(1).MaxRuneLen(idempotencyOperationLen).Immutable(),
		field.String("fingerprint").MinLen(idempotencyFingerprintLen).MaxLen(idempotencyFingerprintLen).Immutable(),
		// status_code and response_body are set once, when the create
		// succeeded; nil means the first request is still running.
		field.Int("status_code").Optional().Nillable(),
		// The answer may carry a secret shown once (an API token), so it is
		// stored sealed under a key derived from the server secret.
		field.Text("response_body").Optional().Sensitive(),
		// The answer's ETag, replayed with it: a version number, no secret.
		field.String("response_etag").Optional().MaxLen(128),
		// expires_at is a short lease while the request runs, then the
		// first request's time plus 24 hours.
		field.Time("expires_at"),
	}
}

// Indexes of the IdempotencyKey.
func (IdempotencyKey) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("company_id", "key").Unique(),
		index.Fields("company_id", "expires_at"),
	}
}
