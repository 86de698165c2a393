package agreement

import (
	"context"
	"time"

	"github.com/artifactkit/artifactkit/org"
)

// Store holds everything the Registry records. Implementations must be
// safe for concurrent use. The in-memory implementation is
// [github.com/artifactkit/artifactkit/agreement/memstore]; check any other
// with [github.com/artifactkit/artifactkit/agreement/storetest].
//
// Aliasing: a store copies values in and out; slices passed to it or
// returned by it are never retained or shared, so callers may modify them
// freely.
//
// Errors: a store returns errors wrapping [ErrNotFound], [ErrExists],
// [ErrConflict] or [ErrInvalidInput] as each method says, or its own
// failures.
//
// Cancellation: every method honours its context. Called with a context
// that is already done, it returns an error wrapping the context's error
// (context.Canceled, context.DeadlineExceeded) and changes nothing; a
// store doing I/O also gives up an operation under way when the context
// ends.
type Store interface {
	CatalogStore
	CustomerAgreementStore
	NDAStore
	TokenStore
	DesignationStore
}

// CatalogStore holds the agreement templates.
type CatalogStore interface {
	// InsertAgreement stores a with Seq 1, or fails with ErrExists.
	InsertAgreement(ctx context.Context, a Agreement) (Agreement, error)
	// UpdateAgreement replaces the stored agreement if its Seq equals
	// a.Seq and returns it with Seq incremented; ErrConflict on a stale
	// Seq, ErrNotFound for an unknown id.
	UpdateAgreement(ctx context.Context, a Agreement) (Agreement, error)
	// Agreement returns the agreement with that id, or ErrNotFound.
	Agreement(ctx context.Context, id ID) (Agreement, error)
	// Agreements returns up to limit agreements (all when limit <= 0)
	// with ids greater than after, sorted by id.
	Agreements(ctx context.Context, after ID, limit int) ([]Agreement, error)
	// AgreementsOfKind returns the agreements of kind k, sorted by id.
	AgreementsOfKind(ctx context.Context, k Kind) ([]Agreement, error)
}

// CustomerAgreementStore holds customer agreements, filed by [Key]: the
// customer agreements of one key succeed one another, at most one of them
// ACTIVE at a time, with non-decreasing EffectiveStart.
type CustomerAgreementStore interface {
	// InsertCustomerAgreement stores c with Seq 1. It fails with
	// ErrExists when the id is taken, ErrConflict when an ACTIVE customer
	// agreement with the same Key exists, and ErrInvalidInput when c
	// starts before the latest one of its Key.
	InsertCustomerAgreement(ctx context.Context, c CustomerAgreement) (CustomerAgreement, error)
	// UpdateCustomerAgreement replaces the stored customer agreement if
	// its Seq equals c.Seq and returns it with Seq incremented;
	// ErrConflict on a stale Seq, ErrNotFound for an unknown id,
	// ErrInvalidInput when c changes its Key or EffectiveStart, or
	// becomes ACTIVE again.
	UpdateCustomerAgreement(ctx context.Context, c CustomerAgreement) (CustomerAgreement, error)
	// CustomerAgreement returns the customer agreement with that id, or
	// ErrNotFound.
	CustomerAgreement(ctx context.Context, id CustomerAgreementID) (CustomerAgreement, error)
	// LatestCustomerAgreement returns the latest customer agreement of
	// key, or ErrNotFound. It is O(1).
	LatestCustomerAgreement(ctx context.Context, key Key) (CustomerAgreement, error)
	// CustomerAgreementAt returns the latest customer agreement of key
	// with EffectiveStart at or before t (it may have ended by t), or
	// ErrNotFound. It is O(log h) in the key's history, O(1) when the
	// latest one qualifies.
	CustomerAgreementAt(ctx context.Context, key Key, t time.Time) (CustomerAgreement, error)
	// ActiveCustomerAgreements returns up to limit (all when limit <= 0)
	// ACTIVE customer agreements that are account agreements of
	// f.Account or organization agreements of f.Organization (an empty
	// field selects nothing), whose SortKey is greater than after,
	// sorted by SortKey.
	ActiveCustomerAgreements(ctx context.Context, f ActiveFilter, after string, limit int) ([]CustomerAgreement, error)
}

// ActiveFilter selects active customer agreements: the account agreements
// of Account and the organization agreements of Organization.
type ActiveFilter struct {
	// Account selects the account agreements of this account; empty selects
	// none.
	Account org.AccountID
	// Organization selects the organization agreements of this
	// organization; empty selects none.
	Organization org.ID
}

// NDAStore holds NDA acceptances and outside NDAs.
type NDAStore interface {
	// PutNDA records n unless the same account already accepted the
	// same revision's NDA, and returns the acceptance on record (the
	// first).
	PutNDA(ctx context.Context, n NDAAcceptance) (NDAAcceptance, error)
	// NDA returns the account's acceptance of the NDA of that revision,
	// or ErrNotFound.
	NDA(ctx context.Context, account org.AccountID, agreement ID, revision RevisionID) (NDAAcceptance, error)
	// PutOutsideNDA records n, replacing an outside NDA of the same
	// account and Reference.
	PutOutsideNDA(ctx context.Context, n OutsideNDA) error
	// OutsideNDAs returns the account's outside NDAs, sorted by
	// Reference.
	OutsideNDAs(ctx context.Context, account org.AccountID) ([]OutsideNDA, error)
}

// TokenStore holds issued tokens.
type TokenStore interface {
	// InsertToken stores t, or fails with ErrExists when its value is
	// taken.
	InsertToken(ctx context.Context, t Token) error
	// Token returns the token with that value, or ErrNotFound.
	Token(ctx context.Context, value string) (Token, error)
	// DeleteExpiredTokens deletes tokens that expired at or before now
	// and returns how many.
	DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error)
}

// DesignationStore holds offline-BAA designations, per account, at most one
// in effect at a time, with non-decreasing Start.
type DesignationStore interface {
	// InsertDesignation stores d with Seq 1. It fails with ErrConflict
	// when the account has an open designation (zero End), and
	// ErrInvalidInput when d starts before the account's latest one.
	InsertDesignation(ctx context.Context, d Designation) (Designation, error)
	// UpdateDesignation replaces the account's latest designation if its
	// Seq equals d.Seq and d has the same Start, and returns it with Seq
	// incremented; ErrConflict on a stale Seq, ErrNotFound when there is
	// none, ErrInvalidInput when Start differs.
	UpdateDesignation(ctx context.Context, d Designation) (Designation, error)
	// LatestDesignation returns the account's latest designation, or
	// ErrNotFound.
	LatestDesignation(ctx context.Context, account org.AccountID) (Designation, error)
	// DesignationAt returns the account's latest designation with Start
	// at or before t, or ErrNotFound. O(log h).
	DesignationAt(ctx context.Context, account org.AccountID, t time.Time) (Designation, error)
}
