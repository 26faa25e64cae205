package core

import (
	"context"
	"crypto/subtle"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/apitoken"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/internal/tenancy"
)

// apiTokenPrefix starts every partner API token: "bnr_<id>_<secret>".
const apiTokenPrefix = "bnr_"

// lastUsedResolution is how stale last_used_at may be. Stamping it on every
// request would turn each read a partner's script makes into a write on the
// token's row; to the people reviewing their tokens, a minute is exact enough.
const lastUsedResolution = time.Minute

// ErrAPITokenCreatesToken refuses an API token that tries to mint another:
// a leaked token must not be able to extend its own life.
var ErrAPITokenCreatesToken = apperr.Forbidden("An API token cannot create API tokens; sign in as a person.")

// IsAPIToken reports whether a bearer credential is a partner API token
// rather than a person's access token.
func IsAPIToken(bearer string) bool { return strings.HasPrefix(bearer, apiTokenPrefix) }

// CreateAPIToken creates a token for the viewer and returns it with its
// bearer form, "bnr_<id>_<secret>". Only the secret's hash is stored, so
// this answer is the only place the bearer ever appears.
func (s *Service) CreateAPIToken(ctx context.Context, in APITokenInput) (*ent.APIToken, string, error) {
	v, ok := tenancy.FromContext(ctx)
	if !ok || v.UserID == 0 {
		return nil, "", ErrInvalidToken
	}
	if v.APITokenID != 0 {
		return nil, "", ErrAPITokenCreatesToken
	}
	if err := in.Validate(s.now()); err != nil {
		return nil, "", err
	}
	codes := slices.Compact(slices.Sorted(slices.Values(in.Permissions)))
	// The viewer's permissions were read from the database for this very
	// request, so they are the creator's current ones.
	var lacking []string
	for _, code := range codes {
		if !v.Can(code) {
			lacking = append(lacking, code)
		}
	}
	if len(lacking) > 0 {
		return nil, "", apperr.Forbidden("You cannot give a token permissions you do not hold: " + strings.Join(lacking, ", ") + ".")
	}
	cidrs := make([]string, 0, len(in.AllowedCIDRs))
	for _, raw := range in.AllowedCIDRs {
		p, _ := parseAllowedPrefix(raw) // validated above
		cidrs = append(cidrs, p.String())
	}
	secret, hash, err := authtoken.NewSecret()
	if err != nil {
		return nil, "", err
	}
	var tok *ent.APIToken
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		tok, err = tx.APIToken.Create().
			SetName(strings.TrimSpace(in.Name)).
			SetPermissions(codes).
			SetNillableExpiresAt(in.ExpiresAt).
			SetAllowedCidrs(cidrs).
			SetSecretHash(hash).
			Save(ctx)
		if err != nil {
			return database.Classify(err, "API token")
		}
		return record(ctx, tx.Client(), Event{Type: EventAPITokenCreated, ActorID: &v.UserID, Subject: apiTokenSubject(tok)})
	})
	if err != nil {
		return nil, "", fmt.Errorf("create api token: %w", err)
	}
	return tok, apiTokenPrefix + strconv.Itoa(tok.ID) + "_" + secret, nil
}

// ListAPITokens returns a page of the company's tokens that are not
// revoked, newest first, and how many there are in all.
func (s *Service) ListAPITokens(ctx context.Context, page listing.Page) (listing.Result[*ent.APIToken], error) {
	q := s.client.APIToken.Query().Where(apitoken.RevokedAtIsNil()).
		Order(apitoken.ByCreatedAt(sql.OrderDesc()), apitoken.ByID(sql.OrderDesc()))
	res, err := listing.Fetch(ctx, q, page)
	if err != nil {
		return res, fmt.Errorf("list api tokens: %w", err)
	}
	return res, nil
}

// GetAPIToken returns one of the company's tokens; a revoked one is gone.
func (s *Service) GetAPIToken(ctx context.Context, id int) (*ent.APIToken, error) {
	tok, err := s.client.APIToken.Query().Where(apitoken.ID(id), apitoken.RevokedAtIsNil()).Only(ctx)
	return tok, database.Classify(err, "API token")
}

