package core

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/tenancy"
)

// ErrNotInvited refuses to (re)send an invitation to a user who has
// accepted one, or is deactivated.
var ErrNotInvited = apperr.Conflict("", "This user has no pending invitation.")

// invite issues an invitation token for u (a user created without a
// password) inside tx and sends it by mail once tx commits. An earlier
// invitation of u stops working: the newest one supersedes it. The
// invitation_sent event commits with the token.
func (s *Service) invite(ctx context.Context, tx *ent.Tx, u *ent.User) error {
	if err := spendOpenTokens(ctx, tx, u.ID, s.now(), usertoken.KindInvitation); err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	raw, exp, err := s.issueUserToken(ctx, tx, u, usertoken.KindInvitation, invitationTTL)
	if err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	c, err := tx.Company.Get(ctx, u.CompanyID)
	if err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	if err := s.queueMail(ctx, tx, invitationMail(s.access.publicURL, c, u, raw, exp)); err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	return record(ctx, tx.Client(), Event{Type: EventInvitationSent, ActorID: actingUserID(ctx), Subject: userSubject(u)})
}

// ResendInvitation issues a new invitation to a user who has not accepted
// theirs yet; the earlier one stops working.
func (s *Service) ResendInvitation(ctx context.Context, userID int) error {
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		u, err := tx.User.Get(ctx, userID)
		if err != nil {
			return database.Classify(err, "User")
		}
		if !u.InvitationPending || !u.IsActive {
			return ErrNotInvited
		}
		return s.invite(ctx, tx, u)
	})
}

// AcceptInvitation spends an invitation token of the tenant of ctx, sets
// the invited user's password and opens a session, as a login does.
func (s *Service) AcceptInvitation(ctx context.Context, token, plain string) (*Tokens, error) {
	v, ok := tenancy.FromContext(ctx)
	if !ok {
		return nil, ErrTenantRequired
	}
	t, err := s.findUserToken(ctx, token, usertoken.KindInvitation)
	if err != nil {
		return nil, err
	}
	u := t.Edges.User
	if !u.InvitationPending {
		return nil, ErrBadUserToken
	}
	// The policy is checked before anything is spent: a refused password
	// leaves the invitation usable.
	if err := password.CheckPolicy(plain, u.Email); err != nil {
		return nil, apperr.Invalid("password", err.Error())
	}
	hash, err := s.hasher.Hash(plain)
	if err != nil {
		return nil, err
	}
	ctx = asUser(ctx, v.CompanyID, u.ID)
	var (
		refresh   string
		sessionID int
	)
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if u, err = s.setPasswordWithToken(ctx, tx, t, hash); err != nil {
			return err
		}
		if u, err = tx.User.UpdateOne(u).SetLastLoginAt(s.now()).Save(ctx); err != nil {
			return err
		}
		if sessionID, refresh, err = s.openSession(ctx, tx, u); err != nil {
			return err
		}
		return record(ctx, tx.Client(), Event{Type: EventInvitationAccepted, ActorID: &u.ID, Subject: userSubject(u)})
	})
	if err != nil {
		return nil, fmt.Errorf("accept invitation: %w", err)
	}
	return s.tokensFor(ctx, u, sessionID, refresh)
}

// invitationMail is the message that carries an invitation token. base is
// the configured public address of the server, or empty.
func invitationMail(base string, c *ent.Company, u *ent.User, token string, exp time.Time) mail.Message {
	body := fmt.Sprintf(`Hello,

You have been invited to %s on Binora (tenant %q) as %s.

To accept, choose a password of at least 10 characters and send it with
this invitation token to POST %s/api/auth/accept-invitation, with the
header "X-Tenant: %s":

  {"token": "%s", "password": "<your new password>"}

The answer signs you in. The token works once and expires at %s.
If you did not expect this invitation, ignore this message.
`, c.Name, c.Subdomain, u.Email, base, c.Subdomain, token, exp.UTC().Format(time.RFC3339))
	return mail.Message{To: u.Email, Subject: "You are invited to " + c.Name + " on Binora", Body: body}
}
