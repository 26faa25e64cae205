package validation

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzText holds Text.Fits to its definition, counted here one code point
// at a time (an invalid byte counts as one, as utf8 does): within Min..Max
// characters and, with a minimum, not blanks only. A string and the same
// characters re-encoded (invalid bytes as U+FFFD) are judged alike.
func FuzzText(f *testing.F) {
	f.Add("MAD1", 1, 20)
	f.Add("   ", 1, 100)
	f.Add(strings.Repeat("ж", 101), 1, 100)
	f.Add("a\x00b\xffc", 0, 5)
	f.Add("\u00a0\u2003", 1, 10)
	f.Fuzz(func(t *testing.T, s string, lo, hi int) {
		lim := Text{Min: int(uint8(lo)) % 4, Max: int(uint16(hi)) % 300}
		n, blank := 0, true
		for _, r := range s {
			n++
			blank = blank && unicode.IsSpace(r)
		}
		want := n >= lim.Min && n <= lim.Max && (lim.Min == 0 || !blank)
		if got := lim.Fits(s); got != want {
			t.Fatalf("%+v.Fits(%q) = %v, want %v", lim, s, got, want)
		}
		if again := string([]rune(s)); lim.Fits(again) != want {
			t.Fatalf("%+v judges %q and its characters %q apart", lim, s, again)
		}
	})
}

// FuzzNormalEmail holds the normal form of an address: it is a fixed
// point, lower case, trimmed and within Email's limit.
func FuzzNormalEmail(f *testing.F) {
	f.Add(" Ann@Example.TEST ")
	f.Add("a@b")
	f.Add("\"quoted name\"@example.test")
	f.Add("Ann <ann@example.test>")
	f.Add("ann@exa\x00mple.test")
	f.Fuzz(func(t *testing.T, raw string) {
		email, ok := NormalEmail(raw)
		if !ok {
			if email != "" {
				t.Fatalf("NormalEmail(%q) refused it but returned %q", raw, email)
			}
			return
		}
		again, ok2 := NormalEmail(email)
		if !ok2 || again != email || email != strings.ToLower(email) || email != strings.TrimSpace(email) || !Email.Fits(email) {
			t.Fatalf("NormalEmail(%q) = %q, which normalizes again to %q, %v", raw, email, again, ok2)
		}
	})
}
