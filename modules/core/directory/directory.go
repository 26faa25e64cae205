// Package directory is who belongs to a company and what they may do:
// users, teams, team memberships, and the rules of who may grant or change
// what. Rules that decide are pure functions (rules.go); the services load
// what they need in a short transaction, ask the rules, then write.
package directory

import (
	"cmp"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/memo"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/modules/core/events"
	"github.com/binora/binora/modules/core/mailtoken"
)

// Deps are what the directory needs.
type Deps struct {
	Client *ent.Client
	// Reads serves the read-only lists: a read replica's client, whose
	// rows may trail writes by its lag; Client when nil. Nothing that
	// writes, or reads what was just written, uses it.
	Reads  *ent.Client
	Hasher password.Hasher
	// Mail invites users created without a password.
	Mail   *mailtoken.Service
	Events *events.Recorder
	// Dialect is database.DialectPostgres or database.DialectSQLite; it
	// decides how rows are locked.
	Dialect string
	// Rows tells the remembered user references of changes of users.
	Rows *memo.Watcher
	// Now is the clock of revocations (time.Now when nil).
	Now func() time.Time
}

// Service implements the directory's use cases.
type Service struct {
	client *ent.Client
	// reads is the client of the lists (Deps.Reads).
	reads  *ent.Client
	hasher password.Hasher
	mail   *mailtoken.Service
	events *events.Recorder
	now    func() time.Time
	// rowLocks is true where SELECT ... FOR UPDATE exists (PostgreSQL).
	// SQLite refuses the clause and needs none: its transactions take the
	// write lock at BEGIN, so writers run one at a time.
	rowLocks bool
	// userRefs remembers the emails UserRefs shows.
	userRefs *memo.Refs[*ent.User]
}

// NewService returns the directory service; an unknown dialect is an error
// (database.RowLocks).
func NewService(d Deps) (*Service, error) {
	rowLocks, err := database.RowLocks(d.Dialect)
	if err != nil {
		return nil, fmt.Errorf("directory: %w", err)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &Service{client: d.Client, reads: cmp.Or(d.Reads, d.Client), hasher: d.Hasher, mail: d.Mail,
		events: d.Events, now: d.Now, rowLocks: rowLocks}
	s.userRefs = memo.NewRefs(d.Rows, memo.Identity, maxRememberedUsers, d.Now, s.loadUserRefs)
	return s, nil
}

// lockNoKeyUpdate is the row lock of a writer on PostgreSQL. It excludes
// other writers like FOR UPDATE but not the KEY SHARE locks that
// foreign-key checks take, so a login inserting a session for a locked
// user does not have to wait.
var lockNoKeyUpdate = sql.WithLockClause("FOR NO KEY UPDATE")
