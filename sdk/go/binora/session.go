package binora

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/binora/binora/sdk/go/binoraapi"
)

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

// doer sends the generated client's requests: it adds the tenant header and
// an Idempotency-Key to each create that has none, and, for a session,
// retries a request answered 401 once after a refresh.
type doer struct{ c *Client }

func (d doer) Do(req *http.Request) (*http.Response, error) {
	c := d.c
	if c.tenant != "" && req.Header.Get(TenantHeader) == "" {
		req.Header.Set(TenantHeader, c.tenant)
	}
	withIdempotencyKey(req)
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
