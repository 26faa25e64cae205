package sessions

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/memo"
	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/apitokens"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/core/platform"
)

// Who a credential acts as is remembered (memo) and forgotten
// when anything it was read from changes: a logout, a revocation, a
// deactivation, a change of teams or permissions, or of the tenant's
// state. These bound the memory and how long an entry lives should a
// change go unseen anyway.
const (
	maxRememberedActors = 100_000
	actorLifetime       = 10 * time.Minute
)

// tokenActor is what an API token acts as: the token row, checked against
// the presented secret and address on every request, and its actor.
type tokenActor struct {
	token *ent.APIToken
	actor *tenancy.Actor
}

// Authenticate turns a bearer token (a person's access token or a
// partner's API token) into the company and the actor of a request.
// tenantID is the company the request addressed, or 0 when it named none
// (then the token's company is the tenant, if it is active).
func (s *Service) Authenticate(ctx context.Context, bearer string, tenantID int) (int, *tenancy.Actor, error) {
	if apitokens.IsBearer(bearer) {
		return s.authenticateAPIToken(ctx, bearer, tenantID)
	}
	return s.authenticateAccess(ctx, bearer, tenantID)
}

// authenticateAccess checks a person's access token. Its session must
// still be open and the user active, so a logout, a revocation or a
// deactivation takes effect at the next request.
func (s *Service) authenticateAccess(ctx context.Context, access string, tenantID int) (int, *tenancy.Actor, error) {
	claims, err := s.tokens.Verify(access)
	if err != nil {
		return 0, nil, ErrInvalidToken
	}
	if tenantID != 0 && tenantID != claims.CompanyID {
		return 0, nil, ErrTokenTenant
	}
	e, err := s.sessionActors.Get(ctx, claims.SessionID, func() (memo.Entry[*tenancy.Actor], error) {
		return s.loadSessionActor(ctx, claims.CompanyID, claims.SessionID, claims.UserID)
	})
	if err != nil {
		return 0, nil, err
	}
	if e.Company != claims.CompanyID || e.Value.UserID != claims.UserID {
		return 0, nil, ErrInvalidToken
	}
	return e.Company, e.Value, nil
}

// loadSessionActor reads who session sessionID of userID acts as, while
// the session is open, the user active and the company served.
func (s *Service) loadSessionActor(ctx context.Context, companyID, sessionID, userID int) (memo.Entry[*tenancy.Actor], error) {
	var none memo.Entry[*tenancy.Actor]
	if err := s.requireActiveTenant(ctx, companyID); err != nil {
		return none, err
	}
	ctx = tenancy.WithTenant(ctx, companyID)
	now := s.now()
	sess, err := s.client.Session.Query().
		Where(session.ID(sessionID), session.UserID(userID), session.RevokedAtIsNil(), session.ExpiresAtGT(now)).
		Only(ctx)
	if ent.IsNotFound(err) {
		return none, ErrInvalidToken
	}
	if err != nil {
		return none, fmt.Errorf("authenticate: %w", err)
	}
	u, perms, err := s.activeUser(ctx, userID)
	if err != nil {
		return none, err
	}
	return memo.Entry[*tenancy.Actor]{Company: companyID, Until: earliest(sess.ExpiresAt, now.Add(actorLifetime)),
		Value: &tenancy.Actor{UserID: u.ID, SessionID: sessionID, Admin: u.IsAdmin, Permissions: toSet(perms)}}, nil
}

// authenticateAPIToken checks a partner API token: it acts for its creator,
// in its own company, with the permissions both the token and the creator
// hold now. Every refusal is the same 401 except a request that names
// another tenant.
func (s *Service) authenticateAPIToken(ctx context.Context, bearer string, tenantID int) (int, *tenancy.Actor, error) {
	id, ok := apitokens.BearerID(bearer)
	if !ok {
		return 0, nil, ErrInvalidToken
	}
	clientIP := reqinfo.From(ctx).ClientIP
	e, err := s.tokenActors.Get(ctx, id, func() (memo.Entry[tokenActor], error) {
		return s.loadTokenActor(ctx, bearer, clientIP)
	})
	if errors.Is(err, apitokens.ErrUnusable) {
		return 0, nil, ErrInvalidToken
	}
	if err != nil {
		return 0, nil, err
	}
	if !s.apiTokens.Usable(e.Value.token, bearer, clientIP) {
		return 0, nil, ErrInvalidToken
	}
	if tenantID != 0 && tenantID != e.Company {
		return 0, nil, ErrTokenTenant
	}
	// Nobody acts yet, so the last-used stamp leaves updated_by alone.
	if err := s.apiTokens.MarkUsed(tenancy.WithTenant(ctx, e.Company), e.Value.token); err != nil {
		return 0, nil, err
	}
	return e.Company, e.Value.actor, nil
}

// loadTokenActor resolves bearer and reads who it acts as, while its
// creator is active and its company served.
func (s *Service) loadTokenActor(ctx context.Context, bearer, clientIP string) (memo.Entry[tokenActor], error) {
	var none memo.Entry[tokenActor]
	tok, err := s.apiTokens.Resolve(ctx, bearer, clientIP)
	if err != nil {
		return none, err
	}
	if err := s.requireActiveTenant(ctx, tok.CompanyID); err != nil {
		return none, err
	}
	// From here on every read is confined to the token's company.
	creator, held, err := s.activeUser(tenancy.WithTenant(ctx, tok.CompanyID), *tok.CreatedBy)
	if err != nil {
		return none, err
	}
	until := s.now().Add(actorLifetime)
	if tok.ExpiresAt != nil {
		until = earliest(*tok.ExpiresAt, until)
	}
	return memo.Entry[tokenActor]{Company: tok.CompanyID, Until: until, Value: tokenActor{token: tok,
		actor: &tenancy.Actor{UserID: creator.ID, APITokenID: tok.ID, Permissions: apitokens.Permissions(tok, held)}}}, nil
}

// activeUser reads user id of ctx's tenant, if active, and the permissions
// it holds; an inactive or missing user is ErrInvalidToken.
func (s *Service) activeUser(ctx context.Context, id int) (*ent.User, []string, error) {
	u, err := s.client.User.Query().Where(user.ID(id), user.IsActive(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, ErrInvalidToken
	}
	if err != nil {
		return nil, nil, fmt.Errorf("authenticate: %w", err)
	}
	perms, err := directory.PermissionsOf(ctx, s.client, u)
	if err != nil {
		return nil, nil, fmt.Errorf("authenticate: %w", err)
	}
	return u, perms, nil
}

// requireActiveTenant refuses a credential of a company that is not served
// (deactivated). A request that named its tenant resolved it as active
// already, but what is remembered serves requests that name none too.
func (s *Service) requireActiveTenant(ctx context.Context, companyID int) error {
	active, err := s.tenants.TenantIsActive(ctx, companyID)
	if err != nil {
		return fmt.Errorf("authenticate: %w", err)
	}
	if !active {
		return platform.ErrTenantNotFound
	}
	return nil
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func toSet(codes []string) map[string]bool {
	set := make(map[string]bool, len(codes))
	for _, c := range codes {
		set[c] = true
	}
	return set
}
