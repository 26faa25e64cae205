package core

import (
	"context"
	"strings"

	"github.com/binora/binora/internal/tenancy"
)

// apiTokenPrefix starts every partner API token: "bnr_<id>_<secret>".
const apiTokenPrefix = "bnr_"

// IsAPIToken reports whether a bearer credential is a partner API token
// rather than a person's access token.
func IsAPIToken(bearer string) bool { return strings.HasPrefix(bearer, apiTokenPrefix) }

// authenticateAPIToken turns a partner API token into a viewer.
func (s *Service) authenticateAPIToken(ctx context.Context, token string, tenantID int) (*tenancy.Viewer, error) {
	return nil, ErrInvalidToken
}
