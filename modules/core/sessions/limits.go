package sessions

import (
	"context"
	"net/netip"
	"strconv"
	"time"

	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/internal/reqinfo"
)

// The default limits of the sign-in endpoints.
const (
	defaultFailuresPerWindow   = 5
	defaultFailureWindow       = 15 * time.Minute
	defaultClientRequestsLimit = 30
	defaultEmailFailures       = 50
	defaultEmailFailureWindow  = time.Hour
)

func (l Limits) withDefaults(now func() time.Time) Limits {
	if l.FailedLogins == nil {
		l.FailedLogins = ratelimit.New(defaultFailuresPerWindow, defaultFailureWindow, now)
	}
	if l.EmailFailures == nil {
		l.EmailFailures = ratelimit.New(defaultEmailFailures, defaultEmailFailureWindow, now)
	}
	if l.ResetRequests == nil {
		l.ResetRequests = ratelimit.New(defaultFailuresPerWindow, defaultFailureWindow, now)
	}
	if l.ClientRequests == nil {
		l.ClientRequests = ratelimit.New(defaultClientRequestsLimit, time.Minute, now)
	}
	return l
}

// emailKey names one email in one tenant for the per-account limits.
func emailKey(companyID int, email string) string {
	return ratelimit.Join(strconv.Itoa(companyID), email)
}

// addressKey is the client that an address counts as: an IPv4 address is
// one client; an IPv6 address counts as its /64, the smallest network an
// ISP hands a subscriber, who can otherwise pick a new address for every
// request. Anything unparsable counts as itself.
func addressKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	addr = addr.Unmap()
	if addr.Is4() {
		return addr.String()
	}
	return netip.PrefixFrom(addr.WithZone(""), 64).Masked().String()
}

// admitClient counts a login or password-reset request against the client
// address of ctx and refuses it past the limit. Outside an HTTP request
// there is no address, and nothing to count.
func (s *Service) admitClient(ctx context.Context) error {
	ip := reqinfo.From(ctx).ClientIP
	if ip == "" {
		return nil
	}
	return admit(ctx, s.limits.ClientRequests, addressKey(ip))
}

// admitLogin admits a login for email in companyID: the client address
// must be within its request limit, then the check of the password is
// counted like every other (beginPasswordCheck).
func (s *Service) admitLogin(ctx context.Context, companyID int, email string) (*passwordCheck, error) {
	if err := s.admitClient(ctx); err != nil {
		return nil, err
	}
	return s.beginPasswordCheck(ctx, companyID, email)
}

// Limits returns the limiters the service counts sign-in attempts with,
// defaults included, so that the operator's metrics can read them.
func (s *Service) Limits() Limits { return s.limits }
