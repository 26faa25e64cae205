package schema

import (
	"context"
	"crypto/sha256"
	"errors"

	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ErrRateLimitsOutsideEnt refuses any use of the rate-limit counters
// through Ent: internal/database/ratelimitdb alone reads and writes them,
// one statement per check.
var ErrRateLimitsOutsideEnt = errors.New("rate-limit counters are kept by internal/database/ratelimitdb only")

// rateLimitNameLen bounds a limiter's name: a limit's name, and in tests a
// prefix that keeps the limiters of one run apart.
const rateLimitNameLen = 100

// RateLimitCounter is one key's events in its current window, for the
// sign-in limits that every server on one PostgreSQL database shares
// (internal/ratelimit). It belongs to no tenant and holds no tenant data:
// the key (a tenant, an email, a client address) is stored only as an
// HMAC under a key derived from the server secret, and the parent hash
// lets all the keys under one email be forgotten at once. A row past
// window_end counts as absent; the servers delete such rows as they go.
type RateLimitCounter struct {
	ent.Schema
}

// Fields of the RateLimitCounter.
func (RateLimitCounter) Fields() []ent.Field {
	return []ent.Field{
		field.String("limiter").MinLen(1).MaxLen(rateLimitNameLen).Immutable(),
		field.Bytes("key_hash").MinLen(sha256.Size).MaxLen(sha256.Size).Immutable(),
		field.Bytes("parent_hash").MinLen(sha256.Size).MaxLen(sha256.Size).Immutable(),
		field.Int("events").NonNegative(),
		field.Time("window_end"),
	}
}

// Indexes of the RateLimitCounter: the unique key is the conflict target of
// the one upsert that checks and counts; the others serve forgetting an
// email's keys and sweeping expired rows.
func (RateLimitCounter) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("limiter", "key_hash").Unique(),
		index.Fields("limiter", "parent_hash"),
		index.Fields("limiter", "window_end"),
	}
}

// Policy of the RateLimitCounter: no query or mutation through Ent, in any
// context.
func (RateLimitCounter) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			queryRuleFunc(func(context.Context, ent.Query) error {
				return privacy.Denyf("%w", ErrRateLimitsOutsideEnt)
			}),
		},
		Mutation: privacy.MutationPolicy{
			privacy.MutationRuleFunc(func(context.Context, ent.Mutation) error {
				return privacy.Denyf("%w", ErrRateLimitsOutsideEnt)
			}),
		},
	}
}
