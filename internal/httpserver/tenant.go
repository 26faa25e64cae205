package httpserver

import (
	"context"
	"net"
	"net/http"
	"strings"

	"github.com/binora/binora/internal/tenancy"
)

// TenantResolver maps a subdomain to the id of its active company.
type TenantResolver interface {
	ResolveTenant(ctx context.Context, subdomain string) (int, error)
}

// resolveTenant finds the tenant a request addresses: the X-Tenant header,
// else the host's subdomain under baseDomain. A named tenant that does not
// exist or is inactive is a 404 for every path. A request that names none
// goes on without a tenant; the security handler then takes the token's.
func resolveTenant(resolver TenantResolver, baseDomain string, onError func(http.ResponseWriter, *http.Request, error)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sub := tenantName(r, baseDomain)
			if sub == "" {
				next.ServeHTTP(w, r)
				return
			}
			id, err := resolver.ResolveTenant(r.Context(), sub)
			if err != nil {
				onError(w, r, err)
				return
			}
			// The tenant with nobody acting: enough for login and refresh
			// to look up users of this tenant; the security handler adds
			// the actor on every operation that needs a token.
			ctx := tenancy.WithTenant(r.Context(), id)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

func tenantName(r *http.Request, baseDomain string) string {
	if h := strings.TrimSpace(r.Header.Get("X-Tenant")); h != "" {
		return strings.ToLower(h)
	}
	if baseDomain == "" {
		return ""
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	sub, ok := strings.CutSuffix(strings.ToLower(host), "."+strings.ToLower(baseDomain))
	if !ok || strings.Contains(sub, ".") {
		return ""
	}
	return sub
}
