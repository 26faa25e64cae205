// Package sessions is how people sign in and stay signed in: login,
// refresh, logout, the authentication of access tokens, password changes
// and resets, accepting an invitation, and the limits that keep guessing
// from paying.
package sessions

import (
	"context"
	"log/slog"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/memo"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/ratelimit"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/apitokens"
	"github.com/binora/binora/modules/core/directory"
	"github.com/binora/binora/modules/core/events"
	"github.com/binora/binora/modules/core/mailtoken"
)

// TenantChecker tells whether a company may be served; the platform
// service implements it.
type TenantChecker interface {
	TenantIsActive(ctx context.Context, id int) (bool, error)
}

// Limits bound the sign-in endpoints. They count in memory (one process)
// or in the database (every server on it), as the application chooses;
// nil ones get in-memory defaults: 5 failed password checks per (tenant,
// email, client address) per 15 minutes, 50 per (tenant, email) per hour,
// 5 reset requests per (tenant, email) per 15 minutes, and 30 requests per
// client address per minute.
type Limits struct {
	// FailedLogins counts failed password checks (logins, password
	// changes) by tenant, email and client address; once full, every
	// check of that email from that address waits for the window to end.
	FailedLogins ratelimit.Limiter
	// EmailFailures counts the same failures by tenant and email alone: a
	// ceiling far above FailedLogins against guessing spread over many
	// addresses, which blocks the email from every address.
	EmailFailures ratelimit.Limiter
	// ResetRequests bounds the reset requests for one email, and so the
	// reset mails one address receives: past it the request still answers
	// 202 but nothing is sent. It counts every email alike, with or
	// without an account, so that its refusals tell nothing either.
	ResetRequests ratelimit.Limiter
	// ClientRequests is keyed by client address, for login and reset.
	ClientRequests ratelimit.Limiter
}

// Deps are what the sessions need.
type Deps struct {
	Client *ent.Client
	Hasher password.Hasher
	Tokens *authtoken.Issuer
	// RefreshTTL is how long a session lasts without being refreshed.
	RefreshTTL time.Duration
	Mail       *mailtoken.Service
	Directory  *directory.Service
	APITokens  *apitokens.Service
	Tenants    TenantChecker
	Events     *events.Recorder
	Limits     Limits
	// Rows tells the remembered actors of changes to what they were read
	// from.
	Rows *memo.Watcher
	// Now is the clock sessions expire by (time.Now when nil).
	Now func() time.Time
	// Logger records what fails in the background (slog.Default when nil).
	Logger *slog.Logger
}

// Service implements the sessions' use cases.
type Service struct {
	client     *ent.Client
	hasher     password.Hasher
	tokens     *authtoken.Issuer
	refreshTTL time.Duration
	mail       *mailtoken.Service
	directory  *directory.Service
	apiTokens  *apitokens.Service
	tenants    TenantChecker
	events     *events.Recorder
	limits     Limits
	now        func() time.Time
	logger     *slog.Logger
	// resets runs the lookup and the mail of reset requests after their
	// answer (see resets.go).
	resets *backlog
	// dummyHash is verified against when a login names no known user, so
	// that an unknown email costs as much time as a wrong password. It is
	// made at the current parameters; the hasher pads checks against
	// hashes of other parameters to the time of such a check, and making
	// it gives the hasher its first measure of that time.
	dummyHash string
	// sessionActors and tokenActors remember who a session or an API token
	// acts as (see authenticate.go).
	sessionActors *memo.Cache[int, *tenancy.Actor]
	tokenActors   *memo.Cache[int, tokenActor]
}

// NewService returns the sessions service.
func NewService(d Deps) (*Service, error) {
	dummy, err := d.Hasher.Hash(context.Background(), "binora-dummy-password")
	if err != nil {
		return nil, err
	}
	if d.RefreshTTL == 0 {
		d.RefreshTTL = 30 * 24 * time.Hour
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &Service{
		client: d.Client, hasher: d.Hasher, tokens: d.Tokens, refreshTTL: d.RefreshTTL,
		mail: d.Mail, directory: d.Directory, apiTokens: d.APITokens, tenants: d.Tenants, events: d.Events,
		limits: d.Limits.withDefaults(d.Now), now: d.Now, dummyHash: dummy,
		logger: d.Logger, resets: newBacklog(resetWorkers, resetBacklog),
		sessionActors: memo.NewCache[int, *tenancy.Actor](d.Rows, memo.Identity, maxRememberedActors, d.Now),
		tokenActors:   memo.NewCache[int, tokenActor](d.Rows, memo.Identity, maxRememberedActors, d.Now),
	}, nil
}
