package directory

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/apitoken"
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/internal/tenancy"
)

// Who acts, what they may touch, and how access ends.

// checkManageUser applies checkManage to u, reading what u holds only when
// the rule looks at it (a non-admin acting on a non-admin).
func (s *Service) checkManageUser(ctx context.Context, tx *ent.Tx, a *tenancy.Actor, u *ent.User) error {
	var held []string
	if !a.Admin && !u.IsAdmin {
		var err error
		if held, err = PermissionsOf(ctx, tx.Client(), u); err != nil {
			return err
		}
	}
	return checkManage(a, u, held)
}

// actor is who acts in ctx; every rule here is about what they hold.
func actor(ctx context.Context) (*tenancy.Actor, error) {
	a, ok := tenancy.ActorOf(ctx)
	if !ok {
		return nil, ErrNoActor
	}
	return a, nil
}

// revokeAccess ends every session of u and revokes the API tokens u
// created. Both are checked on every request, so the next one fails.
func (s *Service) revokeAccess(ctx context.Context, tx *ent.Tx, u *ent.User) error {
	now := s.now()
	if _, err := tx.Session.Update().
		Where(session.UserID(u.ID), session.RevokedAtIsNil()).
		SetRevokedAt(now).Save(ctx); err != nil {
		return fmt.Errorf("revoke sessions of user %d: %w", u.ID, err)
	}
	if _, err := tx.APIToken.Update().
		Where(apitoken.CreatedBy(u.ID), apitoken.RevokedAtIsNil()).
		SetRevokedAt(now).Save(ctx); err != nil {
		return fmt.Errorf("revoke api tokens of user %d: %w", u.ID, err)
	}
	return nil
}
