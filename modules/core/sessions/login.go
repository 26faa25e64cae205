package sessions

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/core/events"
)

// Tokens is what login, refresh and accepting an invitation hand out.
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
// session. The answer is the same whether the email exists or not, and so
// is its time: an unknown email is checked against a dummy hash at the
// current parameters, and a hash of other parameters is padded to that
// cost (internal/password), then replaced on success (upgradedHash).
func (s *Service) Login(ctx context.Context, email, plain string) (*Tokens, error) {
	companyID, ok := tenancy.TenantOf(ctx)
	if !ok {
		return nil, ErrTenantRequired
	}
	email = strings.ToLower(strings.TrimSpace(email))
	check, err := s.admitLogin(ctx, companyID, email)
	if err != nil {
		return nil, err
	}
	u, err := s.client.User.Query().Where(user.Email(email)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("login: %w", err)
	}
	canLogIn := u != nil && u.IsActive && u.PasswordHash != "" && !u.InvitationPending
	stored := s.dummyHash
	if canLogIn {
		stored = u.PasswordHash
	}
	match, err := s.hasher.Verify(ctx, plain, stored)
	if err != nil && !errors.Is(err, password.ErrMalformedHash) {
		// Not a guess either: the server had no capacity to check it.
		s.passed(ctx, check)
		return nil, err
	}
	if !match || !canLogIn {
		return nil, s.loginFailed(ctx, check)
	}
	s.passed(ctx, check)
	return s.signIn(tenancy.WithActor(ctx, companyID, &tenancy.Actor{UserID: u.ID}), u, plain)
}

// signIn opens a session for u, whose password plain has just matched,
// and replaces u's hash if it is outdated.
func (s *Service) signIn(ctx context.Context, u *ent.User, plain string) (*Tokens, error) {
	upgraded := s.upgradedHash(ctx, u, plain)
	var sess opened
	err := database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		var err error
		if sess, err = s.openSession(ctx, tx, u); err != nil {
			return err
		}
		update := tx.User.UpdateOne(u).SetLastLoginAt(s.now())
		if upgraded != "" {
			update.SetPasswordHash(upgraded)
		}
		if u, err = update.Save(ctx); err != nil {
			return err
		}
		return s.events.Record(ctx, tx.Client(), events.Event{Type: events.LoginSucceeded, ActorID: u.ID, Subject: events.UserSubject(u)})
	})
	if err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	return s.tokensFor(ctx, u, sess)
}

// upgradedHash returns plain hashed at the current parameters when u's
// stored hash was made with others, else "". Checks against other
// parameters are padded to the current cost (see internal/password), but
// no padding hides a costlier hash, and the current parameters are the
// ones the operator chose: a login is the one moment the password is at
// hand to replace it. Without a hashing slot the old hash stays, for the
// next login to replace.
func (s *Service) upgradedHash(ctx context.Context, u *ent.User, plain string) string {
	if !s.hasher.Outdated(u.PasswordHash) {
		return ""
	}
	hash, err := s.hasher.Hash(ctx, plain)
	if err != nil {
		s.logger.WarnContext(ctx, "outdated password hash kept", slog.String("error", err.Error()))
		return ""
	}
	return hash
}

// loginFailed records a failed login (admitLogin has counted it already);
// the event names no actor, whether or not the email belongs to someone.
// It returns the error the login answers.
func (s *Service) loginFailed(ctx context.Context, check *passwordCheck) error {
	if err := s.events.Record(ctx, s.client, events.Event{Type: events.LoginFailed, Subject: check.shownAs}); err != nil {
		return fmt.Errorf("login: %w", err)
	}
	if err := s.failed(ctx, check); err != nil {
		return err
	}
	return ErrBadCredentials
}

// opened is an open session and its current refresh token.
type opened struct {
	id      int
	refresh string
}

// openSession starts a session for u inside tx and issues its first
// refresh token.
func (s *Service) openSession(ctx context.Context, tx *ent.Tx, u *ent.User) (opened, error) {
	sess, err := tx.Session.Create().SetUserID(u.ID).SetExpiresAt(s.now().Add(s.refreshTTL)).Save(ctx)
	if err != nil {
		return opened{}, err
	}
	refresh, err := newRefreshToken(ctx, tx, sess.ID)
	return opened{id: sess.ID, refresh: refresh}, err
}

// newRefreshToken issues a refresh token of session sessionID inside tx;
// only its hash is stored.
func newRefreshToken(ctx context.Context, tx *ent.Tx, sessionID int) (string, error) {
	token, hash, err := authtoken.NewSecret()
	if err != nil {
		return "", err
	}
	return token, tx.RefreshToken.Create().SetSessionID(sessionID).SetTokenHash(hash).Exec(ctx)
}

// tokensFor issues an access token of sess for u and adds what a client
// shows of u: their teams and permissions.
func (s *Service) tokensFor(ctx context.Context, u *ent.User, sess opened) (*Tokens, error) {
	access, exp, err := s.tokens.Issue(authtoken.Claims{UserID: u.ID, CompanyID: u.CompanyID, SessionID: sess.id})
	if err != nil {
		return nil, err
	}
	perms, teams, err := s.standingOf(ctx, u)
	if err != nil {
		return nil, err
	}
	return &Tokens{Access: access, AccessExpiresAt: exp, Refresh: sess.refresh, User: u, Teams: teams, Permissions: perms}, nil
}

// standingOf is what login and me show of u besides the user itself: the
// codes u holds and u's teams.
func (s *Service) standingOf(ctx context.Context, u *ent.User) ([]string, []*ent.Team, error) {
	perms, err := directory.PermissionsOf(ctx, s.client, u)
	if err != nil {
		return nil, nil, err
	}
	teams, err := s.directory.TeamsOf(ctx, u.ID)
	if err != nil {
		return nil, nil, err
	}
	return perms, teams[u.ID], nil
}
