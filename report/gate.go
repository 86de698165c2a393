package report

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// TermToken hands account a term token for version v of report id (AWS's
// GetTermForReport; version 0 is the latest available). The token is
// bound to the account and the version, and expires after the catalog's
// term lifetime. The version must be available: unknown is ErrNotFound,
// not readable ErrNotPublished. Approval is not checked here: Download
// checks it before the terms.
func (c *Catalog) TermToken(ctx context.Context, account aws.AccountID, id string, v int64) (TermToken, error) {
	if err := validateAccount(account); err != nil {
		return TermToken{}, err
	}
	if err := checkRef(id, v, true); err != nil {
		return TermToken{}, err
	}
	now := c.now()
	r, err := c.available(ctx, id, v, now)
	if err != nil {
		return TermToken{}, err
	}
	for attempt := 1; ; attempt++ {
		value, err := c.newID(termTokenPrefix, tokenSuffixLen)
		if err != nil {
			return TermToken{}, err
		}
		t := TermToken{
			Value:     value,
			Account:   account,
			ReportID:  r.ID,
			Version:   r.Version,
			TermARN:   r.TermARN,
			IssuedAt:  now,
			ExpiresAt: now.Add(c.termLifetime),
		}
		err = c.store.PutToken(ctx, t)
		if err == nil {
			c.purgeNow(ctx, now)
			return t, nil
		}
		if !errors.Is(err, ErrConflict) || attempt == maxAttempts {
			return TermToken{}, err
		}
	}
}

// PurgeExpiredTokens deletes the term tokens that have expired and returns
// how many. Expired tokens are refused whether or not they were purged;
// purging keeps the store from growing. TermToken purges by itself at most
// once a term lifetime, so a host need not call it.
func (c *Catalog) PurgeExpiredTokens(ctx context.Context) (int, error) {
	now := c.now()
	n, err := c.store.DeleteExpiredTokens(ctx, now)
	if err != nil {
		return 0, fmt.Errorf("report: purging expired term tokens: %w", err)
	}
	c.purged.Store(now.UnixNano())
	return n, nil
}

// purgeNow purges the expired term tokens when the last purge is a term
// lifetime ago; one caller purges, the others go on. A failure is left for
// the next purge: the token issued is what the caller asked for.
func (c *Catalog) purgeNow(ctx context.Context, now time.Time) {
	last := c.purged.Load()
	if now.UnixNano()-last < int64(c.termLifetime) || !c.purged.CompareAndSwap(last, now.UnixNano()) {
		return
	}
	_, _ = c.store.DeleteExpiredTokens(ctx, now)
}

// available returns version v of id (0: the latest available) if it can
// be read at instant at.
func (c *Catalog) available(ctx context.Context, id string, v int64, at time.Time) (Report, error) {
	if v == 0 {
		return c.latest(ctx, id, at)
	}
	r, err := c.version(ctx, id, v)
	if err != nil {
		return Report{}, err
	}
	if !r.Available(at) {
		return Report{}, notPublished(r, at)
	}
	return r, nil
}

// notPublished says why a version cannot be read. For a version published
// in the future it does not say when: the embargo is not for readers to
// learn.
func notPublished(r Report, at time.Time) error {
	var why string
	switch {
	case !r.DeletedAt.IsZero():
		why = "is deleted"
	case r.State != Published:
		why = "is UNPUBLISHED"
	case r.PublishedAt.After(at):
		why = "is not published yet"
	default:
		why = "has an upload in state " + string(r.UploadState)
	}
	return fmt.Errorf("report: %s version %d %s: %w", r.ID, r.Version, why, ErrNotPublished)
}

// Download is the gate in front of a version's document (AWS's
// GetReport): it returns the version, whose Document the caller hands out,
// or the first of these errors (N2, R2):
//
//   - ErrNotFound: no such report or version;
//   - ErrNotPublished: the version cannot be read now (version 0: the
//     report has no readable version);
//   - ErrApprovalRequired: the version needs approval and the account's
//     access request is not approved;
//   - ErrTermsNotAccepted: the terms are EXPLICIT and no term token is
//     presented;
//   - ErrInvalidToken: the token presented is unknown, expired, or
//     another account's or another version's.
//
// Presenting a valid token for EXPLICIT terms records the account's
// acceptance (once per token). PASSTHROUGH terms need no acceptance: an
// empty token passes, and a presented one must still be valid.
func (c *Catalog) Download(ctx context.Context, account aws.AccountID, id string, v int64, token string) (Report, error) {
	if err := validateAccount(account); err != nil {
		return Report{}, err
	}
	if err := checkRef(id, v, true); err != nil {
		return Report{}, err
	}
	now := c.now()
	r, err := c.available(ctx, id, v, now)
	if err != nil {
		return Report{}, err
	}
	return r, c.gate(ctx, account, &r, token, now)
}

// DownloadVersion is Download for a version the caller has just read (with
// Get, to authorize the download on its ARN and condition keys): it checks
// that *r is available now and applies the gates to it, without reading it
// again. r must come from this catalog; the errors are Download's.
func (c *Catalog) DownloadVersion(ctx context.Context, account aws.AccountID, r *Report, token string) error {
	if err := validateAccount(account); err != nil {
		return err
	}
	if r.Version < 1 {
		// Its id was checked when it was read; a version it must have.
		return aws.InvalidField("reportVersion", "%d is not a version (at least 1)", r.Version)
	}
	now := c.now()
	if !r.Available(now) {
		return notPublished(*r, now)
	}
	return c.gate(ctx, account, r, token, now)
}

