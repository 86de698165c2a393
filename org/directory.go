package org

import (
	"context"
	"errors"
	"slices"
	"time"
)

// maxAttempts bounds how often an operation re-reads and retries after a
// store conflict before returning ErrConflict.
const maxAttempts = 16

// Directory is AWS Organizations as Artifact sees it: organizations, their
// feature set and trusted access, and every account's membership, dated by
// the Directory's clock and answerable for any instant.
//
// A Directory is safe for concurrent use; its state lives in its Store, so
// several Directories may share one store. Each operation either completes
// or changes nothing.
type Directory struct {
	store     Store
	now       func() time.Time
	partition string
}

// Option configures a Directory.
type Option func(*Directory)

// WithClock sets the clock that dates every change (default time.Now).
// Times are converted to UTC.
func WithClock(now func() time.Time) Option {
	return func(d *Directory) {
		if now != nil {
			d.now = now
		}
	}
}

// WithPartition sets the AWS partition used in ARNs (default "aws").
func WithPartition(partition string) Option {
	return func(d *Directory) {
		if partition != "" {
			d.partition = partition
		}
	}
}

// NewDirectory returns a Directory over store, which must not be nil (use
// [github.com/artifactkit/artifactkit/org/memstore.New] for an in-memory
// one).
func NewDirectory(store Store, opts ...Option) *Directory {
	if store == nil {
		panic("org: NewDirectory with a nil Store")
	}
	d := &Directory{store: store, now: time.Now, partition: "aws"}
	for _, o := range opts {
		o(d)
	}
	return d
}

// Now returns the Directory's clock reading, in UTC.
func (d *Directory) Now() time.Time { return d.now().UTC() }

// Partition returns the AWS partition used in ARNs.
func (d *Directory) Partition() string { return d.partition }

// Create creates organization id with management as its management
// account, which joins it at once. It fails with ErrExists when the id is
// taken and ErrAlreadyInOrganization when management is in an
// organization.
func (d *Directory) Create(ctx context.Context, id ID, management AccountID, fs FeatureSet) (Organization, error) {
	fail := func(err error) (Organization, error) {
		return Organization{}, &Error{Op: "create", Account: management, Org: id, Err: err}
	}
	if err := validate(id, management); err != nil {
		return fail(err)
	}
	if !fs.IsValid() {
		return fail(&ParseError{What: "feature set", Input: string(fs), Reason: "want ALL or CONSOLIDATED_BILLING"})
	}
	for range maxAttempts {
		last, err := d.last(ctx, management)
		if err != nil {
			return fail(err)
		}
		if last.Kind.Enters() {
			return fail(ErrAlreadyInOrganization)
		}
		now := d.after(last)
		o := Organization{
			ID:                id,
			ARN:               OrganizationARN(d.partition, management, id),
			ManagementAccount: management,
			FeatureSet:        fs,
			Created:           now,
		}
		founding := Change{Account: management, Kind: Founded, Org: id, At: now, Seq: last.Seq + 1}
		o, err = d.store.CreateOrganization(ctx, o, founding)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return o, nil
	}
	return fail(ErrConflict)
}

// Organization returns the organization with that id, or ErrNotFound.
func (d *Directory) Organization(ctx context.Context, id ID) (Organization, error) {
	if !id.IsValid() {
		return Organization{}, &Error{Op: "get", Org: id, Err: idError(id)}
	}
	o, err := d.store.Organization(ctx, id)
	if err != nil {
		return Organization{}, &Error{Op: "get", Org: id, Err: err}
	}
	return o, nil
}

// EnableAllFeatures sets the organization's feature set to ALL. It is a
// no-op for an organization that has all features.
func (d *Directory) EnableAllFeatures(ctx context.Context, id ID) (Organization, error) {
	return d.update(ctx, "enable all features", id, func(o *Organization) error {
		o.FeatureSet = AllFeatures
		return nil
	})
}

