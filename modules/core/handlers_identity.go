package core

import (
	"context"

	"github.com/binora/binora/internal/api"
)

// AcceptInvitation implements POST /api/auth/accept-invitation.
func (h *Handlers) AcceptInvitation(ctx context.Context, req *api.AcceptInvitationRequest) (*api.TokenPair, error) {
	return nil, errNotBuilt
}

// RequestPasswordReset implements POST /api/auth/password-reset.
func (h *Handlers) RequestPasswordReset(ctx context.Context, req *api.PasswordResetRequest) error {
	return errNotBuilt
}

// ConfirmPasswordReset implements POST /api/auth/password-reset/confirm.
func (h *Handlers) ConfirmPasswordReset(ctx context.Context, req *api.PasswordResetConfirmRequest) error {
	return errNotBuilt
}

// ListSecurityEvents implements GET /api/security-events.
func (h *Handlers) ListSecurityEvents(ctx context.Context, params api.ListSecurityEventsParams) (*api.SecurityEventList, error) {
	return nil, errNotBuilt
}
