package core

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/tenancy"
)

// ErrPasswordByAPIToken refuses a password change made with an API token:
// a leaked token must not be able to take over its creator's account.
var ErrPasswordByAPIToken = apperr.Forbidden("An API token cannot change a password; sign in as a person.")

// RequestPasswordReset mails a reset token to email if it belongs to an
// active user of the tenant of ctx who has accepted their invitation. The
// outcome is the same either way, so that nobody learns who has an
// account: no error, no difference in what is done before answering
// (delivery runs in the background). Past the per-address limit it
// answers 429; past the per-email limit it quietly sends nothing.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	v, ok := tenancy.FromContext(ctx)
	if !ok {
		return ErrTenantRequired
	}
	if err := s.admitClient(ctx); err != nil {
		return err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	u, err := s.client.User.Query().Where(user.Email(email)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return fmt.Errorf("password reset: %w", err)
	}
	if u == nil || !u.IsActive || u.InvitationPending {
		// Cost what issuing a token costs, without storing anything.
		_, _, _ = authtoken.NewSecret()
		return nil
	}
	if ok, _ := s.access.resetRequests.Allow(emailKey(v.CompanyID, email)); !ok {
		return nil
	}
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		_, _, err := s.mailPasswordReset(ctx, tx, u)
		return err
	})
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	return nil
}

// mailPasswordReset issues a reset token for u inside tx and queues the
// mail that carries it. Earlier reset tokens stay valid until they expire
// or one of them is used: a stranger asking for a reset must not be able
// to void the mail the user is about to open.
func (s *Service) mailPasswordReset(ctx context.Context, tx *ent.Tx, u *ent.User) (string, time.Time, error) {
	raw, exp, err := s.issueUserToken(ctx, tx, u, usertoken.KindPasswordReset, s.access.resetTTL)
	if err != nil {
		return "", time.Time{}, err
	}
	c, err := tx.Company.Get(ctx, u.CompanyID)
	if err != nil {
		return "", time.Time{}, err
	}
	if err := s.queueMail(ctx, tx, passwordResetMail(s.access.publicURL, c, u, raw, exp)); err != nil {
		return "", time.Time{}, err
	}
	return raw, exp, nil
}

// ConfirmPasswordReset spends a reset token of the tenant of ctx, sets the
// new password, clears invitation_pending and revokes every session of the
// user: whoever held one may have been the reason for the reset.
func (s *Service) ConfirmPasswordReset(ctx context.Context, token, newPassword string) error {
	v, ok := tenancy.FromContext(ctx)
	if !ok {
		return ErrTenantRequired
	}
	t, err := s.findUserToken(ctx, token, usertoken.KindPasswordReset)
	if err != nil {
		return err
	}
	u := t.Edges.User
	if err := password.CheckPolicy(newPassword, u.Email); err != nil {
		return apperr.Invalid("new_password", err.Error())
	}
	hash, err := s.hasher.Hash(newPassword)
	if err != nil {
		return err
	}
	ctx = asUser(ctx, v.CompanyID, u.ID)
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if u, err = s.setPasswordWithToken(ctx, tx, t, hash); err != nil {
			return err
		}
		if err := s.revokeAllSessions(ctx, tx, u.ID); err != nil {
			return err
		}
		return record(ctx, tx.Client(), Event{Type: EventPasswordReset, ActorID: &u.ID, Subject: userSubject(u)})
	})
	if err != nil {
		return fmt.Errorf("confirm password reset: %w", err)
	}
	// The owner of the mailbox chose this password: the guessing block on
	// the email, if any, protects nothing any more.
	s.forgetFailedLogins(v.CompanyID, u.Email)
	return nil
}

// passwordResetMail is the message that carries a reset token.
func passwordResetMail(base string, c *ent.Company, u *ent.User, token string, exp time.Time) mail.Message {
	body := fmt.Sprintf(`Hello,

A password reset was asked for your Binora account %s in %s (tenant %q).
If it was not you, ignore this message: your password stays as it is.

To choose a new password (at least 10 characters), send it with this
reset token to POST %s/api/auth/password-reset/confirm, with the header
"X-Tenant: %s":

  {"token": "%s", "new_password": "<your new password>"}

Every session of your account then ends. The token works once and expires
at %s.
`, u.Email, c.Name, c.Subdomain, base, c.Subdomain, token, exp.UTC().Format(time.RFC3339))
	return mail.Message{To: u.Email, Subject: "Reset your " + c.Name + " password on Binora", Body: body}
}
