package httpserver

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/reqinfo"
)

// MaxBodyBytes bounds a request body; the generated server reads bodies
// whole into memory.
const MaxBodyBytes = 1 << 20

var saneRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestInfo gives every request an id (the caller's own when it is sane)
// and records it, the client address (see clientIP) and the URL of the
// request in the context. The URL's scheme and host are publicURL's when
// it is set (list links then never echo a client's Host header), else
// the request's.
func requestInfo(trustedProxies []netip.Prefix, publicURL *url.URL) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := r.Header.Get("X-Request-ID")
			if !saneRequestID.MatchString(id) {
				id = newRequestID()
			}
			w.Header().Set("X-Request-ID", id)
			scheme, host := "http", r.Host
			if r.TLS != nil {
				scheme = "https"
			}
			if publicURL != nil {
				scheme, host = publicURL.Scheme, publicURL.Host
			}
			u := &url.URL{Scheme: scheme, Host: host, Path: r.URL.Path, RawQuery: r.URL.RawQuery}
			ctx := reqinfo.With(r.Context(), reqinfo.Info{
				RequestID: id, ClientIP: clientIP(r, trustedProxies), URL: u, Header: w.Header(),
			})
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// recoverer turns a panic into a logged 500 problem; the generated server
// does not recover panics itself.
func recoverer(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				rec := recover()
				if rec == nil || rec == http.ErrAbortHandler {
					if rec != nil {
						panic(rec)
					}
					return
				}
				logger.ErrorContext(r.Context(), "panic", "request_id", reqinfo.From(r.Context()).RequestID,
					"panic", rec, "stack", string(debug.Stack()))
				writeProblem(w, problem(http.StatusInternalServerError, "internal_error",
					"Something went wrong on our side. Quote request id "+reqinfo.From(r.Context()).RequestID+" when you report it.", nil))
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// accessLog writes one structured line per request.
func accessLog(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			info := reqinfo.From(r.Context())
			logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("request_id", info.RequestID),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", ww.Status()),
				slog.Int("bytes", ww.BytesWritten()),
				slog.Duration("duration", time.Since(start)),
				slog.String("client_ip", info.ClientIP),
			)
		})
	}
}

// limitBody refuses a body over MaxBodyBytes: at once when its declared
// length says so, otherwise when reading it crosses the limit.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > MaxBodyBytes {
			writeProblem(w, decodeProblem(&http.MaxBytesError{Limit: MaxBodyBytes}))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// stripSlash serves a path with a trailing slash (/api/assets/) as the path
// without it. chi's StripSlashes only rewrites chi's own routing path, which
// the generated router mounted below never reads: it routes on r.URL.
func stripSlash(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; len(p) > 1 && strings.HasSuffix(p, "/") {
			u := *r.URL
			u.Path = strings.TrimSuffix(u.Path, "/")
			u.RawPath = strings.TrimSuffix(u.RawPath, "/")
			r = r.WithContext(r.Context())
			r.URL = &u
		}
		next.ServeHTTP(w, r)
	})
}

// routeOperation records which operation of the generated server the
// request is routed to, so the security handler can check the operation's
// permissions before the body is decoded.
func routeOperation(find func(method, path string) (api.Route, bool)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if route, ok := find(r.Method, r.URL.Path); ok {
				info := reqinfo.From(r.Context())
				info.OperationID = route.OperationID()
				recordOperation(r.Context(), info.OperationID)
				r = r.WithContext(reqinfo.With(r.Context(), info))
			}
			next.ServeHTTP(w, r)
		})
	}
}
