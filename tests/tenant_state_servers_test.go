package tests

import (
	"crypto/rand"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/platform"
)

// notified bounds the wait for a PostgreSQL notification: well under the
// tenant cache's 10 seconds, which would let the tests pass without one.
const notified = 3 * time.Second

// atNextRequest asserts that request, sent to serving, answers as ok says:
// at once on SQLite, where a server checks the file before each use of its
// cache; on PostgreSQL once the notification has arrived.
func atNextRequest(t *testing.T, serving *testsupport.Env, request func() error, ok func(error) bool) {
	t.Helper()
	if !serving.IsPostgres() {
		assert.True(t, ok(request()))
		return
	}
	assert.Eventually(t, func() bool { return ok(request()) }, notified, 10*time.Millisecond)
}

func isTenantNotFound(err error) bool {
	var p *api.ErrorStatusCode
	return errors.As(err, &p) && p.StatusCode == http.StatusNotFound && p.Response.Code == "tenant_not_found"
}

func succeeded(err error) bool { return err == nil }

func TestTenantDeactivation_InAnotherProcess_ShowsInRunningServers(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDBTwoServers(t, func(t *testing.T, serving, operator *testsupport.Env) {
		s := newSite(t, serving)
		getMe := func() error { _, err := s.admin.GetMe(t.Context()); return err }
		require.NoError(t, getMe(), "the serving process caches the tenant")

		_, err := operator.App.Platform.SetTenantActive(t.Context(), s.tn.Company.Subdomain, false)
		require.NoError(t, err)
		atNextRequest(t, serving, getMe, isTenantNotFound)

		_, err = operator.App.Platform.SetTenantActive(t.Context(), s.tn.Company.Subdomain, true)
		require.NoError(t, err)
		atNextRequest(t, serving, getMe, succeeded)
	})
}

func TestTenantCreation_InAnotherProcess_ShowsInRunningServers(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDBTwoServers(t, func(t *testing.T, serving, operator *testsupport.Env) {
		url := testsupport.Serve(t, serving)
		in := platform.TenantCreate{Subdomain: "late-" + strings.ToLower(rand.Text()[:10]), Name: "Late",
			AdminEmail: "admin@late.test", AdminPassword: testsupport.AdminPassword}
		client := testsupport.NewClient(t, url, in.Subdomain, "")
		login := func() error {
			_, err := client.Login(t.Context(), &api.LoginRequest{Email: in.AdminEmail, Password: in.AdminPassword})
			return err
		}
		require.True(t, isTenantNotFound(login()), "the serving process caches the unknown subdomain")

		_, err := operator.App.Platform.CreateTenant(t.Context(), in)
		require.NoError(t, err)
		atNextRequest(t, serving, login, succeeded)
	})
}
