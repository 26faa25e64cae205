package tests

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// busySite is a site whose server hashes one password at a time and waits
// for a slot only briefly.
func busySite(t *testing.T, env *testsupport.Env) *site {
	t.Helper()
	env = testsupport.Reopen(t, env, app.Options{}, func(c *config.Config) {
		c.PasswordHashing = config.PasswordHashing{Concurrency: 1, Wait: time.Millisecond}
	})
	return newSite(t, env)
}

// fillHashing takes the server's only hashing slot, as a long hash in
// another request would, until the returned function gives it back.
func (s *site) fillHashing(t *testing.T) (release func()) {
	t.Helper()
	release, err := s.env.App.Hasher.Gate().Acquire(t.Context())
	require.NoError(t, err)
	t.Cleanup(release)
	return release
}

// assertBusy checks a 503 problem+json whose Retry-After is a whole,
// positive number of seconds.
func assertBusy(t *testing.T, r rawResponse) {
	t.Helper()
	p := r.problem(t, http.StatusServiceUnavailable)
	assert.Equal(t, "service_unavailable", p.Code)
	assert.Equal(t, "1", r.Header.Get("Retry-After"))
}

func TestPasswordHashing_AtCapacity_LoginPasswordChangeAndUserCreateAnswer503(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := busySite(t, env)
		s.fillHashing(t)

		login := s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword)
		change := s.raw(t, http.MethodPost, "/api/auth/change-password",
			`{"current_password":"`+testsupport.AdminPassword+`","new_password":"another-long-password"}`)
		create := s.raw(t, http.MethodPost, "/api/users",
			`{"email":"new@busy.test","password":"a-long-new-password"}`)

		assertBusy(t, login)
		assertBusy(t, change)
		assertBusy(t, create)
	})
}

func TestPasswordHashing_AtCapacity_RefusalsAreNotCountedAsFailedLogins(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := busySite(t, env)
		release := s.fillHashing(t)
		for range 6 {
			assertBusy(t, s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword))
		}

		release()
		r := s.loginRaw(t, s.tn.Admin.Email, testsupport.AdminPassword)

		assert.Equal(t, http.StatusOK, r.Status, "once a slot is free, the owner logs in: %s", r.Body)
	})
}
