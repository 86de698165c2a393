package report

import (
	"errors"
	"fmt"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// The sentinel errors of the package. Every error a Catalog returns wraps
// one of them; match with errors.Is. The typed errors below carry the
// details and unwrap to their sentinel.
var (
	// ErrInvalid: an argument failed validation. The error is a
	// *ValidationError naming the fields. It is aws.ErrInvalidInput, the
	// one sentinel of malformed input that every package shares.
	ErrInvalid = aws.ErrInvalidInput
	// ErrNotFound: no report with that id, or no such version of it.
	ErrNotFound = errors.New("not found")
	// ErrNotPublished: the version exists but cannot be read: it is
	// UNPUBLISHED, deleted, its upload is not COMPLETE, or its publication
	// instant has not come yet. Without a version, the report has no
	// published version.
	ErrNotPublished = errors.New("version not published")
	// ErrApprovalRequired: the version needs AWS's approval and the
	// account's access request is not approved (R2).
	ErrApprovalRequired = errors.New("approval required")
	// ErrTermsNotAccepted: the version's terms are EXPLICIT and the
	// download presented no term token, so the account has not accepted
	// them (N2).
	ErrTermsNotAccepted = errors.New("terms not accepted")
	// ErrInvalidToken: the term token presented is unknown, expired, or
	// was issued to another account or for another report version (N2, T1).
	// The error is a *TokenError saying which.
	ErrInvalidToken = errors.New("invalid term token")
	// ErrConflict: a write lost a race: the record's sequence number is
	// stale, or the record already exists.
	ErrConflict = errors.New("conflict")
	// ErrAccessState: an approval step does not apply to the access
	// request's current state (approving a request that is not pending,
	// revoking one that is not approved).
	ErrAccessState = errors.New("access request in the wrong state")
	// ErrIntegrity: a document does not match the SHA-256 recorded for its
	// version (R6). The error is an *IntegrityError.
	ErrIntegrity = errors.New("document does not match its digest")
)

// FieldError names one invalid field and says why, as AWS's
// ValidationExceptionField does: aws.FieldError, which every package
// shares.
type FieldError = aws.FieldError

// ValidationError is the error of invalid input: aws.ValidationError,
// which every package shares. It unwraps to ErrInvalid.
type ValidationError = aws.ValidationError

// NotFoundError says which report or version does not exist. It unwraps to
// ErrNotFound.
type NotFoundError struct {
	// ID is the report id asked for.
	ID string
	// Version is the version asked for; 0 when the report itself is unknown.
	Version int64
}

// Error names the missing report or version.
func (e *NotFoundError) Error() string {
	if e.Version == 0 {
		return fmt.Sprintf("report: no report %s", e.ID)
	}
	return fmt.Sprintf("report: report %s has no version %d", e.ID, e.Version)
}

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// TokenReason says why a term token was refused.
type TokenReason string

// The reasons a term token is refused.
const (
	// TokenUnknown: no such token was issued.
	TokenUnknown TokenReason = "unknown"
	// TokenExpired: the token's lifetime has passed.
	TokenExpired TokenReason = "expired"
	// TokenOtherAccount: the token was issued to another account.
	TokenOtherAccount TokenReason = "issued to another account"
	// TokenOtherVersion: the token was issued for another report or version.
	TokenOtherVersion TokenReason = "issued for another report version"
)

// TokenError is the error of a refused term token. It unwraps to
// ErrInvalidToken; AWS answers it with a ValidationException whose reason
// is invalidToken.
type TokenError struct {
	// Reason says why the token was refused.
	Reason TokenReason
}

// Error says why the token was refused.
func (e *TokenError) Error() string {
	return "report: invalid term token: " + string(e.Reason)
}

// Unwrap returns ErrInvalidToken.
func (e *TokenError) Unwrap() error { return ErrInvalidToken }

// IntegrityError is the error of a document whose SHA-256 differs from the
// one recorded for its version (R6). It unwraps to ErrIntegrity.
type IntegrityError struct {
	// Want is the digest recorded for the version.
	Want Digest
	// Got is the digest of the document read.
	Got Digest
}

// Error gives both digests.
func (e *IntegrityError) Error() string {
	return fmt.Sprintf("report: document sha-256 %s does not match the recorded %s", e.Got, e.Want)
}

// Unwrap returns ErrIntegrity.
func (e *IntegrityError) Unwrap() error { return ErrIntegrity }
