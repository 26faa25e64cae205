package mailtoken

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/secretbox"
)

// The outbox keeps every mail, and a mail carries a live reset or
// invitation token. So that a copy of the database (a backup, a replica, a
// read-only SQL account) yields no usable token, a body is stored sealed
// (package secretbox) under a key of its own derived from the server
// secret. Only delivery, which has the body in memory anyway, and Body (for
// an operator or a test) see the plain text. The recipient is the
// additional data, so a sealed body cannot be moved to another row's
// address.
//
// Changing the server secret makes the bodies already stored unreadable;
// the tokens in them expire within days anyway, and their hashes in
// user_tokens are what the server checks.

// sealedPrefix marks the format of a sealed body (secretbox's).
const sealedPrefix = "v1:"

// outboxKeyInfo separates this key from anything else derived from the
// same secret.
const outboxKeyInfo = "binora mail outbox v1"

// ErrUnsealable answers a stored body that this server's secret cannot
// open: another secret sealed it, or it was not sealed at all.
var ErrUnsealable = secretbox.ErrUnsealable

// sealer encrypts and decrypts outbox bodies.
type sealer struct{ box *secretbox.Box }

func newSealer(secret []byte) (*sealer, error) {
	box, err := secretbox.New(secret, outboxKeyInfo)
	if err != nil {
		return nil, err
	}
	return &sealer{box: box}, nil
}

// seal returns body encrypted for the recipient to.
func (s *sealer) seal(to, body string) string {
	return s.box.Seal([]byte(body), to)
}

// open returns the plain text of a body that seal produced for to.
func (s *sealer) open(to, stored string) (string, error) {
	plain, err := s.box.Open(stored, to)
	if err != nil {
		return "", err
	}
	return string(plain), nil
}

// Body returns the plain text of an outbox message, which is stored
// sealed. It is for an operator's tool or a test; delivery never reads the
// outbox back.
func (s *Service) Body(m *ent.MailMessage) (string, error) {
	return s.sealer.open(m.ToAddress, m.Body)
}
