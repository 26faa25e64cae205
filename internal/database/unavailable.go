package database

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/lib/pq"

	"github.com/binora/binora/internal/apperr"
)

// UnavailableRetryAfter is how long a client is told to wait before trying
// again while the database cannot be reached: about what a PostgreSQL
// restart or a fail-over takes.
const UnavailableRetryAfter = 2 * time.Second

// ErrUnavailable answers a request that needed the database while the
// database could not be reached. The request may be retried; a write that
// got this answer may or may not have been committed.
var ErrUnavailable = &apperr.Error{Kind: apperr.KindUnavailable, Code: "database_unavailable",
	Detail: "The database cannot be reached right now. Try again shortly.", RetryAfter: UnavailableRetryAfter}

// IsConnectionError reports whether err says that the connection to the
// database failed, rather than that a statement was refused: the server
// is down, restarting or out of reach, so the same request may succeed a
// moment later on a new connection. These are
//   - network errors: connection refused or reset, a broken pipe, an
//     unexpected end of stream, a dial that timed out (the pool's connect);
//   - what database/sql and lib/pq answer for a connection they gave up on
//     (driver.ErrBadConn, sql.ErrConnDone);
//   - PostgreSQL's connection exceptions (SQLSTATE class 08) and operator
//     interventions that end sessions (57P01 admin shutdown, 57P02 crash
//     shutdown, 57P03 cannot connect now, 57P04 database dropped).
//
// A pool closed by the server's own shutdown ("sql: database is closed")
// is not one: nothing will reconnect it.
func IsConnectionError(err error) bool {
	if err == nil {
		return false
	}
	for _, target := range connectionErrors {
		if errors.Is(err, target) {
			return true
		}
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Code.Class() == "08" || strings.HasPrefix(string(pqErr.Code), "57P")
	}
	var opErr *net.OpError
	return errors.As(err, &opErr)
}

var connectionErrors = []error{
	driver.ErrBadConn, sql.ErrConnDone, io.EOF, io.ErrUnexpectedEOF,
	syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED, syscall.EPIPE,
}
