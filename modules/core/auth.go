package core

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/predicate"
	"github.com/binora/binora/ent/refreshtoken"
	"github.com/binora/binora/ent/session"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/tenancy"
)

// Authentication failures. Each answers 401 with code unauthenticated, as
// openapi.yaml documents, except a token of another tenant; the detail
// says which credential failed.
var (
	ErrBadCredentials   = apperr.Unauthenticated("unauthenticated", "Invalid email or password.")
	ErrInvalidToken     = apperr.Unauthenticated("unauthenticated", "The access token is missing, invalid or expired.")
	ErrInvalidRefresh   = apperr.Unauthenticated("unauthenticated", "The refresh token is invalid, spent or expired.")
	ErrTokenTenant      = apperr.Unauthenticated("token_tenant_mismatch", "The token was issued for another tenant.")
	ErrTenantRequired   = &apperr.Error{Kind: apperr.KindInvalid, Code: "tenant_required", Detail: "Name the tenant with the X-Tenant header or the host name."}
	ErrWrongPassword    = apperr.Invalid("current_password", "The current password is not correct.")
	errRefreshTokenUsed = errors.New("refresh token re-used")
)

// Tokens is what login and refresh hand out.
type Tokens struct {
	Access          string
	AccessExpiresAt time.Time
	Refresh         string
	User            *ent.User
	// Teams are the user's teams, sorted by name.
	Teams       []*ent.Team
	Permissions []string
}

// Login checks email and password within the tenant of ctx and opens a
// session. The answer is the same whether the email exists or not.
func (s *Service) Login(ctx context.Context, email, plain string) (*Tokens, error) {
	v, ok := tenancy.FromContext(ctx)
	if !ok {
		return nil, ErrTenantRequired
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if err := s.admitLogin(ctx, v.CompanyID, email); err != nil {
		return nil, err
	}
	u, err := s.client.User.Query().Where(user.Email(email)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("login: %w", err)
	}
	if u == nil || !u.IsActive || u.PasswordHash == "" || u.InvitationPending {
		_, _ = password.Verify(plain, s.dummyHash)
		return nil, s.loginFailed(ctx, email)
	}
	if match, err := password.Verify(plain, u.PasswordHash); err != nil || !match {
		return nil, s.loginFailed(ctx, email)
	}
	s.loginSucceeded(v.CompanyID, email)
	ctx = tenancy.WithViewer(ctx, &tenancy.Viewer{CompanyID: v.CompanyID, UserID: u.ID})
	var refresh string
	var sessionID int
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		sess, err := tx.Session.Create().SetUserID(u.ID).SetExpiresAt(s.now().Add(s.refreshTTL)).Save(ctx)
		if err != nil {
			return err
		}
		sessionID = sess.ID
		if refresh, err = s.newRefreshToken(ctx, tx, sess.ID); err != nil {
			return err
		}
		u, err = tx.User.UpdateOne(u).SetLastLoginAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		return record(ctx, tx.Client(), Event{Type: EventLoginSucceeded, ActorID: &u.ID, Subject: userSubject(u)})
	})
	if err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	return s.tokensFor(ctx, u, sessionID, refresh)
}

// Refresh spends a refresh token and returns a new access and refresh token
// for its session. A token presented a second time has leaked: its session
// is revoked and the answer is 401.
func (s *Service) Refresh(ctx context.Context, raw string) (*Tokens, error) {
	if _, ok := tenancy.FromContext(ctx); !ok {
		return nil, ErrTenantRequired
	}
	var (
		u       *ent.User
		refresh string
		sessID  int
	)
	err := database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		rt, err := tx.RefreshToken.Query().
			Where(refreshtoken.TokenHash(authtoken.HashSecret(raw))).
			WithSession().Only(ctx)
		if ent.IsNotFound(err) {
			return ErrInvalidRefresh
		}
		if err != nil {
			return err
		}
		sess := rt.Edges.Session
		sessID = sess.ID
		if rt.UsedAt != nil {
			return errRefreshTokenUsed
		}
		if sess.RevokedAt != nil || !sess.ExpiresAt.After(s.now()) {
			return ErrInvalidRefresh
		}
		// Spend the token only if nobody spent it in the meantime.
		n, err := tx.RefreshToken.Update().
			Where(refreshtoken.ID(rt.ID), refreshtoken.UsedAtIsNil()).
			SetUsedAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return errRefreshTokenUsed
		}
		u, err = tx.User.Query().Where(user.ID(sess.UserID), user.IsActive(true)).Only(ctx)
		if ent.IsNotFound(err) {
			return ErrInvalidRefresh
		}
		if err != nil {
			return err
		}
		refresh, err = s.newRefreshToken(ctx, tx, sess.ID)
		return err
	})
	if errors.Is(err, errRefreshTokenUsed) {
		if rerr := s.revokeSessions(ctx, session.ID(sessID)); rerr != nil {
			return nil, fmt.Errorf("revoke session of a re-used refresh token: %w", rerr)
		}
		return nil, ErrInvalidRefresh
	}
	if err != nil {
		return nil, fmt.Errorf("refresh: %w", err)
	}
	return s.tokensFor(ctx, u, sessID, refresh)
}

