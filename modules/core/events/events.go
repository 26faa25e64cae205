// Package events is the security-event log of the core module: every
// aggregate records what happened to accounts and access through a
// Recorder, and GET /api/security-events lists it.
package events

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/validation"
)

// Type names a kind of security event.
type Type string

// The security events Binora records.
const (
	LoginSucceeded     Type = "login_succeeded"
	LoginFailed        Type = "login_failed"
	Logout             Type = "logout"
	PasswordChanged    Type = "password_changed"
	PasswordReset      Type = "password_reset"
	InvitationSent     Type = "invitation_sent"
	InvitationAccepted Type = "invitation_accepted"
	UserDeactivated    Type = "user_deactivated"
	PermissionsChanged Type = "permissions_changed"
	APITokenCreated    Type = "api_token_created"
	APITokenRevoked    Type = "api_token_revoked"
)

// Event is a security event about to be recorded.
type Event struct {
	Type Type
	// ActorID is the user who acted, 0 when unknown (a failed login).
	ActorID int
	// Subject says what the event is about, e.g. "user 12 (ann@acme.test)".
	Subject string
}

// Recorder writes security events, stamped by its clock.
type Recorder struct {
	now func() time.Time
}

// NewRecorder returns a Recorder whose events are stamped by now (time.Now
// when nil; tests pass a clock they control).
func NewRecorder(now func() time.Time) *Recorder {
	if now == nil {
		now = time.Now
	}
	return &Recorder{now: now}
}

// Record writes ev in the tenant of ctx through client: the service's, or
// a transaction's so that the event commits with the change it describes.
// The client address and request id come from the request, and so does the
// API token the actor acts through: taken here, no event can forget it, and
// a token's doings are told apart from its creator's own.
func (r *Recorder) Record(ctx context.Context, client *ent.Client, ev Event) error {
	info := reqinfo.From(ctx)
	c := client.SecurityEvent.Create().
		SetType(string(ev.Type)).
		SetSubject(cutSubject(ev.Subject)).
		SetIP(info.ClientIP).
		SetRequestID(info.RequestID).
		SetCreatedAt(r.now())
	if ev.ActorID > 0 {
		c.SetActorID(ev.ActorID)
	}
	if a, ok := tenancy.ActorOf(ctx); ok && a.ByToken() {
		c.SetAPITokenID(a.APITokenID)
	}
	if err := c.Exec(ctx); err != nil {
		return fmt.Errorf("record %s event: %w", ev.Type, err)
	}
	return nil
}

// cutSubject bounds a subject to validation.EventSubject, in characters
// like every text limit: a long multi-byte email must not fail the event,
// nor be cut inside a character.
func cutSubject(s string) string {
	if utf8.RuneCountInString(s) <= validation.EventSubject.Max {
		return s
	}
	return string([]rune(s)[:validation.EventSubject.Max])
}

// UserSubject is how events name a user.
func UserSubject(u *ent.User) string {
	return fmt.Sprintf("user %d (%s)", u.ID, u.Email)
}
