package httpserver

import (
	"net/http"

	"github.com/ogen-go/ogen/middleware"

	"github.com/binora/binora/internal/database"
)

// retryReads runs a read (GET or HEAD) once more when its first attempt
// failed on a broken database connection: after a PostgreSQL restart the
// pool still holds connections to the old server, and the second attempt
// gets a connection the pool opened or checked since. Nothing has been
// written to the response at this point (the generated server encodes a
// handler's result only after the middleware returns), so the client sees
// one answer. A write is never repeated: its commit may have happened
// before the connection broke.
func retryReads(req middleware.Request, next middleware.Next) (middleware.Response, error) {
	resp, err := next(req)
	if err == nil || !isRead(req.Raw) || req.Context.Err() != nil || !database.IsConnectionError(err) {
		return resp, err
	}
	return next(req)
}

func isRead(r *http.Request) bool {
	return r != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead)
}
