package tests

import (
	"net/http"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// loginRaw posts a login to the site's tenant with net/http, so that the
// Retry-After header can be read.
func (s *site) loginRaw(t *testing.T, email, password string) rawResponse {
	t.Helper()
	return send(t, s.url, rawRequest{
		Method: http.MethodPost, Path: "/api/auth/login", Tenant: s.tn.Company.Subdomain,
		Body: `{"email":"` + email + `","password":"` + password + `"}`,
	})
}

// assertRateLimited checks a 429 rate_limited answer whose Retry-After is a
// whole number of seconds within the window.
func assertRateLimited(t *testing.T, r rawResponse, window time.Duration) {
	t.Helper()
	p := r.problem(t, http.StatusTooManyRequests)
	assert.Equal(t, "rate_limited", p.Code)
	secs, err := strconv.Atoi(r.Header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After: %q", r.Header.Get("Retry-After"))
	assert.Positive(t, secs)
	assert.LessOrEqual(t, secs, int(window.Seconds()))
}

func TestLogin_AfterFiveFailures_Is429EvenWithTheRightPassword(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		other := s.tn.NewUser(t, "bystander@limits.test", "bystander-password", false)
		for i := range 5 {
			r := s.loginRaw(t, s.tn.Admin.Email, "wrong-guess-"+strconv.Itoa(i))
			require.Equal(t, http.StatusUnauthorized, r.Status, "failure %d: %s", i+1, r.Body)
		}

		blocked := s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword)

		assertRateLimited(t, blocked, 15*time.Minute)
		assert.Equal(t, http.StatusOK, s.loginRaw(t, other.Email, "bystander-password").Status,
			"another email of the tenant is not affected")
		b := s.otherTenant(t)
		assert.Equal(t, http.StatusOK, b.loginRaw(t, b.tn.Admin.Email, testsupport.AdminPassword).Status,
			"another tenant is not affected")
	})
}

func TestLogin_UnknownEmailFailures_AreLimitedLikeKnownOnes(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for range 5 {
			require.Equal(t, http.StatusUnauthorized, s.loginRaw(t, "ghost@limits.test", "some-guess").Status)
		}

		assertRateLimited(t, s.loginRaw(t, "ghost@limits.test", "some-guess"), 15*time.Minute)
	})
}

func TestLogin_ConfiguredFailureLimit_EndsWithItsWindow(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		clock := testsupport.NewClock()
		env = testsupport.Reopen(t, env, app.Options{Now: clock.Now}, func(c *config.Config) {
			c.LoginFailuresPerWindow = 2
			c.LoginFailureWindow = 10 * time.Minute
		})
		s := newSite(t, env)
		s.loginRaw(t, s.tn.Admin.Email, "wrong-1")
		s.loginRaw(t, s.tn.Admin.Email, "wrong-2")

		assertRateLimited(t, s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword), 10*time.Minute)
		clock.Advance(9 * time.Minute)
		assertRateLimited(t, s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword), time.Minute)
		clock.Advance(time.Minute)
		assert.Equal(t, http.StatusOK, s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword).Status)
	})
}

func TestLogin_CompletedPasswordReset_LiftsTheBlock(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for range 5 {
			s.loginRaw(t, s.tn.Admin.Email, "wrong-guess")
		}
		s.requestReset(t, s.tn.Admin.Email)
		require.NoError(t, s.confirmReset(t, s.tn.MailToken(t, s.tn.Admin.Email), resetPassword))

		assert.Equal(t, http.StatusOK, s.loginRaw(t, s.tn.Admin.Email, resetPassword).Status)
	})
}

func TestAuthRequests_PerClientAddress_Are429PastTheLimit(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		env = testsupport.Reopen(t, env, app.Options{}, func(c *config.Config) { c.AuthRequestsPerMinute = 3 })
		s := newSite(t, env) // its admin's login is the first request
		reset := rawRequest{
			Method: http.MethodPost, Path: "/api/auth/password-reset", Tenant: s.tn.Company.Subdomain,
			Body: `{"email":"someone@limits.test"}`,
		}
		require.Equal(t, http.StatusAccepted, send(t, s.url, reset).Status)
		require.Equal(t, http.StatusUnauthorized, s.loginRaw(t, "someone@limits.test", "a-guess").Status)

		assertRateLimited(t, s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword), time.Minute)
		assertRateLimited(t, send(t, s.url, reset), time.Minute)
		_, err := s.admin.GetMe(t.Context())
		assert.NoError(t, err, "other endpoints are not limited")
	})
}

// An IPv6 subscriber holds a whole /64 and can send each request from
// another address of it: the per-address limit counts the /64.
func TestAuthRequests_FromOneIPv6Slash64_ShareTheLimit(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		env = testsupport.Reopen(t, env, app.Options{}, func(c *config.Config) {
			c.AuthRequestsPerMinute = 2
			c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		})
		s := newSite(t, env) // from 127.0.0.1, which proxies without a forwarded address
		reset := func(from string) rawResponse {
			return send(t, s.url, rawRequest{
				Method: http.MethodPost, Path: "/api/auth/password-reset", Tenant: s.tn.Company.Subdomain,
				Body: `{"email":"someone@limits.test"}`, Header: map[string]string{"X-Forwarded-For": from},
			})
		}
		require.Equal(t, http.StatusAccepted, reset("2001:db8:7:1::a").Status)
		require.Equal(t, http.StatusAccepted, reset("2001:db8:7:1::b").Status)

		assertRateLimited(t, reset("2001:db8:7:1:ffff::c"), time.Minute)
		assert.Equal(t, http.StatusAccepted, reset("2001:db8:7:2::a").Status, "the next /64 is another client")
	})
}
