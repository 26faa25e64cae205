package core

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/tenancy"
)

// ErrBadUserToken answers an invitation or reset token that is spent,
// expired, unknown, or another tenant's: the client cannot tell which,
// and needs not.
var ErrBadUserToken = apperr.Invalid("token", "The token is invalid, spent or expired.")

// issueUserToken creates a single-use token of kind for u inside tx and
// returns it with its expiry. Only its SHA-256 is stored: the token has 256
// random bits, so a fast hash cannot be reversed.
func (s *Service) issueUserToken(ctx context.Context, tx *ent.Tx, u *ent.User, kind usertoken.Kind, ttl time.Duration) (string, time.Time, error) {
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

// findUserToken returns the unspent, unexpired token of kind that raw names
// in the tenant of ctx, with its user, who must be active.
func (s *Service) findUserToken(ctx context.Context, raw string, kind usertoken.Kind) (*ent.UserToken, error) {
	t, err := s.client.UserToken.Query().
		Where(usertoken.TokenHash(authtoken.HashSecret(raw)), usertoken.KindEQ(kind)).
		WithUser().
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrBadUserToken
	}
	if err != nil {
		return nil, fmt.Errorf("find %s token: %w", kind, err)
	}
	if t.UsedAt != nil || !t.ExpiresAt.After(s.now()) || t.Edges.User == nil || !t.Edges.User.IsActive {
		return nil, ErrBadUserToken
	}
	return t, nil
}

// setPasswordWithToken spends t and gives its user the password hash inside
// tx. Every other open token of the user is spent too (a password was just
// chosen), and invitation_pending is cleared. Two requests racing with one
// token: only the first spends it, the other gets ErrBadUserToken.
func (s *Service) setPasswordWithToken(ctx context.Context, tx *ent.Tx, t *ent.UserToken, hash string) (*ent.User, error) {
	now := s.now()
	n, err := tx.UserToken.Update().
		Where(usertoken.ID(t.ID), usertoken.UsedAtIsNil(), usertoken.ExpiresAtGT(now)).
		SetUsedAt(now).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, ErrBadUserToken
	}
	if err := spendOpenTokens(ctx, tx, t.UserID, now); err != nil {
		return nil, err
	}
	u, err := tx.User.Query().Where(user.ID(t.UserID), user.IsActive(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrBadUserToken
	}
	if err != nil {
		return nil, err
	}
	return tx.User.UpdateOne(u).SetPasswordHash(hash).SetInvitationPending(false).Save(ctx)
}

// spendOpenTokens voids every open token of a user, of the given kinds
// (every kind when none is given).
func spendOpenTokens(ctx context.Context, tx *ent.Tx, userID int, now time.Time, kinds ...usertoken.Kind) error {
	q := tx.UserToken.Update().Where(usertoken.UserID(userID), usertoken.UsedAtIsNil())
	if len(kinds) > 0 {
		q = q.Where(usertoken.KindIn(kinds...))
	}
	if _, err := q.SetUsedAt(now).Save(ctx); err != nil {
		return fmt.Errorf("spend open tokens: %w", err)
	}
	return nil
}

// openSession starts a session for u inside tx, as a login does, and
// returns its id and first refresh token.
func (s *Service) openSession(ctx context.Context, tx *ent.Tx, u *ent.User) (int, string, error) {
	sess, err := tx.Session.Create().SetUserID(u.ID).SetExpiresAt(s.now().Add(s.refreshTTL)).Save(ctx)
	if err != nil {
		return 0, "", err
	}
	refresh, err := s.newRefreshToken(ctx, tx, sess.ID)
	if err != nil {
		return 0, "", err
	}
	return sess.ID, refresh, nil
}

// revokeAllSessions ends every session of a user inside tx.
func (s *Service) revokeAllSessions(ctx context.Context, tx *ent.Tx, userID int) error {
	_, err := tx.Session.Update().
		Where(session.UserID(userID), session.RevokedAtIsNil()).
		SetRevokedAt(s.now()).Save(ctx)
	return err
}

// asUser returns ctx acting as user id of the tenant of ctx: writes are
// then stamped as theirs.
func asUser(ctx context.Context, companyID, userID int) context.Context {
	return tenancy.WithViewer(ctx, &tenancy.Viewer{CompanyID: companyID, UserID: userID})
}

// actingUserID is the user the viewer of ctx acts as, nil for nobody.
func actingUserID(ctx context.Context) *int {
	v, ok := tenancy.FromContext(ctx)
	if !ok || v.UserID == 0 {
		return nil
	}
	id := v.UserID
	return &id
}
