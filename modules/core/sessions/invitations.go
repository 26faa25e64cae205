package sessions

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/events"
	"github.com/binora/binora/modules/core/mailtoken"
)

// AcceptInvitation spends an invitation token of the tenant of ctx, sets
// the invited user's password and opens a session, as a login does.
func (s *Service) AcceptInvitation(ctx context.Context, token, plain string) (*Tokens, error) {
	companyID, ok := tenancy.TenantOf(ctx)
	if !ok {
		return nil, ErrTenantRequired
	}
	t, err := s.mail.Find(ctx, s.client, token, usertoken.KindInvitation)
	if err != nil {
		return nil, err
	}
	u := t.Edges.User
	if !u.InvitationPending {
		return nil, mailtoken.ErrBadToken
	}
	// The policy is checked before anything is spent: a refused password
	// leaves the invitation usable.
	hash, err := s.newPasswordHash(ctx, "password", plain, u.Email)
	if err != nil {
		return nil, err
	}
	ctx = tenancy.WithActor(ctx, companyID, &tenancy.Actor{UserID: u.ID})
	var sess opened
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if u, err = s.mail.SetPassword(ctx, tx, t, hash); err != nil {
			return err
		}
		if u, err = tx.User.UpdateOne(u).SetLastLoginAt(s.now()).Save(ctx); err != nil {
			return err
		}
		if sess, err = s.openSession(ctx, tx, u); err != nil {
			return err
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.InvitationAccepted, ActorID: u.ID, Subject: events.UserSubject(u)})
	})
	if err != nil {
		return nil, fmt.Errorf("accept invitation: %w", err)
	}
	return s.tokensFor(ctx, u, sess)
}
