package testsupport

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ogen-go/ogen/ogenerrors"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
)

// Serve starts the application's HTTP handler on a loopback port and
// returns its base URL.
func Serve(t testing.TB, env *Env) string {
	t.Helper()
	srv := httptest.NewServer(env.App.Handler)
	t.Cleanup(srv.Close)
	return srv.URL
}

// Client is a generated API client bound to a tenant and, once logged in,
// an access token.
type Client struct {
	*api.Client
	Token string
}

type tokenSource struct{ c *Client }

func (s tokenSource) BearerAuth(context.Context, api.OperationName) (api.BearerAuth, error) {
	if s.c.Token == "" {
		return api.BearerAuth{}, ogenerrors.ErrSkipClientSecurity
	}
	return api.BearerAuth{Token: s.c.Token}, nil
}

// headerTransport adds fixed headers (X-Tenant) to every request.
type headerTransport struct {
	headers map[string]string
}

func (h headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	for k, v := range h.headers {
		r.Header.Set(k, v)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// NewClient returns a client for baseURL that names tenant in X-Tenant
// (none when tenant is "") and sends token, if any.
func NewClient(t testing.TB, baseURL, tenant, token string) *Client {
	t.Helper()
	headers := map[string]string{}
	if tenant != "" {
		headers["X-Tenant"] = tenant
	}
	c := &Client{Token: token}
	inner, err := api.NewClient(baseURL, tokenSource{c},
		api.WithClient(&http.Client{Transport: headerTransport{headers: headers}}))
	require.NoError(t, err)
	c.Client = inner
	return c
}

// AdminClient logs in as the tenant's admin and returns the client.
func (tn *Tenant) AdminClient(t testing.TB, baseURL string) *Client {
	t.Helper()
	return tn.Login(t, baseURL, tn.Admin.Email, AdminPassword)
}

// Login logs in to the tenant with email and password.
func (tn *Tenant) Login(t testing.TB, baseURL, email, plain string) *Client {
	t.Helper()
	c := NewClient(t, baseURL, tn.Company.Subdomain, "")
	pair, err := c.Login(context.Background(), &api.LoginRequest{Email: email, Password: plain})
	require.NoError(t, err)
	c.Token = pair.Access
	return c
}

// Problem extracts the problem+json answer from an error the generated
// client returned.
func Problem(t testing.TB, err error) *api.ErrorStatusCode {
	t.Helper()
	require.Error(t, err)
	var p *api.ErrorStatusCode
	require.ErrorAs(t, err, &p)
	return p
}
