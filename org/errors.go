package org

import (
	"errors"
	"strings"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Sentinel errors. Every error returned by this package wraps one of them;
// match with [errors.Is]. Where the AWS Artifact console words a condition
// (its troubleshooting table), the message is the console's, lower-cased.
var (
	// ErrInvalidInput: an id, feature set or other argument is malformed.
	// It is aws.ErrInvalidInput, which every *ParseError wraps.
	ErrInvalidInput = aws.ErrInvalidInput

	// ErrNotFound: the organization (or, from a Store, the record) does
	// not exist.
	ErrNotFound = errors.New("not found")

	// ErrExists: an organization with that id already exists.
	ErrExists = errors.New("already exists")

	// ErrConflict: a store update was made against a stale sequence
	// number. Directory operations retry on conflict and return it only
	// when contention persists.
	ErrConflict = errors.New("conflict: the record changed since it was read")

	// ErrNotInOrganization: the account is in no organization (A6). The
	// console says "Your account isn't in an organization".
	ErrNotInOrganization = errors.New("your account isn't in an organization")

	// ErrAlreadyInOrganization: an account belongs to at most one
	// organization at a time.
	ErrAlreadyInOrganization = errors.New("the account is already in an organization")

	// ErrManagementCannotLeave: the management account can neither leave
	// nor be removed from its own organization (A10).
	ErrManagementCannotLeave = errors.New("the management account cannot leave its own organization")

	// ErrAllFeaturesRequired: the organization has consolidated billing
	// only (A4). The console says "Your organization must be enabled for
	// all features".
	ErrAllFeaturesRequired = errors.New("your organization must be enabled for all features")
)

// Error records a failed [Directory] operation: which operation, on which
// account and organization, and why. It wraps the cause, so errors.Is
// matches the sentinels above.
type Error struct {
	Op      string    // the operation, e.g. "join"
	Account AccountID // the account acted on, if any
	Org     ID        // the organization acted on, if any
	Err     error     // the cause
}

// Error describes the failed operation and its cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("org: ")
	b.WriteString(e.Op)
	if e.Account != "" {
		b.WriteString(" account ")
		b.WriteString(string(e.Account))
	}
	if e.Org != "" {
		b.WriteString(" organization ")
		b.WriteString(string(e.Org))
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }
