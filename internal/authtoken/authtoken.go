// Package authtoken issues and verifies access tokens (HS256 JWTs naming the
// user, company and session) and makes opaque secrets (refresh tokens,
// mailed tokens, API token secrets), which are kept only as hashes.
package authtoken

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// ErrInvalid is returned for any token that cannot be trusted: bad
// signature, expired, malformed or with missing claims.
var ErrInvalid = errors.New("authtoken: invalid token")

// Claims are what an access token asserts.
type Claims struct {
	UserID    int
	CompanyID int
	SessionID int
	ExpiresAt time.Time
}

type jwtClaims struct {
	Company int `json:"cid"`
	Session int `json:"sid"`
	jwt.RegisteredClaims
}

// Issuer signs and verifies access tokens with one secret.
type Issuer struct {
	secret   []byte
	ttl      time.Duration
	now      func() time.Time
	verified verified
}

// NewIssuer returns an Issuer whose tokens live for ttl, timed by now
// (time.Now when nil; tests pass a clock they move).
func NewIssuer(secret []byte, ttl time.Duration, now func() time.Time) (*Issuer, error) {
	if len(secret) < 32 {
		return nil, errors.New("authtoken: the signing secret must be at least 32 bytes")
	}
	if now == nil {
		now = time.Now
	}
	return &Issuer{secret: secret, ttl: ttl, now: now, verified: verified{claims: map[string]Claims{}}}, nil
}

// TTL is how long an access token lives.
func (i *Issuer) TTL() time.Duration { return i.ttl }

// Issue returns a signed access token for c (ExpiresAt is set from the TTL)
// and its expiry.
func (i *Issuer) Issue(c Claims) (string, time.Time, error) {
	now := i.now()
	exp := now.Add(i.ttl)
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, jwtClaims{
		Company: c.CompanyID,
		Session: c.SessionID,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   strconv.Itoa(c.UserID),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
		},
	})
	signed, err := t.SignedString(i.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("sign access token: %w", err)
	}
	return signed, exp, nil
}

// Verify checks raw and returns its claims. A token verified before is
// only checked for expiry (verified.go).
func (i *Issuer) Verify(raw string) (Claims, error) {
	if c, ok := i.verified.get(raw); ok {
		// As the JWT check: valid until the second of expiry, not at it.
		if !i.now().Before(c.ExpiresAt) {
			return Claims{}, ErrInvalid
		}
		return c, nil
	}
	c, err := i.verify(raw)
	if err == nil {
		i.verified.put(raw, c)
	}
	return c, err
}

// verify checks raw's signature, algorithm, expiry and claims.
func (i *Issuer) verify(raw string) (Claims, error) {
	var c jwtClaims
	_, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return i.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(i.now),
	)
	if err != nil {
		return Claims{}, ErrInvalid
	}
	uid, err := strconv.Atoi(c.Subject)
	if err != nil || uid <= 0 || c.Company <= 0 || c.Session <= 0 {
		return Claims{}, ErrInvalid
	}
	return Claims{UserID: uid, CompanyID: c.Company, SessionID: c.Session, ExpiresAt: c.ExpiresAt.Time}, nil
}

// NewSecret returns a fresh opaque secret (32 random bytes, base64url) and
// the hash to store: refresh tokens, mailed invitation and reset tokens,
// and the secret part of API tokens.
func NewSecret() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("new secret: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashSecret(token), nil
}

// HashSecret returns the stored form of a secret from NewSecret. It has
// 256 bits of entropy, so a fast hash is enough (no salt, no KDF), which
// keeps checking one cheap on every request.
func HashSecret(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
