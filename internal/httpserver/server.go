// Package httpserver is Binora's HTTP edge: the chi router and its
// middleware (request id, panic recovery, access log, body limit, tenant
// resolution), the security handler, permission enforcement and the single
// mapping of errors to problem+json, around the server generated from
// openapi.yaml; beside it, the API reference page of package docs.
package httpserver

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"

	"github.com/go-chi/chi/v5"
	"github.com/go-faster/errors"
	"go.opentelemetry.io/otel/trace"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/docs"
	"github.com/binora/binora/internal/idempotency"
)

// Handlers is every operation of the API: one interface per operation
// group of openapi.yaml, each implemented by one package of a module.
type Handlers interface {
	api.AuthHandler
	api.UsersHandler
	api.TeamsHandler
	api.PermissionsHandler
	api.APITokensHandler
	api.SecurityEventsHandler
	api.DatacentersHandler
	api.PlatformHandler
	api.RoomsHandler
	api.RowsHandler
	api.RacksHandler
	api.ReservationsHandler
	api.RackViewsHandler
	api.CapacityHandler
	api.AssetsHandler
}

// Config is what the edge needs.
type Config struct {
	Handlers Handlers
	Auth     Authenticator
	Tenants  TenantResolver
	// BaseDomain lets the Host header name the tenant: acme.<BaseDomain>.
	BaseDomain string
	// PublicURL is the server's address as users reach it, for the links
	// of list envelopes; empty means the request's own.
	PublicURL string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client; empty means the connection's peer is the client.
	TrustedProxies []netip.Prefix
	Logger         *slog.Logger
	// Observer, when set, is told of every answered request (metrics).
	Observer Observer
	// TracerProvider, when set, receives a span per operation, continued
	// from the caller's traceparent; nil records no spans.
	TracerProvider trace.TracerProvider
	// Idempotency remembers creates sent with an Idempotency-Key; nil
	// ignores the header.
	Idempotency *idempotency.Store
}

// composite satisfies api.Handler with the module handlers and the one
// error mapping. A missing operation is a compile error, not a runtime 501.
type composite struct {
	Handlers
	logger *slog.Logger
}

var _ api.Handler = composite{}

// NewError implements api.Handler: every error a handler or the security
// handler returns is answered here.
func (c composite) NewError(ctx context.Context, err error) *api.ErrorStatusCode {
	return problemFor(ctx, c.logger, err)
}

// New returns the HTTP handler of the whole service.
func New(cfg Config) (http.Handler, error) {
	// The generated server makes an error for every optional query
	// parameter a request leaves out, and the errors package records its
	// caller's frame for each: a stack walk per parameter per request.
	// Nothing here prints those frames (no %+v), so they are not recorded.
	errors.DisableTrace()
	logger := cfg.Logger
	if logger == nil {
		logger = slog.Default()
	}
	onError := func(w http.ResponseWriter, r *http.Request, err error) {
		writeProblem(w, problemFor(r.Context(), logger, err))
	}
	notFound := func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, problem(http.StatusNotFound, "not_found", "No such endpoint.", nil))
	}
	methodNotAllowed := func(w http.ResponseWriter, r *http.Request, allowed string) {
		w.Header().Set("Allow", allowed)
		writeProblem(w, problem(http.StatusMethodNotAllowed, "method_not_allowed",
			"This endpoint does not accept "+r.Method+".", nil))
	}
	srv, err := api.NewServer(composite{Handlers: cfg.Handlers, logger: logger}, security{auth: cfg.Auth},
		api.WithErrorHandler(func(ctx context.Context, w http.ResponseWriter, r *http.Request, err error) {
			onError(w, r, err)
		}),
		api.WithNotFound(notFound),
		api.WithMethodNotAllowed(methodNotAllowed),
		api.WithMiddleware(requirePermissions, idempotencyGate{store: cfg.Idempotency}.check, carryIfMatch, retryReads),
		tracerOption(cfg.TracerProvider),
	)
	if err != nil {
		return nil, err
	}

	r := chi.NewRouter()
	var public *url.URL
	if cfg.PublicURL != "" {
		if public, err = url.Parse(cfg.PublicURL); err != nil {
			return nil, fmt.Errorf("public url: %w", err)
		}
	}
	r.Use(continueTrace(cfg.TracerProvider), requestInfo(cfg.TrustedProxies, public), observe(cfg.Observer), accessLog(logger), recoverer(logger), limitBody, refuseBadText, stripSlash,
		routeOperation(srv.FindRoute), resolveTenant(cfg.Tenants, cfg.BaseDomain, onError),
		keepAnswers(cfg.Idempotency, logger))
	// The API reference (no tenant, no token), before the generated server,
	// which answers everything else. stripSlash has already turned
	// /api/docs/ into /api/docs.
	reference := docs.New(docs.Options{NotFound: http.HandlerFunc(notFound), MethodNotAllowed: methodNotAllowed})
	r.Handle(docs.Path, reference)
	r.Handle(docs.AssetsPath+"*", reference)
	r.Mount("/", srv)
	return r, nil
}
