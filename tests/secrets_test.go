package tests

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// logBuffer is a goroutine-safe sink for a test's log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// capturingSite is a site on an application whose logs go to a buffer and
// whose mail goes to mailer.
func capturingSite(t *testing.T, env *testsupport.Env, mailer *testsupport.MailRecorder) (*site, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	env = testsupport.Reopen(t, env, app.Options{Logger: logger, Mailer: mailer}, nil)
	return newSite(t, env), logs
}

func TestIdentityFlows_NeverShowASecretInALogLineOrAnAnswer(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		logs := &logBuffer{}
		env = testsupport.Reopen(t, env, app.Options{Logger: slog.New(slog.NewJSONHandler(logs, nil))}, nil)
		s := newSite(t, env)
		_, invitation := s.tn.InviteByMail(t, "quiet@secrets.test")
		accepted := send(t, s.url, rawRequest{
			Method: http.MethodPost, Path: "/api/auth/accept-invitation", Tenant: s.tn.Company.Subdomain,
			Body: `{"token":"` + invitation + `","password":"` + invitedPassword + `"}`,
		})
		require.Equal(t, http.StatusOK, accepted.Status, "body: %s", accepted.Body)
		s.requestReset(t, s.tn.Admin.Email)
		reset := s.tn.MailToken(t, s.tn.Admin.Email)
		require.NoError(t, s.confirmReset(t, reset, resetPassword))
		s.admin = s.tn.Login(t, s.url, s.tn.Admin.Email, resetPassword)
		spent := send(t, s.url, rawRequest{
			Method: http.MethodPost, Path: "/api/auth/password-reset/confirm", Tenant: s.tn.Company.Subdomain,
			Body: `{"token":"` + reset + `","new_password":"` + resetPassword + `"}`,
		})
		events := s.raw(t, http.MethodGet, "/api/security-events?limit=100", "")
		require.Equal(t, http.StatusOK, events.Status)
		env.App.Drain()

		secrets := []string{invitation, reset, invitedPassword, resetPassword}
		hashes, err := env.App.DB.Client.UserToken.Query().Select(usertoken.FieldTokenHash).Strings(s.tn.Ctx())
		require.NoError(t, err)
		secrets = append(secrets, hashes...)
		pw, err := env.App.DB.Client.User.Query().Select(user.FieldPasswordHash).Strings(s.tn.Ctx())
		require.NoError(t, err)
		secrets = append(secrets, pw...)
		require.Len(t, hashes, 2)
		assert.Contains(t, logs.String(), "quiet@secrets.test", "the mailer logged the invitation")
		for _, secret := range secrets {
			if secret == "" {
				continue
			}
			assert.NotContains(t, logs.String(), secret)
			assert.NotContains(t, string(accepted.Body), secret)
			assert.NotContains(t, string(spent.Body), secret)
			assert.NotContains(t, string(events.Body), secret)
		}
	})
}

func TestMail_IsDeliveredAfterCommitWithTheTokenOfTheOutbox(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		mailer := &testsupport.MailRecorder{}
		env = testsupport.Reopen(t, env, app.Options{Mailer: mailer}, func(c *config.Config) {
			c.PublicURL = "https://binora.example.test"
		})
		s := newSite(t, env)

		s.requestReset(t, s.tn.Admin.Email)
		s.env.App.Drain()

		sent := mailer.Sent()
		require.Len(t, sent, 1)
		assert.Equal(t, s.tn.Admin.Email, sent[0].To)
		assert.Equal(t, s.tn.MailToken(t, s.tn.Admin.Email), testsupport.TokenIn(sent[0].Body))
		assert.Contains(t, sent[0].Body, "https://binora.example.test/api/auth/password-reset/confirm",
			"the link points at the configured public address")
	})
}

// A client chooses its Host header; a reset mail must not send the victim
// to the address the requester named.
func TestMail_LinksNeverComeFromTheRequestsHost(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		mailer := &testsupport.MailRecorder{}
		s, _ := capturingSite(t, env, mailer)
		req, err := http.NewRequest(http.MethodPost, s.url+"/api/auth/password-reset",
			strings.NewReader(`{"email":"`+s.tn.Admin.Email+`"}`))
		require.NoError(t, err)
		req.Host = "evil.example"
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Tenant", s.tn.Company.Subdomain)

		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		s.env.App.Drain()

		require.Equal(t, http.StatusAccepted, resp.StatusCode)
		sent := mailer.Sent()
		require.Len(t, sent, 1)
		assert.NotContains(t, sent[0].Body, "evil.example")
		assert.Contains(t, sent[0].Body, "POST /api/auth/password-reset/confirm")
	})
}

func TestMail_DeliveryFailure_IsLoggedAndTheOutboxKeepsTheMessage(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		mailer := &testsupport.MailRecorder{Err: errors.New("connection refused by smtp.example.test")}
		s, logs := capturingSite(t, env, mailer)

		err := s.client(t).RequestPasswordReset(t.Context(), &api.PasswordResetRequest{Email: s.tn.Admin.Email})
		s.env.App.Drain()

		require.NoError(t, err, "the answer does not depend on delivery")
		token := s.tn.MailToken(t, s.tn.Admin.Email)
		assert.Contains(t, logs.String(), "mail not delivered")
		assert.Contains(t, logs.String(), "connection refused by smtp.example.test")
		assert.NotContains(t, logs.String(), token)
		assert.NoError(t, s.confirmReset(t, token, resetPassword), "the kept message is usable")
	})
}
