package memo

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/apitoken"
	"github.com/binora/binora/ent/user"
)

var now = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

// mutation builds a mutation of the kind a service makes, without running it.
func mutation(build func(c *ent.Client) ent.Mutation) ent.Mutation {
	return build(ent.NewClient())
}

func TestSkipOnly_SkipsBookkeepingAndNothingElse(t *testing.T) {
	skipLogin := SkipOnly(user.FieldLastLoginAt, user.FieldPasswordHash)
	skipUse := SkipOnly(apitoken.FieldLastUsedAt)
	tests := []struct {
		name string
		skip func(ent.Mutation) bool
		m    ent.Mutation
		want bool
	}{
		{"a login stamp", skipLogin, mutation(func(c *ent.Client) ent.Mutation {
			return c.User.UpdateOneID(1).SetLastLoginAt(now).Mutation()
		}), true},
		{"a new password hash", skipLogin, mutation(func(c *ent.Client) ent.Mutation {
			return c.User.UpdateOneID(1).SetPasswordHash("h").Mutation()
		}), true},
		{"a deactivation beside a stamp", skipLogin, mutation(func(c *ent.Client) ent.Mutation {
			return c.User.UpdateOneID(1).SetLastLoginAt(now).SetIsActive(false).Mutation()
		}), false},
		{"an admin flag", skipLogin, mutation(func(c *ent.Client) ent.Mutation {
			return c.User.UpdateOneID(1).SetIsAdmin(true).Mutation()
		}), false},
		{"a token's last use", skipUse, mutation(func(c *ent.Client) ent.Mutation {
			return c.APIToken.UpdateOneID(1).SetLastUsedAt(now).Mutation()
		}), true},
		{"a revocation", skipUse, mutation(func(c *ent.Client) ent.Mutation {
			return c.APIToken.UpdateOneID(1).SetRevokedAt(now).Mutation()
		}), false},
		{"a cleared field", skipUse, mutation(func(c *ent.Client) ent.Mutation {
			return c.APIToken.UpdateOneID(1).ClearRevokedAt().Mutation()
		}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.skip(tt.m))
		})
	}
}

func TestSkipCreate_SkipsCreatesOnly(t *testing.T) {
	create := mutation(func(c *ent.Client) ent.Mutation { return c.User.Create().SetEmail("a@b.test").Mutation() })
	update := mutation(func(c *ent.Client) ent.Mutation { return c.User.UpdateOneID(1).SetIsActive(false).Mutation() })
	assert.True(t, SkipCreate(create))
	assert.False(t, SkipCreate(update))
}

// changes records what a subscriber is told.
type changes struct{ told []string }

func (c *changes) Changed(company string) { c.told = append(c.told, company) }
func (c *changes) Missed()                { c.told = append(c.told, "missed") }

func TestTopicFilter_HearsOthersAndOperatorsButNotItself(t *testing.T) {
	heard := &changes{}
	f := topicFilter{topic: Assets, origin: "me", next: heard}
	f.Changed("assets:7:other") // another server's write
	f.Changed("assets:8:me")    // this server's own, back from the database
	f.Changed("places:9:other") // another topic
	f.Changed("assets:*")       // an operator's, without an origin
	f.Changed("garbled")        // anything else: forget everything
	assert.Equal(t, []string{"7", "*", "*"}, heard.told)
}

func TestWatcher_AnnouncesWithItsOrigin(t *testing.T) {
	a, b := NewWatcher(nil, nil), NewWatcher(nil, nil)
	assert.NotEqual(t, a.origin, b.origin, "every watcher has a name of its own")
	assert.Equal(t, "assets:7:"+a.origin, a.wire("assets:7"))
}
