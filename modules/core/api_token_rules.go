package core

// The parts of API tokens that need no database: the creation input's
// checks, the bearer format and its secret, and client address ranges.

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/permissions"
)

// APITokenInput is the body of an API token creation.
type APITokenInput struct {
	Name        string
	Permissions []string
	// ExpiresAt is nil for a token that does not expire.
	ExpiresAt *time.Time
	// AllowedCIDRs are prefixes ("203.0.113.0/24") or bare addresses; empty
	// means any client address.
	AllowedCIDRs []string
}

// Validate checks the input against the catalog and the clock; whether the
// creator holds the permissions is the service's business.
func (in APITokenInput) Validate(now time.Time) error {
	var errs []apperr.FieldError
	if n := utf8.RuneCountInString(strings.TrimSpace(in.Name)); n == 0 || n > 100 {
		errs = append(errs, apperr.FieldError{Field: "name", Message: "Give 1 to 100 characters."})
	}
	known := toSet(permissions.All())
	var unknown []string
	for _, code := range in.Permissions {
		if !known[code] {
			unknown = append(unknown, code)
		}
	}
	switch {
	case len(in.Permissions) == 0:
		errs = append(errs, apperr.FieldError{Field: "permissions", Message: "Give at least one permission code."})
	case len(unknown) > 0:
		errs = append(errs, apperr.FieldError{Field: "permissions",
			Message: "Unknown permission codes: " + strings.Join(unknown, ", ") + "."})
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(now) {
		errs = append(errs, apperr.FieldError{Field: "expires_at", Message: "Give a time in the future, or none."})
	}
	for _, raw := range in.AllowedCIDRs {
		if _, err := parseAllowedPrefix(raw); err != nil {
			errs = append(errs, apperr.FieldError{Field: "allowed_cidrs",
				Message: fmt.Sprintf("%q is neither an address range like 203.0.113.0/24 nor an address.", raw)})
			break
		}
	}
	if len(errs) > 0 {
		return apperr.InvalidFields(errs...)
	}
	return nil
}

// parseAPIToken splits "bnr_<id>_<secret>". The secret is base64url and
// may itself contain "_", so only the first separator after the id counts.
func parseAPIToken(raw string) (id int, secret string, ok bool) {
	rest, ok := strings.CutPrefix(raw, apiTokenPrefix)
	if !ok {
		return 0, "", false
	}
	idPart, secret, ok := strings.Cut(rest, "_")
	if !ok || secret == "" {
		return 0, "", false
	}
	id, err := strconv.Atoi(idPart)
	if err != nil || id <= 0 {
		return 0, "", false
	}
	return id, secret, true
}

// parseAllowedPrefix reads an allowed_cidrs entry; a bare address is the
// range of that one address (/32 or /128). Host bits are cleared so that the
// stored form shows the range the entry actually allows.
func parseAllowedPrefix(raw string) (netip.Prefix, error) {
	raw = strings.TrimSpace(raw)
	if !strings.Contains(raw, "/") {
		addr, err := netip.ParseAddr(raw)
		if err != nil {
			return netip.Prefix{}, err
		}
		if addr.Zone() != "" {
			return netip.Prefix{}, fmt.Errorf("address %q has a zone", raw)
		}
		return netip.PrefixFrom(addr, addr.BitLen()), nil
	}
	p, err := netip.ParsePrefix(raw)
	if err != nil {
		return netip.Prefix{}, err
	}
	return p.Masked(), nil
}

// clientAllowed reports whether ip may use a token limited to cidrs. An
// unknown address is refused when there is any limit: failing closed.
func clientAllowed(ip string, cidrs []string) bool {
	if len(cidrs) == 0 {
		return true
	}
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	// An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) must
	// match IPv4 ranges.
	addr = addr.Unmap().WithZone("")
	for _, c := range cidrs {
		if p, err := parseAllowedPrefix(c); err == nil && p.Contains(addr) {
			return true
		}
	}
	return false
}
