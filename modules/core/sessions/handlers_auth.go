package sessions

import (
	"context"

	"github.com/binora/binora/internal/api"
)

// Login implements POST /api/auth/login.
func (h *Handlers) Login(ctx context.Context, req *api.LoginRequest) (*api.TokenPair, error) {
	return toAPITokens(h.svc.Login(ctx, req.Email, req.Password))
}

// RefreshToken implements POST /api/auth/refresh.
func (h *Handlers) RefreshToken(ctx context.Context, req *api.RefreshRequest) (*api.TokenPair, error) {
	return toAPITokens(h.svc.Refresh(ctx, req.Refresh))
}

// Logout implements POST /api/auth/logout.
func (h *Handlers) Logout(ctx context.Context, req *api.LogoutRequest) error {
	return h.svc.Logout(ctx, req.Refresh)
}

// GetMe implements GET /api/auth/me.
func (h *Handlers) GetMe(ctx context.Context) (*api.Me, error) {
	p, err := h.svc.Me(ctx)
	if err != nil {
		return nil, err
	}
	return toAPIMe(p), nil
}

// ChangePassword implements POST /api/auth/change-password.
func (h *Handlers) ChangePassword(ctx context.Context, req *api.ChangePasswordRequest) error {
	return h.svc.ChangePassword(ctx, req.CurrentPassword, req.NewPassword)
}

// AcceptInvitation implements POST /api/auth/accept-invitation.
func (h *Handlers) AcceptInvitation(ctx context.Context, req *api.AcceptInvitationRequest) (*api.TokenPair, error) {
	return toAPITokens(h.svc.AcceptInvitation(ctx, req.Token, req.Password))
}

// RequestPasswordReset implements POST /api/auth/password-reset.
func (h *Handlers) RequestPasswordReset(ctx context.Context, req *api.PasswordResetRequest) error {
	return h.svc.RequestPasswordReset(ctx, req.Email)
}

// ConfirmPasswordReset implements POST /api/auth/password-reset/confirm.
func (h *Handlers) ConfirmPasswordReset(ctx context.Context, req *api.PasswordResetConfirmRequest) error {
	return h.svc.ConfirmPasswordReset(ctx, req.Token, req.NewPassword)
}
