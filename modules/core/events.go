package core

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/reqinfo"
)

// EventType names a kind of security event.
type EventType string

// The security events Binora records.
const (
	EventLoginSucceeded     EventType = "login_succeeded"
	EventLoginFailed        EventType = "login_failed"
	EventLogout             EventType = "logout"
	EventPasswordChanged    EventType = "password_changed"
	EventPasswordReset      EventType = "password_reset"
	EventInvitationSent     EventType = "invitation_sent"
	EventInvitationAccepted EventType = "invitation_accepted"
	EventUserDeactivated    EventType = "user_deactivated"
	EventPermissionsChanged EventType = "permissions_changed"
	EventAPITokenCreated    EventType = "api_token_created"
	EventAPITokenRevoked    EventType = "api_token_revoked"
)

// maxSubjectBytes is the schema's bound on an event's subject.
const maxSubjectBytes = 300

// Event is a security event about to be recorded.
type Event struct {
	Type EventType
	// ActorID is the user who acted, nil when unknown (a failed login).
	ActorID *int
	// Subject says what the event is about, e.g. "user 12 (ann@acme.test)".
	Subject string
}

// record writes ev in the tenant of ctx through client (the service's, or
// a transaction's so the event commits with the change it describes). The
// client address and request id come from the request.
func record(ctx context.Context, client *ent.Client, ev Event) error {
	info := reqinfo.From(ctx)
	subject := ev.Subject
	if len(subject) > maxSubjectBytes {
		// The schema bounds the subject in bytes; cut at a character
		// boundary, since PostgreSQL refuses a string cut inside one.
		cut := maxSubjectBytes
		for cut > 0 && !utf8.RuneStart(subject[cut]) {
			cut--
		}
		subject = subject[:cut]
	}
	err := client.SecurityEvent.Create().
		SetType(string(ev.Type)).
		SetNillableActorID(ev.ActorID).
		SetSubject(subject).
		SetIP(info.ClientIP).
		SetRequestID(info.RequestID).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("record %s event: %w", ev.Type, err)
	}
	return nil
}

// userSubject is how events name a user.
func userSubject(u *ent.User) string {
	return fmt.Sprintf("user %d (%s)", u.ID, u.Email)
}
