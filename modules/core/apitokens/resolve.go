package apitokens

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/tenancy"
)

// lastUsedResolution is how stale last_used_at may be. Stamping it on every
// request would turn each read a partner's script makes into a write on the
// token's row; to the people reviewing their tokens, a minute is exact enough.
const lastUsedResolution = time.Minute

// Resolve finds the token a bearer credential names and checks that it may
// act now from clientIP; every refusal is ErrUnusable. The token names its
// own tenant, so it is read before any tenant is known: this read is one
// of the platform paths that bypass tenant confinement, and it reads one
// row by its id.
func (s *Service) Resolve(ctx context.Context, bearer, clientIP string) (*ent.APIToken, error) {
	id, secret, ok := parseBearer(bearer)
	if !ok {
		return nil, ErrUnusable
	}
	tok, err := s.client.APIToken.Get(tenancy.SystemContext(ctx), id)
	if ent.IsNotFound(err) {
		return nil, ErrUnusable
	}
	if err != nil {
		return nil, fmt.Errorf("resolve api token: %w", err)
	}
	if !usable(tok, secret, clientIP, s.now()) {
		return nil, ErrUnusable
	}
	return tok, nil
}

// BearerID is the id of the token a bearer credential names, if it has
// the form of one.
func BearerID(bearer string) (int, bool) {
	id, _, ok := parseBearer(bearer)
	return id, ok
}

// Usable reports whether tok, as read before, may act now for bearer from
// clientIP: the check Resolve makes, for a token remembered between
// requests.
func (s *Service) Usable(tok *ent.APIToken, bearer, clientIP string) bool {
	id, secret, ok := parseBearer(bearer)
	return ok && id == tok.ID && usable(tok, secret, clientIP, s.now())
}

// MarkUsed stamps tok's last use, at most once per lastUsedResolution.
// tok may be a copy read a while ago, so this server remembers its own
// stamps too. ctx runs in the token's tenant; it names no actor, so
// updated_by stays.
func (s *Service) MarkUsed(ctx context.Context, tok *ent.APIToken) error {
	now := s.now()
	last := tok.LastUsedAt
	if v, ok := s.stamped.Load(tok.ID); ok && (last == nil || v.(time.Time).After(*last)) {
		t := v.(time.Time)
		last = &t
	}
	if last != nil && now.Sub(*last) < lastUsedResolution {
		return nil
	}
	if err := s.client.APIToken.UpdateOneID(tok.ID).SetLastUsedAt(now).Exec(ctx); err != nil {
		return fmt.Errorf("stamp api token use: %w", err)
	}
	s.stamped.Store(tok.ID, now)
	return nil
}