// EnableTrustedAccess enables trusted access for a service principal, such
// as [ArtifactServicePrincipal]. As in AWS Organizations, the organization
// needs all features (ErrAllFeaturesRequired). Enabling it for Artifact
// also creates Artifact's service-linked role when it is missing, as the
// Artifact console does.
func (d *Directory) EnableTrustedAccess(ctx context.Context, id ID, principal string) (Organization, error) {
	if err := validatePrincipal(principal); err != nil {
		return Organization{}, &Error{Op: "enable trusted access", Org: id, Err: err}
	}
	return d.update(ctx, "enable trusted access", id, func(o *Organization) error {
		if o.FeatureSet != AllFeatures {
			return ErrAllFeaturesRequired
		}
		if i, ok := slices.BinarySearch(o.TrustedAccess, principal); !ok {
			o.TrustedAccess = slices.Insert(o.TrustedAccess, i, principal)
		}
		if principal == ArtifactServicePrincipal {
			o.ServiceLinkedRole = true
		}
		return nil
	})
}

// DisableTrustedAccess disables trusted access for a service principal. It
// leaves the service-linked role in place, as AWS does. Organization
// agreements already accepted stay in force and keep following membership.
func (d *Directory) DisableTrustedAccess(ctx context.Context, id ID, principal string) (Organization, error) {
	if err := validatePrincipal(principal); err != nil {
		return Organization{}, &Error{Op: "disable trusted access", Org: id, Err: err}
	}
	return d.update(ctx, "disable trusted access", id, func(o *Organization) error {
		if i, ok := slices.BinarySearch(o.TrustedAccess, principal); ok {
			o.TrustedAccess = slices.Delete(o.TrustedAccess, i, i+1)
		}
		return nil
	})
}

// DeleteServiceLinkedRole records that Artifact's service-linked role was
// deleted from the management account; organization agreements then
// cannot be accepted until trusted access is enabled again (A5).
func (d *Directory) DeleteServiceLinkedRole(ctx context.Context, id ID) (Organization, error) {
	return d.update(ctx, "delete service-linked role", id, func(o *Organization) error {
		o.ServiceLinkedRole = false
		return nil
	})
}

func (d *Directory) update(ctx context.Context, op string, id ID, apply func(*Organization) error) (Organization, error) {
	fail := func(err error) (Organization, error) {
		return Organization{}, &Error{Op: op, Org: id, Err: err}
	}
	if !id.IsValid() {
		return fail(idError(id))
	}
	for range maxAttempts {
		o, err := d.store.Organization(ctx, id)
		if err != nil {
			return fail(err)
		}
		if err := apply(&o); err != nil {
			return fail(err)
		}
		o, err = d.store.UpdateOrganization(ctx, o)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return o, nil
	}
	return fail(ErrConflict)
}

// A ChangeOption adjusts a membership change: Join, CreateAccount, Leave,
// Remove or Move. BeforeAppend is the one there is.
type ChangeOption interface{ changeOption() }

// BeforeAppend, as an option of a membership change, is called with the
// changes about to be appended, once they are validated and just before
// they are appended. When it fails, nothing is appended and the change
// fails with its error. It may be called more than once, when a conflict
// makes the change start again, and must change nothing itself. Package
// agreement reads what a change's coverage events need this way, so that
// nothing is left to fail once the change is stored.
type BeforeAppend func(ctx context.Context, changes []Change) error

func (BeforeAppend) changeOption() {}

// appendChanges runs the BeforeAppend options, then appends cs.
func (d *Directory) appendChanges(ctx context.Context, opts []ChangeOption, cs ...Change) error {
	for _, o := range opts {
		if before, ok := o.(BeforeAppend); ok && before != nil {
			if err := before(ctx, cs); err != nil {
				return errBefore{err}
			}
		}
	}
	return d.store.AppendChanges(ctx, cs...)
}

// errBefore carries a BeforeAppend hook's error past the conflict check.
type errBefore struct{ err error }

func (e errBefore) Error() string { return e.err.Error() }
func (e errBefore) Unwrap() error { return e.err }

// Join makes account a member of organization id: it was invited and
// accepted. It fails with ErrAlreadyInOrganization when the account is in
// an organization, and ErrNotFound when there is no such organization.
func (d *Directory) Join(ctx context.Context, account AccountID, id ID, opts ...ChangeOption) (Change, error) {
	return d.enter(ctx, "join", account, id, Joined, opts)
}

