package sessions

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAddressKey_GroupsIPv6ByItsSlash64(t *testing.T) {
	tests := []struct{ name, ip, want string }{
		{"IPv4 is one client", "203.0.113.7", "203.0.113.7"},
		{"IPv4 mapped into IPv6 is the IPv4 client", "::ffff:203.0.113.7", "203.0.113.7"},
		{"IPv6 counts as its /64", "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"},
		{"another address of the same /64", "2001:db8:1:2::1", "2001:db8:1:2::/64"},
		{"the next /64 is another client", "2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"a zone does not make another client", "fe80::1%eth0", "fe80::/64"},
		{"garbage counts as itself", "not-an-address", "not-an-address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, addressKey(tt.ip))
		})
	}
}
