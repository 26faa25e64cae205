package binora

import (
	"net/http"
	"time"

	"github.com/binora/binora/sdk/go/binoraapi"
)

// Option configures a Client in New.
type Option func(*config)

type config struct {
	httpClient     *http.Client
	apiToken       string
	tokens         Tokens
	onTokens       func(Tokens)
	refreshTimeout time.Duration
	apiOptions     []binoraapi.ClientOption
}

// WithHTTPClient sends the requests through hc instead of
// http.DefaultClient; use it for timeouts, proxies, TLS settings or a custom
// http.RoundTripper.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) { c.httpClient = hc }
}

// WithAPIToken authenticates every request with an API token (`bnr_…`, from
// createAPIToken) instead of a session. An API token names its own tenant:
// the client sends no X-Tenant header (the tenant argument of New is
// ignored), never refreshes, and Login answers ErrAPITokenMode.
func WithAPIToken(token string) Option {
	return func(c *config) { c.apiToken = token }
}

// WithTokens starts the client with a session saved earlier, as if Login had
// returned it. Tokens with only a refresh token are fine: the first request
// refreshes them.
func WithTokens(t Tokens) Option {
	return func(c *config) { c.tokens = t }
}

// WithTokenCallback calls fn with the current tokens every time they change:
// after Login, a refresh, SetTokens and Logout (then with zero Tokens), and
// when the server refuses a refresh (zero Tokens too). Use it to persist the
// session. Calls are serialised and the last one always carries the current
// tokens. fn runs on the goroutine that changed the tokens, so it should be
// quick, and it must not call Login, Logout, SetTokens or Refresh.
func WithTokenCallback(fn func(Tokens)) Option {
	return func(c *config) { c.onTokens = fn }
}

// WithRefreshTimeout bounds a token refresh (DefaultRefreshTimeout when
// unset). A refresh is shared by every request waiting for it, so it is not
// cancelled when the request that started it is.
func WithRefreshTimeout(d time.Duration) Option {
	return func(c *config) { c.refreshTimeout = d }
}

// WithAPIOptions passes options to the generated client, such as
// binoraapi.WithTracerProvider or binoraapi.WithMeterProvider. A
// binoraapi.WithClient among them is overridden: use WithHTTPClient instead.
func WithAPIOptions(opts ...binoraapi.ClientOption) Option {
	return func(c *config) { c.apiOptions = append(c.apiOptions, opts...) }
}
