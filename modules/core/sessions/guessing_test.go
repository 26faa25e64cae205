package sessions

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/internal/reqinfo"
)

// accounting is a service holding only the failure accounting: 2 failures
// per email and address per 10 minutes, 5 per email per hour.
func accounting(now func() time.Time) *Service {
	return &Service{limits: Limits{
		FailedLogins:  ratelimit.New(2, 10*time.Minute, now),
		EmailFailures: ratelimit.New(5, time.Hour, now),
	}, logger: slog.New(slog.DiscardHandler)}
}

func from(ip string) context.Context {
	return reqinfo.With(context.Background(), reqinfo.Info{ClientIP: ip})
}

// fail admits a check of ann's password from ip and lets it fail, keeping
// its slots as failed does (without the event, which needs a database).
func fail(t *testing.T, s *Service, ip string) {
	t.Helper()
	_, err := s.beginPasswordCheck(from(ip), 1, "ann@acme.test")
	require.NoError(t, err, "from %s", ip)
}

func requireRateLimited(t *testing.T, err error, within time.Duration) {
	t.Helper()
	e, ok := apperr.As(err)
	require.True(t, ok, "got %v", err)
	assert.Equal(t, apperr.KindRateLimited, e.Kind)
	assert.Positive(t, e.RetryAfter)
	assert.LessOrEqual(t, e.RetryAfter, within)
}

func TestPasswordCheck_PerAddressLimit_LeavesOtherAddressesAlone(t *testing.T) {
	s := accounting(time.Now)
	fail(t, s, "198.51.100.9")
	fail(t, s, "198.51.100.9")

	_, err := s.beginPasswordCheck(from("198.51.100.9"), 1, "ann@acme.test")
	requireRateLimited(t, err, 10*time.Minute)
	_, err = s.beginPasswordCheck(from("203.0.113.7"), 1, "ann@acme.test")
	assert.NoError(t, err, "the owner's address is not blocked by the attacker's failures")
	_, err = s.beginPasswordCheck(from("198.51.100.9"), 1, "bob@acme.test")
	assert.NoError(t, err, "another email from the same address is not blocked")
	_, err = s.beginPasswordCheck(from("198.51.100.9"), 2, "ann@acme.test")
	assert.NoError(t, err, "the same email in another tenant is not blocked")
}

func TestPasswordCheck_PerAddressLimit_CountsAnIPv6Slash64AsOneAddress(t *testing.T) {
	s := accounting(time.Now)
	fail(t, s, "2001:db8:5:5::1")
	fail(t, s, "2001:db8:5:5::2")

	_, err := s.beginPasswordCheck(from("2001:db8:5:5:ffff::3"), 1, "ann@acme.test")
	requireRateLimited(t, err, 10*time.Minute)
}

func TestPasswordCheck_PerEmailCeiling_StopsGuessingFromManyAddresses(t *testing.T) {
	s := accounting(time.Now)
	for _, ip := range []string{"192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"} {
		fail(t, s, ip)
	}

	_, err := s.beginPasswordCheck(from("203.0.113.7"), 1, "ann@acme.test")
	requireRateLimited(t, err, time.Hour)
	_, err = s.beginPasswordCheck(from("203.0.113.7"), 1, "bob@acme.test")
	assert.NoError(t, err, "another email is not blocked")
}

func TestPasswordCheck_RefusedByTheCeiling_DoesNotCountAgainstTheAddress(t *testing.T) {
	s := accounting(time.Now)
	for _, ip := range []string{"192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"} {
		fail(t, s, ip)
	}
	for range 3 {
		_, err := s.beginPasswordCheck(from("203.0.113.7"), 1, "ann@acme.test")
		require.Error(t, err)
	}

	blocked, _, err := s.limits.FailedLogins.Blocked(context.Background(), ratelimit.Join(emailKey(1, "ann@acme.test"), "203.0.113.7"))
	require.NoError(t, err)
	assert.False(t, blocked)
}

func TestPasswordCheck_Passed_GivesBothSlotsBack(t *testing.T) {
	s := accounting(time.Now)
	for range 10 {
		c, err := s.beginPasswordCheck(from("203.0.113.7"), 1, "ann@acme.test")
		require.NoError(t, err)
		s.passed(context.Background(), c)
	}
}

func TestPasswordCheck_Blocks_EndWithTheirWindows(t *testing.T) {
	now := time.Now()
	s := accounting(func() time.Time { return now })
	fail(t, s, "198.51.100.9")
	fail(t, s, "198.51.100.9")

	now = now.Add(10 * time.Minute)

	_, err := s.beginPasswordCheck(from("198.51.100.9"), 1, "ann@acme.test")
	assert.NoError(t, err)
}

func TestLiftBlocks_ForgetsTheEmailsFailuresFromEveryAddress(t *testing.T) {
	s := accounting(time.Now)
	fail(t, s, "198.51.100.9")
	fail(t, s, "198.51.100.9")
	for _, ip := range []string{"192.0.2.1", "192.0.2.2", "192.0.2.3"} {
		fail(t, s, ip)
	}

	s.liftBlocks(context.Background(), 1, "ann@acme.test")

	for _, ip := range []string{"198.51.100.9", "198.51.100.9", "192.0.2.9", "192.0.2.10", "192.0.2.11"} {
		_, err := s.beginPasswordCheck(from(ip), 1, "ann@acme.test")
		assert.NoError(t, err, "from %s", ip)
	}
}
