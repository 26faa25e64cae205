// Package apitokens is how partners' programs act in a company: tokens a
// person creates with at most the permissions they hold, shown once, used
// as "Authorization: Bearer bnr_<id>_<secret>", revocable at any time. What
// a token may do is decided by pure rules (rules.go); the sessions
// aggregate authenticates requests with Resolve.
package apitokens

import (
	"sync"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/modules/core/events"
)

// Deps are what API tokens need.
type Deps struct {
	Client *ent.Client
	Events *events.Recorder
	// Now is the clock of expiry and last use (time.Now when nil).
	Now func() time.Time
}

// Service implements the API tokens' use cases.
type Service struct {
	client *ent.Client
	events *events.Recorder
	now    func() time.Time
	// stamped is when this server last stamped each token's use (token id
	// → time.Time): one entry per token used, whatever the traffic.
	stamped sync.Map
}

// NewService returns the API-token service.
func NewService(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{client: d.Client, events: d.Events, now: d.Now}
}
