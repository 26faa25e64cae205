// Package core is the core module: companies (tenants), users,
// authentication and datacenters. Its Service holds every rule of these; its
// handlers only translate between HTTP and the service.
package core

import (
	"fmt"
	"log/slog"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/authtoken"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/ratelimit"
)

// Deps are what the core service needs.
type Deps struct {
	Client *ent.Client
	Hasher password.Hasher
	Tokens *authtoken.Issuer
	// RefreshTTL is how long a session lasts without being refreshed.
	RefreshTTL time.Duration
	// TenantCacheTTL bounds how long a resolved tenant is remembered.
	TenantCacheTTL time.Duration
	// Dialect is the database's dialect, database.DialectPostgres or
	// database.DialectSQLite; it decides how rows are locked.
	Dialect string

	// Mailer delivers invitations and password resets after they are
	// written to the outbox; nil only logs them (recipient and subject).
	Mailer mail.Mailer
	// Logger records mail that could not be delivered.
	Logger *slog.Logger
	// PublicURL is the server's configured address for links in mail; when
	// empty, mails name only the path.
	PublicURL string
	// PasswordResetTTL is how long a reset token lasts (default 1 hour).
	PasswordResetTTL time.Duration
	// FailedLogins counts failed logins per (tenant, email), ResetRequests
	// the reset mails sent per (tenant, email), ClientRequests the login and
	// reset requests per client address. Nil ones get the defaults: 5 per
	// 15 minutes, the same, and 30 per minute.
	FailedLogins   *ratelimit.Limiter
	ResetRequests  *ratelimit.Limiter
	ClientRequests *ratelimit.Limiter
}

// Service implements the core module's use cases.
type Service struct {
	client     *ent.Client
	hasher     password.Hasher
	tokens     *authtoken.Issuer
	refreshTTL time.Duration
	tenants    *tenantCache
	now        func() time.Time
	// rowLocks is true where SELECT ... FOR UPDATE exists (PostgreSQL).
	// SQLite refuses the clause and needs none: its transactions take the
	// write lock at BEGIN, so writers run one at a time.
	rowLocks bool
	// dummyHash is verified against when a login names no known user, so
	// that an unknown email costs as much time as a wrong password.
	dummyHash string
	// access holds the mailer and the limits of the sign-in endpoints.
	access *accessGuard
}

// NewService returns a core Service.
func NewService(d Deps) (*Service, error) {
	// An unknown dialect is refused rather than guessed: a guess would
	// either break every locked read on SQLite or drop the locks on
	// PostgreSQL without a sound.
	if d.Dialect != database.DialectPostgres && d.Dialect != database.DialectSQLite {
		return nil, fmt.Errorf("core: unknown database dialect %q", d.Dialect)
	}
	dummy, err := d.Hasher.Hash("binora-dummy-password")
	if err != nil {
		return nil, err
	}
	if d.RefreshTTL == 0 {
		d.RefreshTTL = 30 * 24 * time.Hour
	}
	return &Service{
		client:     d.Client,
		hasher:     d.Hasher,
		tokens:     d.Tokens,
		refreshTTL: d.RefreshTTL,
		tenants:    newTenantCache(d.TenantCacheTTL),
		now:        time.Now,
		rowLocks:   d.Dialect == database.DialectPostgres,
		dummyHash:  dummy,
		access:     newAccessGuard(d),
	}, nil
}

// lockNoKeyUpdate is the row lock of a writer on PostgreSQL. It excludes
// other writers like FOR UPDATE but not the KEY SHARE locks that
// foreign-key checks take, so a login inserting a session for a locked
// user does not have to wait.
var lockNoKeyUpdate = sql.WithLockClause("FOR NO KEY UPDATE")

// ErrNotReady answers /readyz while the database cannot be reached.
var ErrNotReady = &apperr.Error{Kind: apperr.KindUnavailable, Code: "not_ready", Detail: "The database cannot be reached."}
