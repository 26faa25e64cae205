package apitokens

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/apitoken"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/events"
)

// Create creates a token for the actor and returns it with its bearer form,
// "bnr_<id>_<secret>". Only the secret's hash is stored, so this answer is
// the only place the bearer ever appears.
func (s *Service) Create(ctx context.Context, in Create) (*ent.APIToken, string, error) {
	a, ok := tenancy.ActorOf(ctx)
	if !ok {
		return nil, "", ErrUnusable
	}
	if a.ByToken() { // refused before the body is looked at
		return nil, "", ErrCreatesToken
	}
	in, err := in.normalized(s.now())
	if err != nil {
		return nil, "", err
	}
	// The actor's permissions were read from the database for this very
	// request, so they are the creator's current ones.
	if err := checkCreation(a, in.Permissions); err != nil {
		return nil, "", err
	}
	secret, hash, err := authtoken.NewSecret()
	if err != nil {
		return nil, "", err
	}
	var tok *ent.APIToken
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		tok, err = tx.APIToken.Create().
			SetName(in.Name).SetPermissions(in.Permissions).SetNillableExpiresAt(in.ExpiresAt).
			SetAllowedCidrs(in.AllowedCIDRs).SetSecretHash(hash).
			Save(ctx)
		if err != nil {
			return database.Classify(err, "API token")
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.APITokenCreated, ActorID: a.UserID, Subject: subject(tok)})
	})
	if err != nil {
		return nil, "", fmt.Errorf("create api token: %w", err)
	}
	return tok, bearerOf(tok.ID, secret), nil
}

// List returns a page of the company's tokens that are not revoked, newest
// first.
func (s *Service) List(ctx context.Context, page listing.Page) (listing.Result[*ent.APIToken], error) {
	q := s.client.APIToken.Query().Where(apitoken.RevokedAtIsNil()).
		Order(apitoken.ByCreatedAt(sql.OrderDesc()), apitoken.ByID(sql.OrderDesc()))
	res, err := listing.Fetch(ctx, q, page)
	if err != nil {
		return res, fmt.Errorf("list api tokens: %w", err)
	}
	return res, nil
}

// Get returns one of the company's tokens; a revoked one is gone.
func (s *Service) Get(ctx context.Context, id int) (*ent.APIToken, error) {
	tok, err := s.client.APIToken.Query().Where(apitoken.ID(id), apitoken.RevokedAtIsNil()).Only(ctx)
	return tok, database.Classify(err, "API token")
}

// Revoke stops a token at once. Revoking it again is a 404, like reading
// it: the revoked token is no longer shown anywhere.
func (s *Service) Revoke(ctx context.Context, id int) error {
	a, ok := tenancy.ActorOf(ctx)
	if !ok {
		return ErrUnusable
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		tok, err := tx.APIToken.Query().Where(apitoken.ID(id), apitoken.RevokedAtIsNil()).Only(ctx)
		if err != nil {
			return database.Classify(err, "API token")
		}
		// The condition on revoked_at makes a concurrent revoke record once.
		// A single-row update, so that an If-Match holds it to a version.
		err = tx.APIToken.UpdateOneID(id).Where(apitoken.RevokedAtIsNil()).SetRevokedAt(s.now()).Exec(ctx)
		if ent.IsNotFound(err) {
			return errNotFound
		}
		if err != nil {
			return fmt.Errorf("revoke api token: %w", err)
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.APITokenRevoked, ActorID: a.UserID, Subject: subject(tok)})
	})
}

// RevokeAllOf revokes, in tx, every live token that user userID created,
// recording each with why. A completed password reset calls it: whoever
// made the reset necessary may have created tokens too, and a token must
// not outlive the access it was made with.
func (s *Service) RevokeAllOf(ctx context.Context, tx *ent.Tx, userID int, why string) error {
	toks, err := tx.APIToken.Query().Where(apitoken.CreatedBy(userID), apitoken.RevokedAtIsNil()).All(ctx)
	if err != nil {
		return fmt.Errorf("read api tokens of user %d: %w", userID, err)
	}
	if len(toks) == 0 {
		return nil
	}
	if _, err := tx.APIToken.Update().Where(apitoken.CreatedBy(userID), apitoken.RevokedAtIsNil()).
		SetRevokedAt(s.now()).Save(ctx); err != nil {
		return fmt.Errorf("revoke api tokens of user %d: %w", userID, err)
	}
	for _, t := range toks {
		ev := events.Event{Type: events.APITokenRevoked, ActorID: userID, Subject: subject(t) + ": " + why}
		if err := s.events.Record(ctx, tx.Client(), ev); err != nil {
			return err
		}
	}
	return nil
}

func subject(t *ent.APIToken) string {
	return fmt.Sprintf("api token %d (%s)", t.ID, t.Name)
}
