package agreement

import (
	"context"
	"errors"

	"github.com/artifactkit/artifactkit/org"
)

// AWSDesignateOffline records that AWS confirmed account as a HIPAA Account
// under its customer's offline BAA, a process outside Artifact (H6, BAA FAQ
// 15). The account is a HIPAA Account from now until the designation is
// removed. It returns the designation and, for each BAA of the catalog the
// account had no coverage of, EventCoverageGained. It fails with
// ErrAlreadyDesignated when the account is designated.
func (r *Registry) AWSDesignateOffline(ctx context.Context, account org.AccountID, opts ...ChangeOption) (Designation, []Event, error) {
	fail := func(err error) (Designation, []Event, error) {
		return Designation{}, nil, &Error{Op: "AWS designate offline", Account: account, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	for range maxAttempts {
		last, ok, err := found(r.store.LatestDesignation(ctx, account))
		if err != nil {
			return fail(err)
		}
		if ok && last.End.IsZero() {
			return fail(ErrAlreadyDesignated)
		}
		start := r.Now()
		if ok {
			start = atLeast(atLeast(start, last.Start), last.End)
		}
		// The events first: a designation stored is always returned with
		// them.
		ev, err := r.offlineEvents(ctx, account, start, true)
		if err != nil {
			return fail(err)
		}
		if err := beforeStore(ctx, opts, ev); err != nil {
			return fail(err)
		}
		d, err := r.store.InsertDesignation(ctx, Designation{Account: account, Start: start})
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return d, ev, nil
	}
	return fail(ErrConflict)
}

// RemoveOfflineDesignation removes account's designation as a HIPAA Account
// under its offline BAA, as Artifact lets a customer do (H6, BAA FAQ 17).
// The offline BAA itself stays in force. It returns the ended designation
// and, for each BAA the account is left without coverage of,
// EventCoverageLost. It fails with ErrNotDesignated when the account is
// not designated.
func (r *Registry) RemoveOfflineDesignation(ctx context.Context, account org.AccountID, opts ...ChangeOption) (Designation, []Event, error) {
	fail := func(err error) (Designation, []Event, error) {
		return Designation{}, nil, &Error{Op: "remove offline designation", Account: account, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	for range maxAttempts {
		d, ok, err := found(r.store.LatestDesignation(ctx, account))
		if err != nil {
			return fail(err)
		}
		if !ok || !d.End.IsZero() {
			return fail(ErrNotDesignated)
		}
		d.End = atLeast(r.Now(), d.Start)
		ev, err := r.offlineEvents(ctx, account, d.End, false)
		if err != nil {
			return fail(err)
		}
		if err := beforeStore(ctx, opts, ev); err != nil {
			return fail(err)
		}
		d, err = r.store.UpdateDesignation(ctx, d)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return d, ev, nil
	}
	return fail(ErrConflict)
}

// DesignateOffline is an attempt to designate account under an offline BAA
// through Artifact. Artifact cannot (H6, BAA FAQ 15): it always fails with
// ErrOfflineNotSupported (or ErrInvalidInput).
func (r *Registry) DesignateOffline(ctx context.Context, account org.AccountID) error {
	return offlineNotSupported("designate offline", account)
}

// TerminateOfflineBAA is an attempt to terminate an offline BAA through
// Artifact, which needs written notice to AWS instead (H6, BAA FAQ 16): it
// always fails with ErrOfflineNotSupported (or ErrInvalidInput).
func (r *Registry) TerminateOfflineBAA(ctx context.Context, account org.AccountID) error {
	return offlineNotSupported("terminate offline BAA", account)
}

// DownloadOfflineBAA is an attempt to download an offline BAA through
// Artifact, which keeps it confidential (H6, BAA FAQ 14): it always fails
// with ErrOfflineNotSupported (or ErrInvalidInput).
func (r *Registry) DownloadOfflineBAA(ctx context.Context, account org.AccountID) error {
	return offlineNotSupported("download offline BAA", account)
}

func offlineNotSupported(op string, account org.AccountID) error {
	if err := validAccount(account); err != nil {
		return &Error{Op: op, Account: account, Err: err}
	}
	return &Error{Op: op, Account: account, Err: ErrOfflineNotSupported}
}
