package report

import (
	"context"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Store keeps the catalog's records: report versions, term tokens,
// acceptances of terms, and access requests. The package report/memstore
// is the in-memory implementation; report/storetest checks any other.
//
// Implementations must be safe for concurrent use and must copy values in
// and out: a caller changing a value after passing it in, or after getting
// it back, changes nothing stored (the aliasing contract). Scope values are
// immutable and may be shared.
//
// Sequence numbers: the store increments them. A write carries the
// record's SequenceNumber as read (0 for a new record), and the store
// returns the record as stored, numbered one more.
//
// Errors: a missing record is an error wrapping ErrNotFound; a write that
// loses a race is an error wrapping ErrConflict. Other errors are the
// store's own (I/O) and are passed through.
//
// Cancellation: every method honours its context. Called with a context
// that is already done, it returns an error wrapping the context's error
// (context.Canceled, context.DeadlineExceeded) and changes nothing; a
// store doing I/O also gives up an operation under way when the context
// ends.
type Store interface {
	// PutReport stores version r.Version of report r.ID and returns it as
	// stored: with SequenceNumber one more than r's. r.SequenceNumber must
	// be that of the stored version, as read, or 0 for a version not
	// stored yet; otherwise PutReport stores nothing and returns an error
	// wrapping ErrConflict.
	PutReport(ctx context.Context, r Report) (Report, error)
	// Report returns version v of report id.
	Report(ctx context.Context, id string, v int64) (Report, error)
	// Versions returns every version of report id by ascending version;
	// an error wrapping ErrNotFound when the report has none.
	Versions(ctx context.Context, id string) ([]Report, error)
	// Scan returns up to limit versions of all reports ordered by id, then
	// version, starting after the version named by after (the zero Ref
	// starts at the beginning). It returns fewer, or none, at the end.
	Scan(ctx context.Context, after Ref, limit int) ([]Report, error)
	// Generation returns a number that changes whenever PutReport stores
	// something, so that indexes built from Scan know when to rebuild.
	Generation(ctx context.Context) (uint64, error)

	// PutToken stores a term token; a token of the same value already
	// stored is an error wrapping ErrConflict.
	PutToken(ctx context.Context, t TermToken) error
	// Token returns the term token of that value.
	Token(ctx context.Context, value string) (TermToken, error)
	// DeleteExpiredTokens deletes the term tokens that expired at or
	// before now (ExpiresAt not after now) and returns how many. The
	// acceptances recorded with them stay.
	DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error)

	// AddAcceptance records an acceptance of terms; one for the same token
	// already recorded is an error wrapping ErrConflict.
	AddAcceptance(ctx context.Context, a Acceptance) error
	// Acceptances returns the acceptances of an account in the order
	// recorded; none is not an error.
	Acceptances(ctx context.Context, account aws.AccountID) ([]Acceptance, error)

	// PutAccess stores the access request of (a.Account, a.ReportID) and
	// returns it as stored, with the sequence rule of PutReport.
	PutAccess(ctx context.Context, a Access) (Access, error)
	// Access returns the access request of an account for a report.
	Access(ctx context.Context, account aws.AccountID, reportID string) (Access, error)
}

// TermToken is what GetTermForReport hands out: proof, for a limited time,
// that an account was shown the terms of one report version (N2).
type TermToken struct {
	// Value is the token: "term-token-" and 24 letters or digits.
	Value string
	// Account is the 12-digit account the token was issued to.
	Account aws.AccountID
	// ReportID and Version name the report version.
	ReportID string
	// Version is the report version, from 1.
	Version int64
	// TermARN is the ARN of the terms shown.
	TermARN string
	// IssuedAt and ExpiresAt bound the token's life: it is refused at and
	// after ExpiresAt.
	IssuedAt time.Time
	// ExpiresAt is the instant from which the token is refused.
	ExpiresAt time.Time
}

// Acceptance records that an account accepted the EXPLICIT terms of a
// report version by presenting its term token to a download (N2).
type Acceptance struct {
	// Account is who accepted.
	Account aws.AccountID
	// ReportID and Version name the version whose terms were accepted.
	ReportID string
	// Version is the report version, from 1.
	Version int64
	// TermARN is the terms accepted.
	TermARN string
	// Token is the term token presented; each token is recorded once.
	Token string
	// At is when.
	At time.Time
}

// Access is an account's request for access to a report that needs AWS's
// approval (R2). One request per account and report covers all its
// versions.
type Access struct {
	// Account is the account that asked.
	Account aws.AccountID
	// ReportID is the report asked for; the request covers all its versions.
	ReportID string
	// State is where the request stands, such as AccessPending.
	State AccessState
	// RequestedAt is when the account last asked; DecidedAt when the
	// request was last approved, rejected or revoked.
	RequestedAt time.Time
	// DecidedAt is when the request was last approved, rejected or revoked;
	// zero until then.
	DecidedAt time.Time
	// SequenceNumber counts the writes of the request from 1.
	SequenceNumber int64
}
