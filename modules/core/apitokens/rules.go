package apitokens

// The parts of API tokens that need no database: the creation input's
// checks, who may create which token, the bearer format, and whether a
// stored token may act now.

import (
	"crypto/subtle"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/permissions"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/validation"
)

// bearerPrefix starts every partner API token: "bnr_<id>_<secret>".
const bearerPrefix = "bnr_"

// Create is the body of an API token creation.
type Create struct {
	Name        string
	Permissions []string
	// ExpiresAt is nil for a token that does not expire.
	ExpiresAt *time.Time
	// AllowedCIDRs are prefixes ("203.0.113.0/24") or bare addresses; empty
	// means any client address.
	AllowedCIDRs []string
}

// normalized checks in against the catalog and the clock and returns it
// with the name trimmed, the codes sorted and the ranges in canonical form.
// Whether the creator holds the codes is checkCreation's business.
func (in Create) normalized(now time.Time) (Create, error) {
	var errs validation.Errors
	in.Name = strings.TrimSpace(in.Name) // counted without surrounding blanks
	errs.RequiredText("name", &in.Name, validation.Name)
	switch unknown := permissions.Unknown(in.Permissions); {
	case len(in.Permissions) == 0:
		errs.Add("permissions", "Give at least one permission code.")
	case len(unknown) > 0:
		errs.Add("permissions", "Unknown permission codes: "+strings.Join(unknown, ", ")+".")
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(now) {
		errs.Add("expires_at", "Give a time in the future, or none.")
	}
	cidrs := make([]string, 0, len(in.AllowedCIDRs))
	for _, raw := range in.AllowedCIDRs {
		p, err := parseAllowedPrefix(raw)
		if err != nil {
			errs.Add("allowed_cidrs", fmt.Sprintf("%q is neither an address range like 203.0.113.0/24 nor an address.", raw))
			break
		}
		cidrs = append(cidrs, p.String())
	}
	in.Permissions = slices.Compact(slices.Sorted(slices.Values(in.Permissions)))
	in.AllowedCIDRs = cidrs
	return in, errs.Err()
}

// checkCreation decides whether a may create a token granting codes: only
// a person, and only with codes they hold now.
func checkCreation(a *tenancy.Actor, codes []string) error {
	if a.ByToken() {
		return ErrCreatesToken
	}
	var lacking []string
	for _, code := range codes {
		if !a.Can(code) {
			lacking = append(lacking, code)
		}
	}
	if len(lacking) > 0 {
		return apperr.Forbidden("You cannot give a token permissions you do not hold: " + strings.Join(lacking, ", ") + ".")
	}
	return nil
}

// IsBearer reports whether a bearer credential is a partner API token
// rather than a person's access token.
func IsBearer(bearer string) bool { return strings.HasPrefix(bearer, bearerPrefix) }

// bearerOf is the form a client sends: "bnr_<id>_<secret>".
func bearerOf(id int, secret string) string {
	return bearerPrefix + strconv.Itoa(id) + "_" + secret
}

// parseBearer splits "bnr_<id>_<secret>". The secret is base64url and may
// itself contain "_", so only the first separator after the id counts. The
// id must be written as bearerOf writes it ("12", not "012" or "+12"): a
// credential has one spelling only.
func parseBearer(raw string) (id int, secret string, ok bool) {
	rest, ok := strings.CutPrefix(raw, bearerPrefix)
	if !ok {
		return 0, "", false
	}
	idPart, secret, ok := strings.Cut(rest, "_")
	if !ok || secret == "" {
		return 0, "", false
	}
	id, err := strconv.Atoi(idPart)
	if err != nil || id <= 0 || strconv.Itoa(id) != idPart {
		return 0, "", false
	}
	return id, secret, true
}

// usable reports whether tok, presented with secret from clientIP, may act
// at now: the secret matches, it is neither revoked nor expired, it has a
// creator, and the address is inside its ranges.
func usable(tok *ent.APIToken, secret, clientIP string, now time.Time) bool {
	if subtle.ConstantTimeCompare([]byte(authtoken.HashSecret(secret)), []byte(tok.SecretHash)) != 1 {
		return false
	}
	if tok.RevokedAt != nil || (tok.ExpiresAt != nil && !tok.ExpiresAt.After(now)) || tok.CreatedBy == nil {
		return false
	}
	return clientAllowed(clientIP, tok.AllowedCidrs)
}

// Permissions are what a token acts with: the codes it was given that its
// creator still holds (held).
func Permissions(tok *ent.APIToken, held []string) map[string]bool {
	out := make(map[string]bool, len(tok.Permissions))
	for _, code := range held {
		if slices.Contains(tok.Permissions, code) {
			out[code] = true
		}
	}
	return out
}

// parseAllowedPrefix reads an allowed_cidrs entry; a bare address is the
// range of that one address (/32 or /128). Host bits are cleared so that
// the stored form shows the range the entry actually allows. An IPv4
// address or range written in IPv6 form (::ffff:10.0.0.0/104) is kept as
// IPv4: clients are matched unmapped, so the mapped form would let no one in.
func parseAllowedPrefix(raw string) (netip.Prefix, error) {
	p, err := parsePrefix(raw)
	// A masked range shorter than /96 has lost the ::ffff: marker.
	if err != nil || !p.Addr().Is4In6() {
		return p, err
	}
	return netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96).Masked(), nil
}

// parsePrefix reads an address or a range, with the host bits cleared.
func parsePrefix(raw string) (netip.Prefix, error) {
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
