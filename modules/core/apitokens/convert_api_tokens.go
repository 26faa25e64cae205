package apitokens

import (
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

// toAPIToken shows a token without its secret, which is not stored anyway.
func toAPIToken(t *ent.APIToken) api.APIToken {
	return api.APIToken{
		ID: int64(t.ID), Name: t.Name, Permissions: nonNil(t.Permissions),
		ExpiresAt: nilTime(t.ExpiresAt), AllowedCidrs: nonNil(t.AllowedCidrs),
		CreatedAt: t.CreatedAt, LastUsedAt: nilTime(t.LastUsedAt),
	}
}

// toAPITokenCreated is the creation answer: the token and, this once, its
// bearer form.
func toAPITokenCreated(t *ent.APIToken, bearer string) *api.APITokenCreated {
	v := toAPIToken(t)
	return &api.APITokenCreated{
		ID: v.ID, Name: v.Name, Permissions: v.Permissions, ExpiresAt: v.ExpiresAt,
		AllowedCidrs: v.AllowedCidrs, CreatedAt: v.CreatedAt, LastUsedAt: v.LastUsedAt, Token: bearer,
	}
}

// createOf reads a creation body; an omitted expires_at is no expiry.
func createOf(req *api.APITokenCreate) Create {
	in := Create{Name: req.Name, Permissions: req.Permissions, AllowedCIDRs: req.AllowedCidrs}
	if v, ok := req.ExpiresAt.Get(); ok {
		in.ExpiresAt = &v
	}
	return in
}

// nilTime is a nullable timestamp of a token: null until it happens.
func nilTime(t *time.Time) api.NilDateTime {
	var out api.NilDateTime
	if t == nil {
		out.SetToNull()
	} else {
		out.SetTo(*t)
	}
	return out
}

// nonNil keeps required arrays "[]" rather than null in the JSON.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