// CreateAccount records that the management account of organization id
// created account inside it. It fails like Join.
func (d *Directory) CreateAccount(ctx context.Context, id ID, account AccountID, opts ...ChangeOption) (Change, error) {
	return d.enter(ctx, "create account", account, id, Created, opts)
}

func (d *Directory) enter(ctx context.Context, op string, account AccountID, id ID, kind ChangeKind, opts []ChangeOption) (Change, error) {
	fail := func(err error) (Change, error) {
		return Change{}, &Error{Op: op, Account: account, Org: id, Err: err}
	}
	if err := validate(id, account); err != nil {
		return fail(err)
	}
	if _, err := d.store.Organization(ctx, id); err != nil {
		return fail(err)
	}
	for range maxAttempts {
		last, err := d.last(ctx, account)
		if err != nil {
			return fail(err)
		}
		if last.Kind.Enters() {
			return fail(ErrAlreadyInOrganization)
		}
		c := Change{Account: account, Kind: kind, Org: id, At: d.after(last), Seq: last.Seq + 1}
		err = d.appendChanges(ctx, opts, c)
		if isConflict(err) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return c, nil
	}
	return fail(ErrConflict)
}

// Leave takes account out of its organization. It fails with
// ErrNotInOrganization when the account is in none and
// ErrManagementCannotLeave for the management account.
func (d *Directory) Leave(ctx context.Context, account AccountID, opts ...ChangeOption) (Change, error) {
	return d.exit(ctx, "leave", account, Left, opts)
}

// Remove records that the management account of account's organization
// removed it. It fails like Leave.
func (d *Directory) Remove(ctx context.Context, account AccountID, opts ...ChangeOption) (Change, error) {
	return d.exit(ctx, "remove", account, Removed, opts)
}

func (d *Directory) exit(ctx context.Context, op string, account AccountID, kind ChangeKind, opts []ChangeOption) (Change, error) {
	fail := func(err error) (Change, error) {
		return Change{}, &Error{Op: op, Account: account, Err: err}
	}
	if !account.IsValid() {
		return fail(accountError(account))
	}
	for range maxAttempts {
		last, err := d.last(ctx, account)
		if err != nil {
			return fail(err)
		}
		if !last.Kind.Enters() {
			return fail(ErrNotInOrganization)
		}
		if last.Kind == Founded {
			return fail(ErrManagementCannotLeave)
		}
		c := Change{Account: account, Kind: kind, Org: last.Org, At: d.after(last), Seq: last.Seq + 1}
		err = d.appendChanges(ctx, opts, c)
		if isConflict(err) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return c, nil
	}
	return fail(ErrConflict)
}

// Move takes account out of its organization and into organization to at
// the same instant: a Left change and a Joined one, appended atomically.
// It fails with ErrNotInOrganization when the account is in none,
// ErrManagementCannotLeave for a management account,
// ErrAlreadyInOrganization when it is already in to, and ErrNotFound when
// to does not exist.
func (d *Directory) Move(ctx context.Context, account AccountID, to ID, opts ...ChangeOption) ([]Change, error) {
	fail := func(err error) ([]Change, error) {
		return nil, &Error{Op: "move", Account: account, Org: to, Err: err}
	}
	if err := validate(to, account); err != nil {
		return fail(err)
	}
	if _, err := d.store.Organization(ctx, to); err != nil {
		return fail(err)
	}
	for range maxAttempts {
		last, err := d.last(ctx, account)
		if err != nil {
			return fail(err)
		}
		switch {
		case !last.Kind.Enters():
			return fail(ErrNotInOrganization)
		case last.Kind == Founded:
			return fail(ErrManagementCannotLeave)
		case last.Org == to:
			return fail(ErrAlreadyInOrganization)
		}
		at := d.after(last)
		cs := []Change{
			{Account: account, Kind: Left, Org: last.Org, At: at, Seq: last.Seq + 1},
			{Account: account, Kind: Joined, Org: to, At: at, Seq: last.Seq + 2},
		}
		err = d.appendChanges(ctx, opts, cs...)
		if isConflict(err) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return cs, nil
	}
	return fail(ErrConflict)
}

