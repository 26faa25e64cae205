package httpserver

import (
	"net/http"

	"github.com/ogen-go/ogen/middleware"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
)

// retryReads runs a read (GET or HEAD) once more when its first attempt
// failed on a broken database connection: a statement in flight when
// PostgreSQL restarts or the network drops fails with its connection,
// which then leaves the pool, and the second attempt runs on another
// connection (a new one once the database is back). Nothing has been
// written to the response at this point (the generated server encodes a
// handler's result only after the middleware returns), so the client sees
// one answer. A write is never repeated: its commit may have happened
// before the connection broke.
//
// An error a handler has classified itself (the 503 not_ready of /readyz,
// whose check is bounded in time) is its answer and is not repeated.
func retryReads(req middleware.Request, next middleware.Next) (middleware.Response, error) {
	resp, err := next(req)
	if err == nil || !isRead(req.Raw) || req.Context.Err() != nil || !database.IsConnectionError(err) {
		return resp, err
	}
	if _, answered := apperr.As(err); answered {
		return resp, err
	}
	return next(req)
}

func isRead(r *http.Request) bool {
	return r != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead)
}