// RevokeAPIToken stops a token at once. Revoking it again is a 404, like
// reading it: the revoked token is no longer shown anywhere.
func (s *Service) RevokeAPIToken(ctx context.Context, id int) error {
	v, ok := tenancy.FromContext(ctx)
	if !ok || v.UserID == 0 {
		return ErrInvalidToken
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		tok, err := tx.APIToken.Query().Where(apitoken.ID(id), apitoken.RevokedAtIsNil()).Only(ctx)
		if err != nil {
			return database.Classify(err, "API token")
		}
		// The condition on revoked_at makes a concurrent revoke record once.
		n, err := tx.APIToken.Update().Where(apitoken.ID(id), apitoken.RevokedAtIsNil()).SetRevokedAt(s.now()).Save(ctx)
		if err != nil {
			return fmt.Errorf("revoke api token: %w", err)
		}
		if n == 0 {
			return apperr.NotFound("API token")
		}
		return record(ctx, tx.Client(), Event{Type: EventAPITokenRevoked, ActorID: &v.UserID, Subject: apiTokenSubject(tok)})
	})
}

// authenticateAPIToken turns a partner API token into a viewer acting for
// the token's creator in the token's company, with the permissions both the
// token and the creator hold now. Every refusal is the same 401 except a
// request that names another tenant.
func (s *Service) authenticateAPIToken(ctx context.Context, raw string, tenantID int) (*tenancy.Viewer, error) {
	id, secret, ok := parseAPIToken(raw)
	if !ok {
		return nil, ErrInvalidToken
	}
	// The token names its own tenant, so it is read before any tenant is
	// known: this is the one read here that bypasses tenant confinement.
	tok, err := s.client.APIToken.Get(tenancy.SystemContext(ctx), id)
	if ent.IsNotFound(err) {
		return nil, ErrInvalidToken
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate api token: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(authtoken.HashSecret(secret)), []byte(tok.SecretHash)) != 1 {
		return nil, ErrInvalidToken
	}
	now := s.now()
	if tok.RevokedAt != nil || (tok.ExpiresAt != nil && !tok.ExpiresAt.After(now)) || tok.CreatedBy == nil {
		return nil, ErrInvalidToken
	}
	if tenantID != 0 && tenantID != tok.CompanyID {
		return nil, ErrTokenTenant
	}
	if !clientAllowed(reqinfo.From(ctx).ClientIP, tok.AllowedCidrs) {
		return nil, ErrInvalidToken
	}
	if tenantID == 0 {
		// A named tenant was resolved as active already; the token's own
		// company has to be checked, and answers like an access token's.
		active, err := s.TenantIsActive(ctx, tok.CompanyID)
		if err != nil {
			return nil, fmt.Errorf("authenticate api token: %w", err)
		}
		if !active {
			return nil, ErrTenantNotFound
		}
	}
	// From here on every read is confined to the token's company. The viewer
	// names no user, so the last-used stamp below leaves updated_by alone.
	tctx := tenancy.WithViewer(ctx, &tenancy.Viewer{CompanyID: tok.CompanyID})
	creator, err := s.client.User.Query().Where(user.ID(*tok.CreatedBy), user.IsActive(true)).Only(tctx)
	if ent.IsNotFound(err) {
		return nil, ErrInvalidToken
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate api token: %w", err)
	}
	held, err := s.permissionsOf(tctx, creator)
	if err != nil {
		return nil, fmt.Errorf("authenticate api token: %w", err)
	}
	granted := toSet(tok.Permissions)
	perms := make(map[string]bool, len(tok.Permissions))
	for _, code := range held {
		if granted[code] {
			perms[code] = true
		}
	}
	if tok.LastUsedAt == nil || now.Sub(*tok.LastUsedAt) >= lastUsedResolution {
		if err := s.client.APIToken.UpdateOneID(tok.ID).SetLastUsedAt(now).Exec(tctx); err != nil {
			return nil, fmt.Errorf("stamp api token use: %w", err)
		}
	}
	return &tenancy.Viewer{CompanyID: tok.CompanyID, UserID: creator.ID, APITokenID: tok.ID, Permissions: perms}, nil
}

func apiTokenSubject(t *ent.APIToken) string {
	return fmt.Sprintf("api token %d (%s)", t.ID, t.Name)
}