// OrganizationOf returns where account stood at t: a join at t counts, a
// leave at t counts. For t at or after the account's latest change it is
// O(1); for an earlier instant O(log h) in the account's history.
func (d *Directory) OrganizationOf(ctx context.Context, account AccountID, t time.Time) (Membership, error) {
	if !account.IsValid() {
		return Membership{}, &Error{Op: "organization of", Account: account, Err: accountError(account)}
	}
	c, err := d.store.LastChange(ctx, account)
	if err == nil && c.At.After(t) {
		c, err = d.store.ChangeAt(ctx, account, t)
	}
	if errors.Is(err, ErrNotFound) {
		return Membership{Account: account}, nil
	}
	if err != nil {
		return Membership{}, &Error{Op: "organization of", Account: account, Err: err}
	}
	m := Membership{Account: account, Last: c}
	if c.Kind.Enters() {
		m.Org = c.Org
	}
	return m, nil
}

// Members returns the accounts in organization id at t, management account
// included, sorted. It fails with ErrNotFound for an unknown organization.
// It is linear in the organization's membership changes.
func (d *Directory) Members(ctx context.Context, id ID, t time.Time) ([]AccountID, error) {
	fail := func(err error) ([]AccountID, error) {
		return nil, &Error{Op: "members", Org: id, Err: err}
	}
	if !id.IsValid() {
		return fail(idError(id))
	}
	if _, err := d.store.Organization(ctx, id); err != nil {
		return fail(err)
	}
	changes, err := d.store.OrganizationChanges(ctx, id)
	if err != nil {
		return fail(err)
	}
	// Each account's latest change in this organization at or before t
	// decides; within one account, Seq orders changes.
	type state struct {
		seq uint64
		in  bool
	}
	latest := make(map[AccountID]state, len(changes)/2+1)
	for i := range changes {
		c := &changes[i]
		if c.At.After(t) {
			continue
		}
		if prev, ok := latest[c.Account]; !ok || c.Seq > prev.seq {
			latest[c.Account] = state{c.Seq, c.Kind.Enters()}
		}
	}
	members := make([]AccountID, 0, len(latest))
	for a, s := range latest {
		if s.in {
			members = append(members, a)
		}
	}
	slices.Sort(members)
	return members, nil
}

// History returns account's membership changes, oldest first.
func (d *Directory) History(ctx context.Context, account AccountID) ([]Change, error) {
	if !account.IsValid() {
		return nil, &Error{Op: "history", Account: account, Err: accountError(account)}
	}
	h, err := d.store.History(ctx, account)
	if err != nil {
		return nil, &Error{Op: "history", Account: account, Err: err}
	}
	return h, nil
}

// last returns the account's latest change, or the zero Change.
func (d *Directory) last(ctx context.Context, account AccountID) (Change, error) {
	c, err := d.store.LastChange(ctx, account)
	if errors.Is(err, ErrNotFound) {
		return Change{}, nil
	}
	return c, err
}

// isConflict reports whether err is the store's conflict, which a change
// retries; a BeforeAppend hook's error is never one.
func isConflict(err error) bool {
	var hook errBefore
	return errors.Is(err, ErrConflict) && !errors.As(err, &hook)
}

// after returns the clock's reading, but never before last: an account's
// history is dated in order even if the clock steps back.
func (d *Directory) after(last Change) time.Time {
	now := d.Now()
	if now.Before(last.At) {
		return last.At
	}
	return now
}

func validate(id ID, account AccountID) error {
	if !id.IsValid() {
		return idError(id)
	}
	if !account.IsValid() {
		return accountError(account)
	}
	return nil
}

func idError(id ID) error {
	_, err := ParseID(string(id))
	return err
}

func accountError(a AccountID) error {
	_, err := ParseAccountID(string(a))
	return err
}

func validatePrincipal(p string) error {
	ok := len(p) > 0 && len(p) <= 128
	for i := 0; ok && i < len(p); i++ {
		c := p[i]
		ok = c == '.' || c == '-' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
	}
	if !ok {
		return &ParseError{What: "service principal", Input: p, Reason: "want a service principal such as " + ArtifactServicePrincipal}
	}
	return nil
}
