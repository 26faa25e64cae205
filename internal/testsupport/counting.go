package testsupport

import "github.com/binora/binora/internal/database"

// StatementCounter counts the SQL statements the application runs, so tests
// can pin the cost of a request; the load harness reports the same counts.
type StatementCounter = database.StatementCounter
