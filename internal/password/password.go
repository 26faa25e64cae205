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
// ones, running at most its gate's size of computations at a time. The
// zero gate (a Hasher literal, as in tests) bounds nothing.
type Hasher struct {
	Params Params
	gate   *Gate
}

// NewHasher returns a Hasher of params whose computations pass through gate.
func NewHasher(params Params, gate *Gate) Hasher {
	return Hasher{Params: params, gate: gate}
}

// Hash returns the PHC string of plain. It answers ErrBusy when no slot
// frees up in time.
func (h Hasher) Hash(ctx context.Context, plain string) (string, error) {
	p := h.Params
	salt := make([]byte, p.SaltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	release, err := h.gate.Acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	key := argon2.IDKey([]byte(plain), salt, p.Iterations, p.Memory, p.Parallelism, p.KeyLength)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Iterations, p.Parallelism, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether plain matches the PHC string encoded, under the
// same bound as Hash (ErrBusy when no slot frees up in time). An empty
// encoded hash (an account without a password) never matches.
func (h Hasher) Verify(ctx context.Context, plain, encoded string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformedHash
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Iterations, &p.Parallelism); err != nil {
		return false, ErrMalformedHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformedHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, ErrMalformedHash
	}
	release, err := h.gate.Acquire(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	got := argon2.IDKey([]byte(plain), salt, p.Iterations, p.Memory, p.Parallelism, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// Gate is the bound h's computations run under (nil: none).
func (h Hasher) Gate() *Gate { return h.gate }
