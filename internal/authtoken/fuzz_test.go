package authtoken

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzVerify issues a token for fuzzed claims, alters it at a fuzzed place
// and verifies it: an intact token reads back its claims, an altered one
// is refused or (when the change decodes to the same bytes) reads back the
// same claims, and whatever Verify accepts names positive ids.
func FuzzVerify(f *testing.F) {
	f.Add(1, 2, 3, uint16(0), byte('x'), "")
	f.Add(12, 1, 99, uint16(200), byte('.'), "eyJhbGciOiJub25lIn0.e30.")
	f.Add(-1, 0, 5, uint16(9), byte('A'), "not a token")
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	iss, err := NewIssuer([]byte(strings.Repeat("fuzz-secret-", 3)), time.Minute, func() time.Time { return clock })
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, uid, cid, sid int, at uint16, b byte, raw string) {
		if c, err := iss.Verify(raw); err == nil && (c.UserID <= 0 || c.CompanyID <= 0 || c.SessionID <= 0) {
			t.Fatalf("Verify(%q) accepted %+v", raw, c)
		} else if err != nil && !errors.Is(err, ErrInvalid) {
			t.Fatalf("Verify(%q) = %v, want ErrInvalid", raw, err)
		}
		want := Claims{UserID: uid, CompanyID: cid, SessionID: sid}
		tok, exp, err := iss.Issue(want)
		if err != nil {
			t.Fatal(err)
		}
		want.ExpiresAt = exp
		got, err := iss.Verify(tok)
		if valid := uid > 0 && cid > 0 && sid > 0; valid != (err == nil) || (valid && !same(got, want)) {
			t.Fatalf("Verify(Issue(%+v)) = %+v, %v", want, got, err)
		}
		altered := []byte(tok)
		altered[int(at)%len(altered)] = b
		if got, err := iss.Verify(string(altered)); err == nil && !same(got, want) {
			t.Fatalf("an altered token %q verified as %+v, issued as %+v", altered, got, want)
		}
	})
}

func same(a, b Claims) bool {
	return a.UserID == b.UserID && a.CompanyID == b.CompanyID && a.SessionID == b.SessionID &&
		a.ExpiresAt.Equal(b.ExpiresAt)
}
