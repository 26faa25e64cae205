package authtoken

import "sync"

// maxVerified bounds the tokens remembered as verified: about a megabyte.
const maxVerified = 4096

// verified remembers the claims of access tokens whose signature checked
// out. A client sends the same token with every request until it expires,
// and checking its HMAC and decoding its JSON allocated more than the rest
// of authentication together. Nothing but a token this Issuer signed gets
// in, a remembered one is still refused once it expires, and revocation is
// not the token's business: sessions are checked on every request.
type verified struct {
	mu     sync.RWMutex
	claims map[string]Claims
}

func (v *verified) get(raw string) (Claims, bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	c, ok := v.claims[raw]
	return c, ok
}

// put remembers c for raw; when full, it forgets one token first, an
// arbitrary one (map iteration starts anywhere), which is verified again
// when it comes back.
func (v *verified) put(raw string, c Claims) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.claims) >= maxVerified {
		for old := range v.claims {
			delete(v.claims, old)
			break
		}
	}
	v.claims[raw] = c
}
