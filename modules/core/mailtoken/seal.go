package mailtoken

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/binora/binora/ent"
)

// The outbox keeps every mail, and a mail carries a live reset or
// invitation token. So that a copy of the database (a backup, a replica, a
// read-only SQL account) yields no usable token, a body is stored sealed:
// AES-256-GCM under a key derived with HKDF-SHA256 from the server secret
// (BINORA_JWT_SECRET), which never lives in the database. Only delivery,
// which has the body in memory anyway, and Body (for an operator or a test)
// see the plain text. The recipient is the additional data, so a sealed
// body cannot be moved to another row's address.
//
// Changing the server secret makes the bodies already stored unreadable;
// the tokens in them expire within days anyway, and their hashes in
// user_tokens are what the server checks.

// sealedPrefix marks the format of a sealed body: version, then the nonce
// and the ciphertext in unpadded URL-safe base64.
const sealedPrefix = "v1:"

// outboxKeyInfo separates this key from anything else derived from the
// same secret.
const outboxKeyInfo = "binora mail outbox v1"

// ErrUnsealable answers a stored body that this server's secret cannot
// open: another secret sealed it, or it was not sealed at all.
var ErrUnsealable = errors.New("mail outbox: the body cannot be opened with this server's secret")

// sealer encrypts and decrypts outbox bodies.
type sealer struct{ aead cipher.AEAD }

func newSealer(secret []byte) (*sealer, error) {
	if len(secret) < 32 {
		return nil, errors.New("mail outbox: the server secret must have at least 32 bytes")
	}
	key, err := hkdf.Key(sha256.New, secret, nil, outboxKeyInfo, 32)
	if err != nil {
		return nil, fmt.Errorf("mail outbox key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("mail outbox key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("mail outbox key: %w", err)
	}
	return &sealer{aead: aead}, nil
}

// seal returns body encrypted for the recipient to.
func (s *sealer) seal(to, body string) string {
	nonce := make([]byte, s.aead.NonceSize(), s.aead.NonceSize()+len(body)+s.aead.Overhead())
	_, _ = rand.Read(nonce) // crypto/rand never fails on supported systems
	out := s.aead.Seal(nonce, nonce, []byte(body), []byte(to))
	return sealedPrefix + base64.RawURLEncoding.EncodeToString(out)
}

// open returns the plain text of a body that seal produced for to.
func (s *sealer) open(to, stored string) (string, error) {
	raw, ok := strings.CutPrefix(stored, sealedPrefix)
	if !ok {
		return "", ErrUnsealable
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || len(b) < s.aead.NonceSize() {
		return "", ErrUnsealable
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, b[:n], b[n:], []byte(to))
	if err != nil {
		return "", ErrUnsealable
	}
	return string(plain), nil
}

// Body returns the plain text of an outbox message, which is stored
// sealed. It is for an operator's tool or a test; delivery never reads the
// outbox back.
func (s *Service) Body(m *ent.MailMessage) (string, error) {
	return s.sealer.open(m.ToAddress, m.Body)
}
