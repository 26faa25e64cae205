package binora

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
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

func tokensOf(p *binoraapi.TokenPair) Tokens {
	return Tokens{Access: p.Access, Refresh: p.Refresh, AccessExpiresAt: p.AccessExpiresAt}
}

func (c *Client) replaceSession(t Tokens) {
	c.mu.Lock()
	c.tokens = t
	c.generation++
	c.mu.Unlock()
	c.notify()
}

// notify hands the current tokens to the callback. Reading them under
// notifyMu makes the last call carry the latest tokens whatever the order in
// which concurrent changes reach this point.
func (c *Client) notify() {
	if c.onTokens == nil {
		return
	}
	c.notifyMu.Lock()
	defer c.notifyMu.Unlock()
	c.onTokens(c.Tokens())
}

// refreshAfter returns an access token newer than stale, refreshing the
// session unless another request already did. Concurrent callers share one
// refresh. It returns ErrNotLoggedIn when there is no refresh token.
func (c *Client) refreshAfter(ctx context.Context, stale string) (string, error) {
	c.mu.Lock()
	if c.tokens.Access != "" && c.tokens.Access != stale {
		access := c.tokens.Access
		c.mu.Unlock()
		return access, nil
	}
	call := c.inflight
	if call == nil {
		if c.tokens.Refresh == "" {
			c.mu.Unlock()
			return "", ErrNotLoggedIn
		}
		call = &refreshCall{done: make(chan struct{})}
		c.inflight = call
		// The refresh outlives the caller's cancellation: others wait for
		// it, and a refresh abandoned halfway would spend the refresh token
		// without storing its successor.
		go c.runRefresh(context.WithoutCancel(ctx), call, c.tokens.Refresh, c.generation)
	}
	c.mu.Unlock()

	select {
	case <-call.done:
		return call.access, call.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (c *Client) runRefresh(ctx context.Context, call *refreshCall, refresh string, generation uint64) {
	ctx, cancel := context.WithTimeout(ctx, c.refreshTimeout)
	defer cancel()
	pair, err := c.Client.RefreshToken(ctx, &binoraapi.RefreshRequest{Refresh: refresh})

	changed := false
	c.mu.Lock()
	switch {
	case c.generation != generation:
		// Login, Logout or SetTokens replaced the session meanwhile; the
		// new session wins.
		if c.tokens.Access != "" {
			call.access = c.tokens.Access
		} else {
			call.err = ErrNotLoggedIn
		}
	case err == nil:
		c.tokens = tokensOf(pair)
		c.generation++
		call.access = pair.Access
		changed = true
	default:
		call.err = fmt.Errorf("binora: refresh: %w", err)
		if p, ok := AsProblem(err); ok && p.StatusCode == http.StatusUnauthorized {
			// The server refused the refresh token: the session is over.
			c.tokens = Tokens{}
			c.generation++
			changed = true
		}
	}
	c.inflight = nil
	c.mu.Unlock()

	if changed {
		c.notify()
	}
	close(call.done)
}

// securitySource hands the generated client the bearer token of each
// request.
type securitySource struct{ c *Client }

func (s securitySource) BearerAuth(ctx context.Context, _ binoraapi.OperationName) (binoraapi.BearerAuth, error) {
	c := s.c
	if c.apiToken != "" {
		return binoraapi.BearerAuth{Token: c.apiToken}, nil
	}
	t := c.Tokens()
	if t.Access != "" {
		return binoraapi.BearerAuth{Token: t.Access}, nil
	}
	if t.Refresh == "" {
		return binoraapi.BearerAuth{}, ErrNotLoggedIn
	}
	// A restored session with only a refresh token: refresh first.
	access, err := c.refreshAfter(ctx, "")
	if err != nil {
		return binoraapi.BearerAuth{}, err
	}
	return binoraapi.BearerAuth{Token: access}, nil
}

// doer sends the generated client's requests: it adds the tenant header and,
// for a session, retries a request answered 401 once after a refresh.
type doer struct{ c *Client }

func (d doer) Do(req *http.Request) (*http.Response, error) {
	c := d.c
	if c.tenant != "" && req.Header.Get(TenantHeader) == "" {
		req.Header.Set(TenantHeader, c.tenant)
	}
	resp, err := c.httpClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || c.apiToken != "" {
		return resp, err
	}
	// Only requests that carried the session's access token are retried;
	// login, refresh and logout carry none.
	used, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer ")
	if !ok || used == "" {
		return resp, nil
	}
	retry, ok := rewind(req)
	if !ok {
		return resp, nil
	}
	access, rerr := c.refreshAfter(req.Context(), used)
	if rerr != nil {
		// No new token: the caller gets the server's 401.
		if retry.Body != nil {
			_ = retry.Body.Close()
		}
		return resp, nil
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	retry.Header.Set("Authorization", "Bearer "+access)
	return c.httpClient.Do(retry)
}

// rewind returns a copy of req that can be sent again, with a fresh body,
// or false when the body cannot be replayed.
func rewind(req *http.Request) (*http.Request, bool) {
	retry := req.Clone(req.Context())
	switch {
	case req.Body == nil || req.Body == http.NoBody:
		retry.Body = req.Body
	case req.GetBody != nil:
		body, err := req.GetBody()
		if err != nil {
			return nil, false
		}
		retry.Body = body
	default:
		return nil, false
	}
	return retry, true
}
