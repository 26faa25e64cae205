package httpserver

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/ogen-go/ogen/middleware"
	"github.com/ogen-go/ogen/ogenerrors"
	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/reqinfo"
)

func TestProblemFor_ABrokenDatabaseConnectionIs503WithRetryAfter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give error
	}{
		{name: "from a handler", give: fmt.Errorf("create asset: %w", driver.ErrBadConn)},
		{name: "from the security handler", give: &ogenerrors.SecurityError{Security: "BearerAuth",
			Err: fmt.Errorf("authenticate: %w", driver.ErrBadConn)}},
		{name: "from tenant resolution", give: fmt.Errorf("resolve tenant: %w", driver.ErrBadConn)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			header := http.Header{}
			ctx := reqinfo.With(context.Background(), reqinfo.Info{RequestID: "r1", Header: header})

			p := problemFor(ctx, slog.New(slog.DiscardHandler), tt.give)

			assert.Equal(t, http.StatusServiceUnavailable, p.StatusCode)
			assert.Equal(t, "database_unavailable", p.Response.Code)
			assert.Equal(t, "2", header.Get("Retry-After"))
		})
	}
}

func TestProblemFor_ATruncatedBodyStaysABadRequest(t *testing.T) {
	t.Parallel()
	p := problemFor(context.Background(), slog.New(slog.DiscardHandler), decodeErr(t, `{"name":`))

	assert.Equal(t, http.StatusBadRequest, p.StatusCode)
}

// notReady is a handler's own answer to a broken connection, like /readyz's.
var notReady = &apperr.Error{Kind: apperr.KindUnavailable, Code: "not_ready", Detail: "The database cannot be reached."}

func TestRetryReads_RepeatsAReadOnceAfterAConnectionErrorAndNeverAWrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		method    string
		give      []error
		wantCalls int
		wantErr   bool
	}{
		{name: "read, then fine", method: http.MethodGet, give: []error{driver.ErrBadConn, nil}, wantCalls: 2},
		{name: "read, broken twice", method: http.MethodGet, give: []error{driver.ErrBadConn, driver.ErrBadConn}, wantCalls: 2, wantErr: true},
		{name: "read, other error", method: http.MethodGet, give: []error{errors.New("boom")}, wantCalls: 1, wantErr: true},
		{name: "head", method: http.MethodHead, give: []error{driver.ErrBadConn, nil}, wantCalls: 2},
		{name: "read answered by its handler", method: http.MethodGet, give: []error{notReady.Wrap(driver.ErrBadConn)}, wantCalls: 1, wantErr: true},
		{name: "write", method: http.MethodPost, give: []error{driver.ErrBadConn}, wantCalls: 1, wantErr: true},
		{name: "update", method: http.MethodPatch, give: []error{driver.ErrBadConn}, wantCalls: 1, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			calls := 0
			next := func(middleware.Request) (middleware.Response, error) {
				calls++
				return middleware.Response{}, tt.give[calls-1]
			}
			req := middleware.Request{Context: context.Background(), Raw: &http.Request{Method: tt.method}}

			_, err := retryReads(req, next)

			assert.Equal(t, tt.wantCalls, calls)
			assert.Equal(t, tt.wantErr, err != nil)
		})
	}
}