// Logout revokes the session of a refresh token. An unknown token is not an
// error: the outcome the caller wants already holds.
func (s *Service) Logout(ctx context.Context, raw string) error {
	if _, ok := tenancy.FromContext(ctx); !ok {
		return ErrTenantRequired
	}
	rt, err := s.client.RefreshToken.Query().
		Where(refreshtoken.TokenHash(authtoken.HashSecret(raw))).WithSession().Only(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	if rt.Edges.Session.RevokedAt != nil {
		return nil // ended already: nothing happened to record
	}
	if err := s.revokeSessions(ctx, session.ID(rt.SessionID)); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return s.recordLogout(ctx, rt.Edges.Session)
}

// Authenticate turns an access token into the viewer of a request.
// tenantID is the company the request addressed, or 0 when it named none
// (then the token's company is the tenant, if it is active).
func (s *Service) Authenticate(ctx context.Context, access string, tenantID int) (*tenancy.Viewer, error) {
	if IsAPIToken(access) {
		return s.authenticateAPIToken(ctx, access, tenantID)
	}
	claims, err := s.tokens.Verify(access)
	if err != nil {
		return nil, ErrInvalidToken
	}
	if tenantID != 0 && tenantID != claims.CompanyID {
		return nil, ErrTokenTenant
	}
	if tenantID == 0 {
		active, err := s.TenantIsActive(ctx, claims.CompanyID)
		if err != nil {
			return nil, fmt.Errorf("authenticate: %w", err)
		}
		if !active {
			return nil, ErrTenantNotFound
		}
	}
	v := &tenancy.Viewer{CompanyID: claims.CompanyID, UserID: claims.UserID, SessionID: claims.SessionID}
	ctx = tenancy.WithViewer(ctx, v)
	live, err := s.client.Session.Query().
		Where(session.ID(claims.SessionID), session.UserID(claims.UserID),
			session.RevokedAtIsNil(), session.ExpiresAtGT(s.now())).
		Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	if !live {
		return nil, ErrInvalidToken
	}
	u, err := s.client.User.Query().Where(user.ID(claims.UserID), user.IsActive(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrInvalidToken
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	perms, err := s.permissionsOf(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	v.Admin = u.IsAdmin
	v.Permissions = toSet(perms)
	return v, nil
}

// ChangePassword sets a new password for the viewer and revokes every other
// session of theirs.
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	v, ok := tenancy.FromContext(ctx)
	if !ok || v.UserID == 0 {
		return ErrInvalidToken
	}
	if v.APITokenID != 0 {
		return ErrPasswordByAPIToken
	}
	u, err := s.client.User.Get(ctx, v.UserID)
	if err != nil {
		return database.Classify(err, "User")
	}
	if match, err := password.Verify(current, u.PasswordHash); err != nil || !match {
		return ErrWrongPassword
	}
	if err := password.CheckPolicy(next, u.Email); err != nil {
		return apperr.Invalid("new_password", err.Error())
	}
	hash, err := s.hasher.Hash(next)
	if err != nil {
		return err
	}
	return database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if err := tx.User.UpdateOneID(u.ID).SetPasswordHash(hash).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.Session.Update().
			Where(session.UserID(u.ID), session.IDNEQ(v.SessionID), session.RevokedAtIsNil()).
			SetRevokedAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		return record(ctx, tx.Client(), Event{Type: EventPasswordChanged, ActorID: &u.ID, Subject: userSubject(u)})
	})
}

func (s *Service) revokeSessions(ctx context.Context, where ...predicate.Session) error {
	_, err := s.client.Session.Update().Where(where...).Where(session.RevokedAtIsNil()).
		SetRevokedAt(s.now()).Save(ctx)
	return err
}

func (s *Service) newRefreshToken(ctx context.Context, tx *ent.Tx, sessionID int) (string, error) {
	token, hash, err := authtoken.NewSecret()
	if err != nil {
		return "", err
	}
	return token, tx.RefreshToken.Create().SetSessionID(sessionID).SetTokenHash(hash).Exec(ctx)
}

func (s *Service) tokensFor(ctx context.Context, u *ent.User, sessionID int, refresh string) (*Tokens, error) {
	access, exp, err := s.tokens.Issue(authtoken.Claims{UserID: u.ID, CompanyID: u.CompanyID, SessionID: sessionID})
	if err != nil {
		return nil, err
	}
	perms, teams, err := s.standingOf(ctx, u)
	if err != nil {
		return nil, err
	}
	return &Tokens{Access: access, AccessExpiresAt: exp, Refresh: refresh, User: u, Teams: teams, Permissions: perms}, nil
}
