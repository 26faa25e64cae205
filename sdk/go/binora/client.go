package binora

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/binora/binora/sdk/go/binoraapi"
)

// ErrNotLoggedIn is returned by an operation that needs authentication when
// the client holds no session: before Login, after Logout, or after the
// server refused to refresh the session (a spent, revoked or expired refresh
// token). Log in again to continue.
var ErrNotLoggedIn = errors.New("binora: not logged in")

// ErrAPITokenMode is returned by Login and Refresh on a client created with
// WithAPIToken: an API token has no session to open or refresh.
var ErrAPITokenMode = errors.New("binora: the client authenticates with an API token")

// TenantHeader is the request header that names the tenant (the company's
// subdomain).
const TenantHeader = "X-Tenant"

// DefaultRefreshTimeout bounds a token refresh unless WithRefreshTimeout says
// otherwise.
const DefaultRefreshTimeout = 30 * time.Second

// Tokens is a session: the short-lived access token sent with every request
// and the single-use refresh token that rotates it. Persist it (see
// WithTokenCallback) and restore it with WithTokens or SetTokens to resume a
// session without logging in again.
type Tokens struct {
	// Access is the access token (a JWT), sent as "Authorization: Bearer".
	Access string
	// Refresh is the opaque refresh token; the server accepts each one once.
	Refresh string
	// AccessExpiresAt is when Access stops working; zero when unknown.
	AccessExpiresAt time.Time
}

// IsZero reports whether t holds no token at all.
func (t Tokens) IsZero() bool {
	return t.Access == "" && t.Refresh == ""
}

// Client is a Binora API client bound to one tenant.
//
// Every operation of the API is a method of the embedded generated client;
// the wrapper adds the X-Tenant header, the session's access token and the
// refresh on 401 to each of them. A Client is safe for concurrent use.
type Client struct {
	// Client is the generated client; its methods are promoted, except
	// Login and Logout, which the wrapper replaces (c.Client.Login and
	// c.Client.Logout call the bare operations and store no tokens).
	*binoraapi.Client

	tenant         string
	apiToken       string
	httpClient     *http.Client
	onTokens       func(Tokens)
	refreshTimeout time.Duration

	mu         sync.Mutex // guards tokens, generation and inflight
	tokens     Tokens
	generation uint64 // incremented whenever the session is replaced
	inflight   *refreshCall

	notifyMu sync.Mutex // serialises onTokens calls
}

// refreshCall is a refresh in progress; every request that needs it waits on
// done and then reads access or err.
type refreshCall struct {
	done   chan struct{}
	access string
	err    error
}

// New returns a client for the API at baseURL (scheme and host, e.g.
// "https://binora.example.com") acting in tenant (a company's subdomain,
// sent as the X-Tenant header). An empty tenant sends no header: the server
// then takes the tenant from the Host sub-domain, or from the access token.
//
// The client starts without a session: call Login, or pass WithTokens or
// WithAPIToken.
func New(baseURL, tenant string, opts ...Option) (*Client, error) {
	cfg := config{refreshTimeout: DefaultRefreshTimeout}
	for _, opt := range opts {
		opt(&cfg)
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("binora: base URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("binora: base URL %q: want http(s)://host[:port]", baseURL)
	}
	if cfg.httpClient == nil {
		cfg.httpClient = http.DefaultClient
	}
	if cfg.refreshTimeout <= 0 {
		cfg.refreshTimeout = DefaultRefreshTimeout
	}
	c := &Client{
		tenant:         tenant,
		apiToken:       cfg.apiToken,
		httpClient:     cfg.httpClient,
		onTokens:       cfg.onTokens,
		refreshTimeout: cfg.refreshTimeout,
		tokens:         cfg.tokens,
	}
	if c.apiToken != "" {
		c.tenant = ""
		c.tokens = Tokens{}
	}
	apiOpts := append(append([]binoraapi.ClientOption(nil), cfg.apiOptions...), binoraapi.WithClient(doer{c}))
	api, err := binoraapi.NewClient(baseURL, securitySource{c}, apiOpts...)
	if err != nil {
		return nil, fmt.Errorf("binora: %w", err)
	}
	c.Client = api
	return c, nil
}

// Tenant returns the subdomain sent as X-Tenant ("" with an API token).
func (c *Client) Tenant() string { return c.tenant }

// UsesAPIToken reports whether the client authenticates with an API token.
func (c *Client) UsesAPIToken() bool { return c.apiToken != "" }

// Tokens returns the current session (zero Tokens when there is none).
func (c *Client) Tokens() Tokens {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tokens
}

// SetTokens replaces the session, e.g. with one saved earlier. It does not
// contact the server; zero Tokens simply forget the session without ending
// it (Logout ends it).
func (c *Client) SetTokens(t Tokens) {
	c.replaceSession(t)
}

// Login opens a session with an email and a password in the client's tenant
// and keeps its tokens for the following requests. It returns the server's
// answer (tokens, user, permissions). Wrong credentials are an error for
// which AsProblem reports status 401.
func (c *Client) Login(ctx context.Context, email, password string) (*binoraapi.TokenPair, error) {
	if c.apiToken != "" {
		return nil, ErrAPITokenMode
	}
	pair, err := c.Client.Login(ctx, &binoraapi.LoginRequest{Email: email, Password: password})
	if err != nil {
		return nil, err
	}
	c.replaceSession(tokensOf(pair))
	return pair, nil
}

// Logout ends the session on the server and forgets its tokens. The tokens
// are forgotten even when the server cannot be reached (the error is then
// returned). Without a session, and with an API token, it does nothing.
func (c *Client) Logout(ctx context.Context) error {
	if c.apiToken != "" {
		return nil
	}
	// A refresh in progress is about to rotate the refresh token: end the
	// session it produces rather than the one it spends.
	c.mu.Lock()
	for c.inflight != nil {
		call := c.inflight
		c.mu.Unlock()
		select {
		case <-call.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		c.mu.Lock()
	}
	old := c.tokens
	c.tokens = Tokens{}
	c.generation++
	c.mu.Unlock()

	if old.IsZero() {
		return nil
	}
	c.notify()
	if old.Refresh == "" {
		return nil
	}
	return c.Client.Logout(ctx, &binoraapi.LogoutRequest{Refresh: old.Refresh})
}

// Refresh rotates the session's tokens now. Requests refresh on their own
// when the server answers 401, so calling it is never required.
func (c *Client) Refresh(ctx context.Context) error {
	if c.apiToken != "" {
		return ErrAPITokenMode
	}
	_, err := c.refreshAfter(ctx, c.Tokens().Access)
	return err
}

// AsProblem returns the problem+json answer carried by err, an error
// returned by any operation, and whether there was one. StatusCode is the
// HTTP status; Response holds the problem document, whose Code is the stable
// machine-readable error code (e.g. "not_found", "validation_error") and
// whose Errors name the offending fields.
func AsProblem(err error) (*binoraapi.ErrorStatusCode, bool) {
	var p *binoraapi.ErrorStatusCode
	if errors.As(err, &p) && p != nil {
		return p, true
	}
	return nil, false
}
