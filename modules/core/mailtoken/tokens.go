package mailtoken

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/events"
)

// Invite issues an invitation token for u (a user created without a
// password) inside tx and sends it by mail once tx commits. An earlier
// invitation of u stops working: the newest one supersedes it. The
// invitation_sent event commits with the token.
func (s *Service) Invite(ctx context.Context, tx *ent.Tx, u *ent.User) error {
	if err := s.SpendOpen(ctx, tx, u.ID, usertoken.KindInvitation); err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	raw, exp, err := s.issue(ctx, tx, u, usertoken.KindInvitation, invitationTTL)
	if err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	c, err := tx.Company.Get(ctx, u.CompanyID)
	if err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	if err := s.queue(ctx, tx, invitationMail(s.publicURL, c, u, raw, exp)); err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	ev := events.Event{Type: events.InvitationSent, ActorID: tenancy.UserOf(ctx), Subject: events.UserSubject(u)}
	return s.events.Record(ctx, tx.Client(), ev)
}

// MailPasswordReset issues a reset token for u inside tx and queues the
// mail that carries it; it returns the token for an operator to hand over.
// Earlier reset tokens stay valid until they expire or one of them is used:
// a stranger asking for a reset must not be able to void the mail the user
// is about to open.
func (s *Service) MailPasswordReset(ctx context.Context, tx *ent.Tx, u *ent.User) (string, time.Time, error) {
	raw, exp, err := s.issue(ctx, tx, u, usertoken.KindPasswordReset, s.resetTTL)
	if err != nil {
		return "", time.Time{}, err
	}
	c, err := tx.Company.Get(ctx, u.CompanyID)
	if err != nil {
		return "", time.Time{}, err
	}
	if err := s.queue(ctx, tx, passwordResetMail(s.publicURL, c, u, raw, exp)); err != nil {
		return "", time.Time{}, err
	}
	return raw, exp, nil
}

// issue creates a single-use token of kind for u inside tx and returns it
// with its expiry. Only its SHA-256 is stored: the token has 256 random
// bits, so a fast hash cannot be reversed.
func (s *Service) issue(ctx context.Context, tx *ent.Tx, u *ent.User, kind usertoken.Kind, ttl time.Duration) (string, time.Time, error) {
	raw, hash, err := authtoken.NewSecret()
	if err != nil {
		return "", time.Time{}, err
	}
	exp := s.now().Add(ttl)
	err = tx.UserToken.Create().
		SetUserID(u.ID).SetKind(kind).SetTokenHash(hash).SetExpiresAt(exp).
		Exec(ctx)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue %s token: %w", kind, err)
	}
	return raw, exp, nil
}

// Find returns the unspent, unexpired token of kind that raw names in the
// tenant of ctx, with its user, who must be active.
func (s *Service) Find(ctx context.Context, client *ent.Client, raw string, kind usertoken.Kind) (*ent.UserToken, error) {
	t, err := client.UserToken.Query().
		Where(usertoken.TokenHash(authtoken.HashSecret(raw)), usertoken.KindEQ(kind)).
		WithUser().
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, fmt.Errorf("find %s token: %w", kind, err)
	}
	if t.UsedAt != nil || !t.ExpiresAt.After(s.now()) || t.Edges.User == nil || !t.Edges.User.IsActive {
		return nil, ErrBadToken
	}
	return t, nil
}

// SetPassword spends t and gives its user the password hash inside tx.
// Every other open token of the user is spent too (a password was just
// chosen), and invitation_pending is cleared. Two requests racing with one
// token: only the first spends it, the other gets ErrBadToken.
func (s *Service) SetPassword(ctx context.Context, tx *ent.Tx, t *ent.UserToken, hash string) (*ent.User, error) {
	now := s.now()
	n, err := tx.UserToken.Update().
		Where(usertoken.ID(t.ID), usertoken.UsedAtIsNil(), usertoken.ExpiresAtGT(now)).
		SetUsedAt(now).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, ErrBadToken
	}
	if err := s.SpendOpen(ctx, tx, t.UserID); err != nil {
		return nil, err
	}
	u, err := tx.User.Query().Where(user.ID(t.UserID), user.IsActive(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, err
	}
	return tx.User.UpdateOne(u).SetPasswordHash(hash).SetInvitationPending(false).Save(ctx)
}

// SpendOpen voids every open token of a user, of the given kinds (every
// kind when none is given).
func (s *Service) SpendOpen(ctx context.Context, tx *ent.Tx, userID int, kinds ...usertoken.Kind) error {
	q := tx.UserToken.Update().Where(usertoken.UserID(userID), usertoken.UsedAtIsNil())
	if len(kinds) > 0 {
		q = q.Where(usertoken.KindIn(kinds...))
	}
	if _, err := q.SetUsedAt(s.now()).Save(ctx); err != nil {
		return fmt.Errorf("spend open tokens: %w", err)
	}
	return nil
}
