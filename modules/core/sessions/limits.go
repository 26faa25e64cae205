package sessions

import (
	"context"
	"net/netip"
	"strconv"
	"time"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/internal/reqinfo"
)

// The default limits of the sign-in endpoints.
const (
	defaultFailuresPerWindow   = 5
	defaultFailureWindow       = 15 * time.Minute
	defaultClientRequestsLimit = 30
)

func (l Limits) withDefaults(now func() time.Time) Limits {
	if l.FailedLogins == nil {
		l.FailedLogins = ratelimit.New(defaultFailuresPerWindow, defaultFailureWindow, now)
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
	return strconv.Itoa(companyID) + "\x00" + email
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
	if ok, wait := s.limits.ClientRequests.Allow(addressKey(ip)); !ok {
		return apperr.RateLimited(wait)
	}
	return nil
}

// admitLogin refuses a login before any password is checked when the
// client address sent too many requests, or the email has used up its
// failed logins in this window: then even the right password answers 429,
// so that guessing stops paying. Each admitted attempt takes one of the
// email's slots at once, before the slow password check, so a burst of
// parallel guesses cannot all pass the limit together; a login that
// succeeds gives its slot back.
func (s *Service) admitLogin(ctx context.Context, companyID int, email string) error {
	if err := s.admitClient(ctx); err != nil {
		return err
	}
	if ok, wait := s.limits.FailedLogins.Allow(emailKey(companyID, email)); !ok {
		return apperr.RateLimited(wait)
	}
	return nil
}

// Limits returns the limiters the service counts sign-in attempts with,
// defaults included, so that the operator's metrics can read them.
func (s *Service) Limits() Limits { return s.limits }
