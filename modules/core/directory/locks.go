package directory

import (
	"context"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/team"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/database"
)

// Lock order: admins, then the user, then teams. Every writer here takes
// the rows it needs in that order, so no two writers wait for each other.

// lockAdmins returns the ids of the company's counting admins. On
// PostgreSQL their rows stay locked to the end of tx, so two requests that
// each remove one of the last two admins run one after the other, and the
// second sees that the first admin is gone. Rows are locked in id order.
func (s *Service) lockAdmins(ctx context.Context, tx *ent.Tx) ([]int, error) {
	q := tx.User.Query().
		Where(user.IsAdmin(true), user.IsActive(true), user.InvitationPending(false)).
		Order(user.ByID())
	if s.rowLocks {
		q = q.ForUpdate(lockNoKeyUpdate)
	}
	ids, err := q.IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock admins: %w", err)
	}
	return ids, nil
}

// lockUser reads user id inside tx, locked against concurrent writers on
// PostgreSQL, so that the rules are checked against the row being changed.
func (s *Service) lockUser(ctx context.Context, tx *ent.Tx, id int) (*ent.User, error) {
	q := tx.User.Query().Where(user.ID(id))
	if s.rowLocks {
		q = q.ForUpdate(lockNoKeyUpdate)
	}
	u, err := q.Only(ctx)
	return u, database.Classify(err, "User")
}

// lockTeam reads team id inside tx. On PostgreSQL the row is locked until
// the end of tx: exclusively by a writer of the team, shared by a writer
// of its memberships, so that a team is not deleted under a new member.
func (s *Service) lockTeam(ctx context.Context, tx *ent.Tx, id int, exclusive bool) (*ent.Team, error) {
	q := tx.Team.Query().Where(team.ID(id))
	switch {
	case s.rowLocks && exclusive:
		q = q.ForUpdate()
	case s.rowLocks:
		q = q.ForShare()
	}
	t, err := q.Only(ctx)
	return t, database.Classify(err, "Team")
}
