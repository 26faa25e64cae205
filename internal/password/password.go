// Package password hashes and verifies passwords with argon2id, storing the
// parameters with each hash (PHC string format) so they can be raised later
// without invalidating existing hashes.
package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory      uint32 // KiB
	Iterations  uint32
	Parallelism uint8
	SaltLength  uint32
	KeyLength   uint32
}

// DefaultParams follow the RFC 9106 second recommendation (64 MiB, 3 passes).
var DefaultParams = Params{Memory: 64 * 1024, Iterations: 3, Parallelism: 2, SaltLength: 16, KeyLength: 32}

// ErrMalformedHash is returned for a stored hash that is not an argon2id PHC string.
var ErrMalformedHash = errors.New("password: malformed hash")

// Hasher hashes with fixed parameters and verifies against any stored
// ones, running at most its gate's size of computations at a time. A check
// against a hash of other parameters is padded to the time one at its own
// takes (see pacing.go). The zero gate and pacer (a Hasher literal, as in
// tests) bound and pad nothing.
type Hasher struct {
	Params Params
	gate   *Gate
	pace   *pacer
}

// NewHasher returns a Hasher of params whose computations pass through
// gate and whose checks against other parameters are padded.
func NewHasher(params Params, gate *Gate) Hasher {
	return Hasher{Params: params, gate: gate, pace: newPacer()}
}

// Hash returns the PHC string of plain. It answers ErrBusy when no slot
// frees up in time.
func (h Hasher) Hash(ctx context.Context, plain string) (string, error) {
	p := h.Params
	salt := make([]byte, p.SaltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key, err := h.derive(ctx, plain, salt, p)
	if err != nil {
		return "", err
	}
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Iterations, p.Parallelism, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether plain matches the PHC string encoded, under the
// same bound as Hash (ErrBusy when no slot frees up in time). An empty
// encoded hash (an account without a password) never matches.
func (h Hasher) Verify(ctx context.Context, plain, encoded string) (bool, error) {
	p, salt, want, err := parsePHC(encoded)
	if err != nil {
		return false, err
	}
	got, err := h.derive(ctx, plain, salt, p)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// Outdated reports whether encoded is a hash made with other cost
// parameters than h's, which a successful check should replace with a
// hash at h's. A malformed hash is not outdated: nothing can match it.
func (h Hasher) Outdated(encoded string) bool {
	p, _, _, err := parsePHC(encoded)
	return err == nil && !p.sameCost(h.Params)
}

// parsePHC reads an argon2id PHC string into its parameters, salt and key.
func parsePHC(encoded string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, ErrMalformedHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Iterations, &p.Parallelism); err != nil {
		return p, nil, nil, ErrMalformedHash
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, nil, nil, ErrMalformedHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil {
		return p, nil, nil, ErrMalformedHash
	}
	p.SaltLength, p.KeyLength = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// sameCost reports whether computations at p and q take the same work.
func (p Params) sameCost(q Params) bool {
	return p.Memory == q.Memory && p.Iterations == q.Iterations && p.Parallelism == q.Parallelism &&
		p.KeyLength == q.KeyLength
}

// Gate is the bound h's computations run under (nil: none).
func (h Hasher) Gate() *Gate { return h.gate }
