package apitokens

import (
	"net/netip"
	"testing"
)

// FuzzParseBearer holds parseBearer to bearerOf: a credential it accepts
// is exactly the one bearerOf writes for its id and secret, so a token has
// one spelling only, and every credential bearerOf writes reads back.
func FuzzParseBearer(f *testing.F) {
	f.Add("bnr_12_abc", 12, "abc")
	f.Add("bnr_12_a_b-c", 1, "a_b")
	f.Add("bnr_012_abc", 7, "")
	f.Add("bnr_+12_abc", 7, "x")
	f.Add("bnr_9223372036854775808_x", 9, "x")
	f.Fuzz(func(t *testing.T, raw string, id int, secret string) {
		if gotID, gotSecret, ok := parseBearer(raw); ok {
			if gotID <= 0 || gotSecret == "" || bearerOf(gotID, gotSecret) != raw || !IsBearer(raw) {
				t.Fatalf("parseBearer(%q) = %d, %q: not the credential bearerOf writes", raw, gotID, gotSecret)
			}
		}
		if id <= 0 || secret == "" {
			return
		}
		gotID, gotSecret, ok := parseBearer(bearerOf(id, secret))
		if !ok || gotID != id || gotSecret != secret {
			t.Fatalf("parseBearer(bearerOf(%d, %q)) = %d, %q, %v", id, secret, gotID, gotSecret, ok)
		}
	})
}

// FuzzParseAllowedPrefix holds the reading of allowed_cidrs entries: what
// it accepts is a masked range that reads back from its own text, and an
// address alone lets exactly itself in.
func FuzzParseAllowedPrefix(f *testing.F) {
	f.Add("10.0.0.0/8", "10.1.2.3")
	f.Add("10.1.2.3", "::ffff:10.1.2.3")
	f.Add("2001:db8::1/64", "2001:db8::ffff")
	f.Add("fe80::1%eth0", "fe80::1")
	f.Add(" 192.168.1.1/33 ", "192.168.1.1")
	f.Fuzz(func(t *testing.T, raw, client string) {
		if p, err := parseAllowedPrefix(raw); err == nil {
			back, err := parseAllowedPrefix(p.String())
			if !p.IsValid() || p != p.Masked() || err != nil || back != p {
				t.Fatalf("parseAllowedPrefix(%q) = %v, which reads back as %v, %v", raw, p, back, err)
			}
		}
		addr, err := netip.ParseAddr(client)
		if err != nil || addr.Zone() != "" {
			return
		}
		if !clientAllowed(client, []string{addr.String()}) {
			t.Fatalf("%s is not let in by a range of itself", client)
		}
	})
}
