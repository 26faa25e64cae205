package sessions

import (
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/modules/core/directory"
)

// toAPITokens shows the answer of a call that signs someone in.
func toAPITokens(t *Tokens, err error) (*api.TokenPair, error) {
	if err != nil {
		return nil, err
	}
	return &api.TokenPair{
		Access: t.Access, Refresh: t.Refresh, AccessExpiresAt: t.AccessExpiresAt,
		User: directory.ToAPIUser(t.User, t.Teams), Permissions: t.Permissions,
	}, nil
}

// toAPIMe shows a profile.
func toAPIMe(p *Profile) *api.Me {
	return &api.Me{
		User:        directory.ToAPIUser(p.User, p.Teams),
		Company:     api.CompanySummary{ID: int64(p.Company.ID), Name: p.Company.Name, Subdomain: p.Company.Subdomain},
		Permissions: p.Permissions,
	}
}