// gate applies the approval and terms gates of an available version r to
// account presenting token at now (N2, R2).
func (c *Catalog) gate(ctx context.Context, account aws.AccountID, r *Report, token string, now time.Time) error {
	if r.NeedsApproval {
		a, err := c.Access(ctx, account, r.ID)
		if err != nil {
			return err
		}
		if a.State != AccessApproved {
			return fmt.Errorf("report: account %s may not download %s: access request %s: %w",
				account, r.ID, a.State, ErrApprovalRequired)
		}
	}
	if token == "" {
		if r.AcceptanceType == Explicit {
			return fmt.Errorf("report: %s version %d has EXPLICIT terms and no term token was presented: %w",
				r.ID, r.Version, ErrTermsNotAccepted)
		}
		return nil
	}
	// A malformed token is as unknown as one never issued; only its
	// length is checked before the store is asked, which holds none but
	// well-formed tokens (the catalog issues them).
	if len(token) != len(termTokenPrefix)+tokenSuffixLen {
		return &TokenError{Reason: TokenUnknown}
	}
	t, err := c.store.Token(ctx, token)
	switch {
	case errors.Is(err, ErrNotFound) || (err == nil && t.Value != token):
		return &TokenError{Reason: TokenUnknown}
	case err != nil:
		return err
	case t.Account != account:
		return &TokenError{Reason: TokenOtherAccount}
	case t.ReportID != r.ID || t.Version != r.Version:
		return &TokenError{Reason: TokenOtherVersion}
	case !now.Before(t.ExpiresAt):
		return &TokenError{Reason: TokenExpired}
	}
	if r.AcceptanceType == Explicit {
		err := c.store.AddAcceptance(ctx, Acceptance{
			Account: account, ReportID: r.ID, Version: r.Version, TermARN: t.TermARN, Token: t.Value, At: now,
		})
		if err != nil && !errors.Is(err, ErrConflict) {
			return err
		}
	}
	return nil
}

// Acceptances returns the terms account accepted, in the order accepted:
// who, when, which version and which terms (N2).
func (c *Catalog) Acceptances(ctx context.Context, account aws.AccountID) ([]Acceptance, error) {
	if err := validateAccount(account); err != nil {
		return nil, err
	}
	return c.store.Acceptances(ctx, account)
}

// Access returns account's access request for report id; AccessNone when
// it never asked.
func (c *Catalog) Access(ctx context.Context, account aws.AccountID, id string) (Access, error) {
	if err := validateAccount(account); err != nil {
		return Access{}, err
	}
	if err := ValidateID(id); err != nil {
		return Access{}, err
	}
	a, err := c.store.Access(ctx, account, id)
	if errors.Is(err, ErrNotFound) {
		return Access{Account: account, ReportID: id, State: AccessNone}, nil
	}
	return a, err
}

// RequestAccess records that account asks for access to report id (R2).
// A request already pending or approved is returned unchanged; a rejected
// or revoked one becomes pending again. The report must exist.
func (c *Catalog) RequestAccess(ctx context.Context, account aws.AccountID, id string) (Access, error) {
	return c.decide(ctx, account, id, func(a *Access, now time.Time) error {
		switch a.State {
		case AccessPending, AccessApproved:
			return nil
		}
		a.State, a.RequestedAt = AccessPending, now
		return nil
	})
}

// Approve approves account's pending request for report id (R2).
func (c *Catalog) Approve(ctx context.Context, account aws.AccountID, id string) (Access, error) {
	return c.decide(ctx, account, id, transition(AccessPending, AccessApproved, "approve"))
}

// Reject rejects account's pending request for report id (R2).
func (c *Catalog) Reject(ctx context.Context, account aws.AccountID, id string) (Access, error) {
	return c.decide(ctx, account, id, transition(AccessPending, AccessRejected, "reject"))
}

// Revoke withdraws the approval of account's request for report id.
func (c *Catalog) Revoke(ctx context.Context, account aws.AccountID, id string) (Access, error) {
	return c.decide(ctx, account, id, transition(AccessApproved, AccessRevoked, "revoke"))
}

// transition moves a request from one state to another, or fails with
// ErrAccessState.
func transition(from, to AccessState, verb string) func(*Access, time.Time) error {
	return func(a *Access, now time.Time) error {
		if a.State != from {
			return fmt.Errorf("report: cannot %s the request of %s for %s: it is %s, not %s: %w",
				verb, a.Account, a.ReportID, a.State, from, ErrAccessState)
		}
		a.State, a.DecidedAt = to, now
		return nil
	}
}

// decide reads an access request, applies f, and writes it back when f
// changed it, retrying when another writer got there first. The report
// must exist.
func (c *Catalog) decide(ctx context.Context, account aws.AccountID, id string, f func(*Access, time.Time) error) (Access, error) {
	if err := validateAccount(account); err != nil {
		return Access{}, err
	}
	if err := ValidateID(id); err != nil {
		return Access{}, err
	}
	if _, err := c.store.Versions(ctx, id); errors.Is(err, ErrNotFound) {
		return Access{}, &NotFoundError{ID: id}
	} else if err != nil {
		return Access{}, err
	}
	for attempt := 1; ; attempt++ {
		cur, err := c.Access(ctx, account, id)
		if err != nil {
			return Access{}, err
		}
		next := cur
		if err := f(&next, c.now()); err != nil {
			return Access{}, err
		}
		if next == cur {
			return cur, nil
		}
		next, err = c.store.PutAccess(ctx, next)
		if err == nil {
			return next, nil
		}
		if !errors.Is(err, ErrConflict) || attempt == maxAttempts {
			return Access{}, err
		}
	}
}
