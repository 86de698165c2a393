package inquiry

import (
	"errors"
	"fmt"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// The sentinel errors of the package. Every error an Assistant or a Store
// returns wraps one of them (or a context error); match with errors.Is. The
// typed errors below carry the details and unwrap to their sentinel.
var (
	// ErrInvalid: an argument failed validation. The error is a
	// *ValidationError naming the fields, in AWS's wire spelling. It is
	// aws.ErrInvalidInput, as report.ErrInvalid and org.ErrInvalidInput
	// are.
	ErrInvalid = aws.ErrInvalidInput
	// ErrNotFound: the account has no inquiry with that id (another
	// account's inquiry is not found either), or no feedback or inquiry
	// with that client token.
	ErrNotFound = errors.New("not found")
	// ErrExists: a store already holds an inquiry with that id, or the
	// account already used that client token.
	ErrExists = errors.New("already exists")
	// ErrConflict: a write lost a race: the record's sequence number is
	// stale.
	ErrConflict = errors.New("conflict: the record changed since it was read")
	// ErrTokenReused: a client token was presented again with a request
	// that differs from the one it was first presented with. AWS answers
	// it with a ConflictException. The error is a *ReuseError.
	ErrTokenReused = errors.New("client token already used for a different request")
	// ErrStaleResponse: feedback names a response revision that is no
	// longer the query's current one. AWS answers it with a
	// ConflictException.
	ErrStaleResponse = errors.New("the response was revised since")
	// ErrNotReady: the inquiry is not in a state the operation needs:
	// exporting an inquiry that is not COMPLETED, rating a query that has
	// no response, reviewing an inquiry that is not in HUMAN_REVIEW.
	ErrNotReady = errors.New("not in a state that allows it")
)

// FieldError names one invalid field and says why, as AWS's
// ValidationExceptionField does: aws.FieldError, which every package
// shares. Its Name is AWS's wire spelling (e.g. "inquiryContent.query",
// "tags", "clientToken").
type FieldError = aws.FieldError

// ValidationError is the error of invalid input: aws.ValidationError,
// which every package shares. It unwraps to ErrInvalid.
type ValidationError = aws.ValidationError

// NotFoundError says which inquiry does not exist. It unwraps to
// ErrNotFound.
type NotFoundError struct {
	// ID is the inquiry id asked for.
	ID ID
}

// Error names the missing inquiry.
func (e *NotFoundError) Error() string { return "inquiry: no compliance inquiry " + string(e.ID) }

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// ReuseError is the error of a client token presented again with a
// different request. It unwraps to ErrTokenReused.
type ReuseError struct {
	// ID is the inquiry the token was first used for (to create it, or to
	// rate it).
	ID ID
}

// Error names the inquiry the token was first used for.
func (e *ReuseError) Error() string {
	return "inquiry: client token already used for a different request (for " + string(e.ID) + ")"
}

// Unwrap returns ErrTokenReused.
func (e *ReuseError) Unwrap() error { return ErrTokenReused }

// StateError says why an inquiry or query is not ready for an operation.
// It unwraps to ErrNotReady.
type StateError struct {
	// ID is the inquiry.
	ID ID
	// Status is the inquiry's status when the operation was refused.
	Status Status
	// Reason says what the operation needs.
	Reason string
}

// Error says what the operation needs.
func (e *StateError) Error() string {
	return fmt.Sprintf("inquiry: compliance inquiry %s is %s: %s", e.ID, e.Status, e.Reason)
}

// Unwrap returns ErrNotReady.
func (e *StateError) Unwrap() error { return ErrNotReady }
