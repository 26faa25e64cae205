package sessions

import (
	"context"
	"errors"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/predicate"
	"github.com/binora/binora/ent/refreshtoken"
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/events"
)

// Refresh spends a refresh token and returns a new access and refresh token
// for its session. A token presented a second time has leaked: its session
// is revoked and the answer is 401.
func (s *Service) Refresh(ctx context.Context, raw string) (*Tokens, error) {
	if _, ok := tenancy.TenantOf(ctx); !ok {
		return nil, ErrTenantRequired
	}
	var (
		u    *ent.User
		sess opened
	)
	err := database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		rt, err := s.spendRefreshToken(ctx, tx, raw)
		if rt != nil {
			sess.id = rt.SessionID
		}
		if err != nil {
			return err
		}
		u, err = tx.User.Query().Where(user.ID(rt.Edges.Session.UserID), user.IsActive(true)).Only(ctx)
		if ent.IsNotFound(err) {
			return ErrInvalidRefresh
		}
		if err != nil {
			return err
		}
		sess.refresh, err = newRefreshToken(ctx, tx, sess.id)
		return err
	})
	if errors.Is(err, errRefreshTokenUsed) {
		if rerr := s.revokeSessions(ctx, session.ID(sess.id)); rerr != nil {
			return nil, fmt.Errorf("revoke session of a re-used refresh token: %w", rerr)
		}
		return nil, ErrInvalidRefresh
	}
	if err != nil {
		return nil, fmt.Errorf("refresh: %w", err)
	}
	return s.tokensFor(ctx, u, sess)
}

// spendRefreshToken finds the refresh token raw names, with its session,
// and spends it inside tx. A token that was spent already comes back with
// errRefreshTokenUsed, so that the caller can revoke its session.
func (s *Service) spendRefreshToken(ctx context.Context, tx *ent.Tx, raw string) (*ent.RefreshToken, error) {
	rt, err := tx.RefreshToken.Query().
		Where(refreshtoken.TokenHash(authtoken.HashSecret(raw))).
		WithSession().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrInvalidRefresh
	}
	if err != nil {
		return nil, err
	}
	if rt.UsedAt != nil {
		return rt, errRefreshTokenUsed
	}
	if sess := rt.Edges.Session; sess.RevokedAt != nil || !sess.ExpiresAt.After(s.now()) {
		return rt, ErrInvalidRefresh
	}
	// Spend the token only if nobody spent it in the meantime.
	n, err := tx.RefreshToken.Update().
		Where(refreshtoken.ID(rt.ID), refreshtoken.UsedAtIsNil()).
		SetUsedAt(s.now()).Save(ctx)
	if err != nil {
		return rt, err
	}
	if n == 0 {
		return rt, errRefreshTokenUsed
	}
	return rt, nil
}

// Logout revokes the session of a refresh token. An unknown token is not an
// error: the outcome the caller wants already holds.
func (s *Service) Logout(ctx context.Context, raw string) error {
	if _, ok := tenancy.TenantOf(ctx); !ok {
		return ErrTenantRequired
	}
	rt, err := s.client.RefreshToken.Query().
		Where(refreshtoken.TokenHash(authtoken.HashSecret(raw))).WithSession().Only(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	if rt.Edges.Session.RevokedAt != nil {
		return nil // ended already: nothing happened to record
	}
	if err := s.revokeSessions(ctx, session.ID(rt.SessionID)); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	u, err := s.client.User.Get(ctx, rt.Edges.Session.UserID)
	if err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return s.events.Record(ctx, s.client, events.Event{Type: events.Logout, ActorID: u.ID, Subject: events.UserSubject(u)})
}

// revokeSessions ends the open sessions that where selects.
func (s *Service) revokeSessions(ctx context.Context, where ...predicate.Session) error {
	_, err := s.client.Session.Update().Where(where...).Where(session.RevokedAtIsNil()).
		SetRevokedAt(s.now()).Save(ctx)
	return err
}
