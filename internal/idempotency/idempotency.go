// Package idempotency remembers the creates that clients send with an
// Idempotency-Key, so that a retried create answers what the first one
// answered instead of creating a second resource. Records are tenant rows
// (ent IdempotencyKey, with the AuditMixin), shared by every server on the
// database: the unique (company_id, key) index decides which request runs.
//
// The HTTP edge (internal/httpserver) calls Begin before the create runs,
// then Finish with the answer of a create that succeeded or Abandon after
// an error, so that a corrected request may use the key again.
package idempotency

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/idempotencykey"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/secretbox"
)

// Retention is how long a key is remembered, from its first request.
const Retention = 24 * time.Hour

// Lease is how long a key stays reserved for a request that has not
// finished. A server that stopped between the create and storing its
// answer leaves such a reservation; once the lease ran out, a retry runs
// the create again. A request still running after it may therefore run
// twice; creates finish in well under a second.
const Lease = 60 * time.Second

// answerKeyInfo separates the key of stored answers from anything else
// derived from the server secret.
const answerKeyInfo = "binora idempotent answers v1"

// ErrKeyReused answers a key that was used for a different request.
var ErrKeyReused = &apperr.Error{Kind: apperr.KindUnprocessable, Code: "idempotency_key_reused",
	Detail: "This Idempotency-Key was used for a different request; send a new key.",
	Fields: []apperr.FieldError{{Field: "Idempotency-Key", Message: "This key was used for a different request."}}}

// Request is a keyed create: the client's key, the operation and a
// fingerprint of everything that makes the request what it is.
type Request struct {
	Key         string
	Operation   string
	Fingerprint string
}

// Answer is what a create answered: its HTTP status, the ETag of the
// object it created (empty when it has none) and its body.
type Answer struct {
	Status int
	ETag   string
	Body   []byte
}

// Reservation is a key that Begin reserved for the request that runs now.
type Reservation struct {
	id       int
	key      string
	reserved time.Time
}

// Store keeps keyed creates in the tenant's idempotency_keys rows.
type Store struct {
	client *ent.Client
	box    *secretbox.Box
	now    func() time.Time
}

// NewStore returns a store on client whose answers are sealed under a key
// derived from secret (the server secret); now is its clock (time.Now when
// nil).
func NewStore(client *ent.Client, secret []byte, now func() time.Time) (*Store, error) {
	box, err := secretbox.New(secret, answerKeyInfo)
	if err != nil {
		return nil, fmt.Errorf("idempotency: %w", err)
	}
	if now == nil {
		now = time.Now
	}
	return &Store{client: client, box: box, now: now}, nil
}

// Begin reserves req's key for the request that runs now, or, when the
// tenant has the key already, returns the answer to replay. The errors are
// ErrKeyReused (another request used the key) and an in-progress conflict
// (the key's first request is still running) that says when to retry.
// Expired records of the tenant are deleted on the way.
func (s *Store) Begin(ctx context.Context, req Request) (*Reservation, *Answer, error) {
	now := s.now()
	if _, err := s.client.IdempotencyKey.Delete().Where(idempotencykey.ExpiresAtLTE(now)).Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("delete expired idempotency keys: %w", err)
	}
	row, err := s.client.IdempotencyKey.Create().
		SetKey(req.Key).SetOperation(req.Operation).SetFingerprint(req.Fingerprint).
		SetCreatedAt(now).SetExpiresAt(now.Add(Lease)).Save(ctx)
	if err == nil {
		return &Reservation{id: row.ID, key: row.Key, reserved: now}, nil, nil
	}
	if !ent.IsConstraintError(err) {
		return nil, nil, fmt.Errorf("reserve idempotency key: %w", err)
	}
	answer, err := s.existing(ctx, req)
	return nil, answer, err
}

// existing decides a request whose key the tenant holds already.
func (s *Store) existing(ctx context.Context, req Request) (*Answer, error) {
	row, err := s.client.IdempotencyKey.Query().Where(idempotencykey.KeyEQ(req.Key)).Only(ctx)
	if ent.IsNotFound(err) {
		// Its request failed and gave the key up a moment ago.
		return nil, errInProgress
	}
	if err != nil {
		return nil, fmt.Errorf("read idempotency key: %w", err)
	}
	if row.StatusCode == nil {
		return nil, errInProgress
	}
	if row.Operation != req.Operation || row.Fingerprint != req.Fingerprint {
		return nil, ErrKeyReused
	}
	body, err := s.box.Open(row.ResponseBody, row.Key)
	if err != nil {
		return nil, fmt.Errorf("open stored answer: %w", err)
	}
	return &Answer{Status: *row.StatusCode, ETag: row.ResponseEtag, Body: body}, nil
}

// errInProgress answers a key whose first request is still running.
// Creates take well under a second, so a second is the wait to suggest,
// not the rest of the lease (which only matters after a crash).
var errInProgress = &apperr.Error{Kind: apperr.KindConflict, Code: "idempotency_key_in_progress",
	Detail:     "A request with this Idempotency-Key is still running; retry after it finished.",
	RetryAfter: time.Second}

// Finish stores the answer of the create that r reserved, to replay for
// Retention from the first request.
func (s *Store) Finish(ctx context.Context, r *Reservation, a Answer) error {
	err := s.client.IdempotencyKey.UpdateOneID(r.id).
		SetStatusCode(a.Status).SetResponseBody(s.box.Seal(a.Body, r.key)).SetResponseEtag(a.ETag).
		SetExpiresAt(r.reserved.Add(Retention)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("store idempotent answer: %w", err)
	}
	return nil
}

// Abandon gives up the key that r reserved: the create failed, and a
// corrected request may use the key again.
func (s *Store) Abandon(ctx context.Context, r *Reservation) error {
	err := s.client.IdempotencyKey.DeleteOneID(r.id).Exec(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return fmt.Errorf("release idempotency key: %w", err)
	}
	return nil
}
