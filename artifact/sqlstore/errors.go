package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"net"
)

// ErrSchemaTooNew is wrapped by the *SchemaError that Open returns for a
// database whose schema was migrated by a newer version of this package.
var ErrSchemaTooNew = errors.New("the database schema is newer than this program")

// SchemaError reports a database whose schema version this package does not
// know. Open returns it before changing anything. It wraps ErrSchemaTooNew.
type SchemaError struct {
	// Database is the schema version recorded in the database.
	Database int
	// Known is the newest schema version this package can migrate to.
	Known int
}

// Error says which versions differ.
func (e *SchemaError) Error() string {
	return fmt.Sprintf("sqlstore: the database is at schema version %d, newer than version %d this program knows: upgrade the program", e.Database, e.Known)
}

// Unwrap returns ErrSchemaTooNew.
func (e *SchemaError) Unwrap() error { return ErrSchemaTooNew }

// Error is a failure of the database itself: it could not be reached, it
// refused or failed a statement, or a transaction could not commit. Its
// message names the store operation and the kind of failure, never the
// driver, the data source name, the host, the user or the SQL text, so
// that it may reach a caller (as the Artifact service's
// InternalServerException) without revealing the deployment. The driver's
// error is the cause: match it with errors.Is and errors.As (for example
// *pgconn.PgError or *sqlite.Error).
type Error struct {
	// Op is the store operation, e.g. "append changes".
	Op string
	// Code is the database's error code when it has one: the SQLSTATE on
	// PostgreSQL ("57P01"), the extended result code on SQLite ("5").
	Code string
	// Err is the driver's error.
	Err error
}

// Error describes the failure without its details.
func (e *Error) Error() string {
	what := "database error"
	switch {
	case errors.Is(e.Err, context.Canceled):
		what = "canceled"
	case errors.Is(e.Err, context.DeadlineExceeded):
		what = "deadline exceeded"
	case errors.Is(e.Err, errClosed):
		what = "store closed"
	case errors.As(e.Err, new(*net.OpError)):
		what = "database unreachable"
	}
	if e.Code != "" {
		return fmt.Sprintf("%s: %s (code %s)", e.Op, what, e.Code)
	}
	return e.Op + ": " + what
}

// Unwrap returns the driver's error.
func (e *Error) Unwrap() error { return e.Err }

// errClosed marks an operation on a closed DB.
var errClosed = errors.New("the store is closed")
