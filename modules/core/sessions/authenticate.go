package sessions

import (
	"context"
	"errors"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/apitokens"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/core/platform"
)

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
	if err := s.checkTenant(ctx, claims.CompanyID, tenantID); err != nil {
		return 0, nil, err
	}
	ctx = tenancy.WithTenant(ctx, claims.CompanyID)
	live, err := s.client.Session.Query().
		Where(session.ID(claims.SessionID), session.UserID(claims.UserID),
			session.RevokedAtIsNil(), session.ExpiresAtGT(s.now())).
		Exist(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("authenticate: %w", err)
	}
	if !live {
		return 0, nil, ErrInvalidToken
	}
	u, err := s.client.User.Query().Where(user.ID(claims.UserID), user.IsActive(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return 0, nil, ErrInvalidToken
	}
	if err != nil {
		return 0, nil, fmt.Errorf("authenticate: %w", err)
	}
	perms, err := directory.PermissionsOf(ctx, s.client, u)
	if err != nil {
		return 0, nil, fmt.Errorf("authenticate: %w", err)
	}
	return claims.CompanyID, &tenancy.Actor{UserID: u.ID, SessionID: claims.SessionID, Admin: u.IsAdmin,
		Permissions: toSet(perms)}, nil
}

// authenticateAPIToken checks a partner API token: it acts for its creator,
// in its own company, with the permissions both the token and the creator
// hold now. Every refusal is the same 401 except a request that names
// another tenant.
func (s *Service) authenticateAPIToken(ctx context.Context, bearer string, tenantID int) (int, *tenancy.Actor, error) {
	tok, err := s.apiTokens.Resolve(ctx, bearer, reqinfo.From(ctx).ClientIP)
	if errors.Is(err, apitokens.ErrUnusable) {
		return 0, nil, ErrInvalidToken
	}
	if err != nil {
		return 0, nil, err
	}
	if err := s.checkTenant(ctx, tok.CompanyID, tenantID); err != nil {
		return 0, nil, err
	}
	// From here on every read is confined to the token's company; nobody
	// acts yet, so the last-used stamp leaves updated_by alone.
	ctx = tenancy.WithTenant(ctx, tok.CompanyID)
	creator, err := s.client.User.Query().Where(user.ID(*tok.CreatedBy), user.IsActive(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return 0, nil, ErrInvalidToken
	}
	if err != nil {
		return 0, nil, fmt.Errorf("authenticate api token: %w", err)
	}
	held, err := directory.PermissionsOf(ctx, s.client, creator)
	if err != nil {
		return 0, nil, fmt.Errorf("authenticate api token: %w", err)
	}
	if err := s.apiTokens.MarkUsed(ctx, tok); err != nil {
		return 0, nil, err
	}
	return tok.CompanyID, &tenancy.Actor{UserID: creator.ID, APITokenID: tok.ID,
		Permissions: apitokens.Permissions(tok, held)}, nil
}

// checkTenant refuses a token of company tokenCompany on a request that
// addressed another tenant; a request that named none is served in the
// token's company while that company is active.
func (s *Service) checkTenant(ctx context.Context, tokenCompany, tenantID int) error {
	if tenantID != 0 {
		if tenantID != tokenCompany {
			return ErrTokenTenant
		}
		return nil // resolved as active already
	}
	active, err := s.tenants.TenantIsActive(ctx, tokenCompany)
	if err != nil {
		return fmt.Errorf("authenticate: %w", err)
	}
	if !active {
		return platform.ErrTenantNotFound
	}
	return nil
}

func toSet(codes []string) map[string]bool {
	set := make(map[string]bool, len(codes))
	for _, c := range codes {
		set[c] = true
	}
	return set
}
