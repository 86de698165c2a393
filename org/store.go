package org

import (
	"context"
	"time"
)

// Store holds organizations and membership histories. Implementations must
// be safe for concurrent use. The in-memory implementation is
// [github.com/artifactkit/artifactkit/org/memstore]; any other can be
// checked with [github.com/artifactkit/artifactkit/org/storetest].
//
// Aliasing: a store copies values in and out. Slices passed to it or
// returned by it are never retained or shared, so a caller may modify them
// freely.
//
// Errors: a store returns errors wrapping [ErrNotFound], [ErrExists],
// [ErrConflict] or [ErrInvalidInput] as described below, or its own
// failures.
//
// Cancellation: every method honours its context. Called with a context
// that is already done, it returns an error wrapping the context's error
// (context.Canceled, context.DeadlineExceeded) and changes nothing; a
// store doing I/O also gives up an operation under way when the context
// ends.
type Store interface {
	// CreateOrganization stores o with Seq 1 and, atomically, appends
	// founding (the management account's Founded change) to its account's
	// history, as AppendChanges would. It fails with ErrExists when an
	// organization with o.ID exists and with ErrConflict when founding is
	// not the account's next change; then nothing is stored.
	CreateOrganization(ctx context.Context, o Organization, founding Change) (Organization, error)

	// Organization returns the organization with that id, or ErrNotFound.
	Organization(ctx context.Context, id ID) (Organization, error)

	// UpdateOrganization replaces the stored organization with o if the
	// stored Seq equals o.Seq, and returns it with Seq incremented. It
	// fails with ErrConflict on a stale Seq and ErrNotFound when there is
	// no such organization.
	UpdateOrganization(ctx context.Context, o Organization) (Organization, error)

	// AppendChanges atomically appends changes, all of one account, to
	// its history. Their Seq must be consecutive, starting one after the
	// account's last change (1 for an account without history); otherwise
	// it fails with ErrConflict. It fails with ErrInvalidInput when the
	// changes name different accounts or a change is dated before the one
	// before it. Appending nothing succeeds.
	AppendChanges(ctx context.Context, changes ...Change) error

	// LastChange returns the account's latest change, or ErrNotFound when
	// it has none. It is O(1).
	LastChange(ctx context.Context, account AccountID) (Change, error)

	// ChangeAt returns the account's latest change dated at or before t
	// (the one with the highest Seq among them), or ErrNotFound when there
	// is none. It is O(log h) in the account's history.
	ChangeAt(ctx context.Context, account AccountID, t time.Time) (Change, error)

	// History returns the account's changes, oldest first (empty, not an
	// error, for an account without history).
	History(ctx context.Context, account AccountID) ([]Change, error)

	// OrganizationChanges returns every change entering or leaving
	// organization id, in the order they were appended (empty for an
	// organization without changes).
	OrganizationChanges(ctx context.Context, id ID) ([]Change, error)
}
