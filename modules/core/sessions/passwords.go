package sessions

import (
	"context"
	"errors"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/events"
)

// ChangePassword sets a new password for the actor and revokes every other
// session of theirs.
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	a, ok := tenancy.ActorOf(ctx)
	if !ok {
		return ErrInvalidToken
	}
	if a.ByToken() {
		return ErrPasswordByAPIToken
	}
	u, err := s.client.User.Get(ctx, a.UserID)
	if err != nil {
		return database.Classify(err, "User")
	}
	if err := s.checkCurrentPassword(ctx, u, current); err != nil {
		return err
	}
	hash, err := s.newPasswordHash(ctx, "new_password", next, u.Email)
	if err != nil {
		return err
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if err := tx.User.UpdateOneID(u.ID).SetPasswordHash(hash).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.Session.Update().
			Where(session.UserID(u.ID), session.IDNEQ(a.SessionID), session.RevokedAtIsNil()).
			SetRevokedAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.PasswordChanged, ActorID: u.ID, Subject: events.UserSubject(u)})
	})
}

// checkCurrentPassword checks the password u typed to prove it is them,
// counted like a login from the client's address: past the limit it
// answers 429 even when the password is right.
func (s *Service) checkCurrentPassword(ctx context.Context, u *ent.User, current string) error {
	check, err := s.beginPasswordCheck(ctx, u.CompanyID, u.Email)
	if err != nil {
		return err
	}
	match, err := s.hasher.Verify(ctx, current, u.PasswordHash)
	if err != nil && !errors.Is(err, password.ErrMalformedHash) {
		s.passed(ctx, check) // no capacity to check it: not a guess
		return err
	}
	if !match {
		if err := s.failed(ctx, check); err != nil {
			return err
		}
		return ErrWrongPassword
	}
	s.passed(ctx, check)
	return nil
}

// newPasswordHash checks plain against the policy (field names the input
// in the answer) and hashes it.
func (s *Service) newPasswordHash(ctx context.Context, field, plain, email string) (string, error) {
	if err := password.CheckPolicy(plain, email); err != nil {
		return "", apperr.Invalid(field, err.Error())
	}
	return s.hasher.Hash(ctx, plain)
}

// ConfirmPasswordReset spends a reset token of the tenant of ctx, sets the
// new password, clears invitation_pending and revokes every session and
// every API token of the user: whoever held one may have been the reason
// for the reset.
func (s *Service) ConfirmPasswordReset(ctx context.Context, token, newPassword string) error {
	companyID, ok := tenancy.TenantOf(ctx)
	if !ok {
		return ErrTenantRequired
	}
	t, err := s.mail.Find(ctx, s.client, token, usertoken.KindPasswordReset)
	if err != nil {
		return err
	}
	u := t.Edges.User
	hash, err := s.newPasswordHash(ctx, "new_password", newPassword, u.Email)
	if err != nil {
		return err
	}
	ctx = tenancy.WithActor(ctx, companyID, &tenancy.Actor{UserID: u.ID})
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if u, err = s.mail.SetPassword(ctx, tx, t, hash); err != nil {
			return err
		}
		if _, err := tx.Session.Update().Where(session.UserID(u.ID), session.RevokedAtIsNil()).
			SetRevokedAt(s.now()).Save(ctx); err != nil {
			return err
		}
		if err := s.apiTokens.RevokeAllOf(ctx, tx, u.ID, "password reset"); err != nil {
			return err
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.PasswordReset, ActorID: u.ID, Subject: events.UserSubject(u)})
	})
	if err != nil {
		return fmt.Errorf("confirm password reset: %w", err)
	}
	// The owner of the mailbox chose this password: the guessing blocks on
	// the email, if any, protect nothing any more.
	s.liftBlocks(ctx, companyID, u.Email)
	return nil
}
