package tests

import (
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// The addresses of the lockout tests, as a trusted proxy on 127.0.0.1
// forwards them.
const (
	attackerAddress = "198.51.100.9"
	ownerAddress    = "203.0.113.7"
)

// behindProxy reopens env with 127.0.0.1 as a trusted proxy, so that a
// request can name its client address, timed by clock and changed by
// change when not nil.
func behindProxy(t *testing.T, env *testsupport.Env, clock *testsupport.Clock, change func(*config.Config)) *testsupport.Env {
	t.Helper()
	return testsupport.Reopen(t, env, app.Options{Now: clock.Now}, func(c *config.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		if change != nil {
			change(c)
		}
	})
}

// loginFrom posts a login of email from the client address from.
func (s *site) loginFrom(t *testing.T, from, email, password string) rawResponse {
	t.Helper()
	return send(t, s.url, rawRequest{
		Method: http.MethodPost, Path: "/api/auth/login", Tenant: s.tn.Company.Subdomain,
		Body:   `{"email":"` + email + `","password":"` + password + `"}`,
		Header: map[string]string{"X-Forwarded-For": from},
	})
}

// changePasswordRaw posts a password change with the access token access.
func (s *site) changePasswordRaw(t *testing.T, access, current, next string) rawResponse {
	t.Helper()
	return send(t, s.url, rawRequest{
		Method: http.MethodPost, Path: "/api/auth/change-password", Tenant: s.tn.Company.Subdomain, Token: access,
		Body: `{"current_password":"` + current + `","new_password":"` + next + `"}`,
	})
}

// blockEvents are the subjects of the events that say password checks of
// the admin's email were blocked.
func (s *site) blockEvents(t *testing.T) []string {
	t.Helper()
	var out []string
	l := s.securityEvents(t, api.ListSecurityEventsParams{Type: api.NewOptSecurityEventType(api.SecurityEventTypeLoginFailed)})
	for _, ev := range l.Results {
		if strings.HasPrefix(ev.Subject, "password checks blocked") {
			out = append(out, ev.Subject)
		}
	}
	return out
}

func TestChangePassword_PastTheFailureLimit_Is429AndKeepsThePassword(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		clock := testsupport.NewClock()
		s := newSite(t, behindProxy(t, env, clock, nil))
		access := s.login(t, s.tn.Admin.Email, testsupport.AdminPassword).Access
		for i := range 5 {
			r := s.changePasswordRaw(t, access, "wrong-guess-"+strconv.Itoa(i), "a-brand-new-password")
			require.Equal(t, http.StatusBadRequest, r.Status, "failure %d: %s", i+1, r.Body)
		}

		assertRateLimited(t, s.changePasswordRaw(t, access, testsupport.AdminPassword, "a-brand-new-password"), 15*time.Minute)
		assertRateLimited(t, s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword), 15*time.Minute)
		assert.Equal(t, []string{"password checks blocked for " + s.tn.Admin.Email + " from this address for 15m0s"}, s.blockEvents(t))
		clock.Advance(15 * time.Minute)
		access = s.login(t, s.tn.Admin.Email, testsupport.AdminPassword).Access // the password is unchanged
		assert.Equal(t, http.StatusNoContent, s.changePasswordRaw(t, access, testsupport.AdminPassword, "a-brand-new-password").Status)
	})
}

func TestLogin_FromAnotherAddress_WorksAfterAnAttackersFailures(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, behindProxy(t, env, testsupport.NewClock(), nil))
		for i := range 5 {
			r := s.loginFrom(t, attackerAddress, s.tn.Admin.Email, "wrong-guess-"+strconv.Itoa(i))
			require.Equal(t, http.StatusUnauthorized, r.Status, "failure %d: %s", i+1, r.Body)
		}

		assertRateLimited(t, s.loginFrom(t, attackerAddress, s.tn.Admin.Email, testsupport.AdminPassword), 15*time.Minute)
		assert.Equal(t, http.StatusOK, s.loginFrom(t, ownerAddress, s.tn.Admin.Email, testsupport.AdminPassword).Status)
		assert.Equal(t, []string{"password checks blocked for " + s.tn.Admin.Email + " from this address for 15m0s"}, s.blockEvents(t))
	})
}

func TestLogin_PerEmailCeiling_StopsGuessingFromManyAddresses(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		clock := testsupport.NewClock()
		s := newSite(t, behindProxy(t, env, clock, func(c *config.Config) { c.EmailFailuresPerHour = 6 }))
		for i := range 6 {
			from := "192.0.2." + strconv.Itoa(i/2+1) // two guesses from each of three addresses
			r := s.loginFrom(t, from, s.tn.Admin.Email, "wrong-guess-"+strconv.Itoa(i))
			require.Equal(t, http.StatusUnauthorized, r.Status, "failure %d: %s", i+1, r.Body)
		}

		assertRateLimited(t, s.loginFrom(t, ownerAddress, s.tn.Admin.Email, testsupport.AdminPassword), time.Hour)
		assert.Equal(t, []string{"password checks blocked for " + s.tn.Admin.Email + " from every address for 1h0m0s"}, s.blockEvents(t))
		clock.Advance(time.Hour)
		assert.Equal(t, http.StatusOK, s.loginFrom(t, ownerAddress, s.tn.Admin.Email, testsupport.AdminPassword).Status)
	})
}
