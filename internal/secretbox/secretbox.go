// Package secretbox seals what Binora must keep but a copy of the database
// must not reveal (mail bodies carrying tokens, remembered answers carrying
// a new API token): AES-256-GCM under a key derived with HKDF-SHA256 from
// the server secret (BINORA_JWT_SECRET), which never lives in the database.
// Each user of the package derives its own key from its own purpose string,
// so a value sealed for one purpose never opens for another.
package secretbox

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
)

// sealedPrefix marks the format of a sealed value: version, then the nonce
// and the ciphertext in unpadded URL-safe base64.
const sealedPrefix = "v1:"

// ErrUnsealable answers a stored value that this server's secret cannot
// open: another secret sealed it, it was sealed for other additional data,
// or it was not sealed at all.
var ErrUnsealable = errors.New("secretbox: the value cannot be opened with this server's secret")

// Box encrypts and decrypts values for one purpose.
type Box struct{ aead cipher.AEAD }

// New derives the key of purpose from secret (at least 32 bytes).
func New(secret []byte, purpose string) (*Box, error) {
	if len(secret) < 32 {
		return nil, errors.New("secretbox: the server secret must have at least 32 bytes")
	}
	key, err := hkdf.Key(sha256.New, secret, nil, purpose, 32)
	if err != nil {
		return nil, fmt.Errorf("secretbox key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secretbox key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secretbox key: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal returns plain encrypted and bound to ad: it opens only with the
// same additional data, so a sealed value cannot be moved to another row.
func (b *Box) Seal(plain []byte, ad string) string {
	nonce := make([]byte, b.aead.NonceSize(), b.aead.NonceSize()+len(plain)+b.aead.Overhead())
	_, _ = rand.Read(nonce) // crypto/rand never fails on supported systems
	out := b.aead.Seal(nonce, nonce, plain, []byte(ad))
	return sealedPrefix + base64.RawURLEncoding.EncodeToString(out)
}

// Open returns the plain text of a value that Seal produced for ad.
func (b *Box) Open(stored, ad string) ([]byte, error) {
	raw, ok := strings.CutPrefix(stored, sealedPrefix)
	if !ok {
		return nil, ErrUnsealable
	}
	data, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || len(data) < b.aead.NonceSize() {
		return nil, ErrUnsealable
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, data[:n], data[n:], []byte(ad))
	if err != nil {
		return nil, ErrUnsealable
	}
	return plain, nil
}
