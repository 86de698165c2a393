package agreement

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/artifactkit/artifactkit/org"
)

// A ChangeOption configures one change a Registry makes: an acceptance, a
// termination, a membership change or an offline designation.
// [BeforeStore] is the one there is.
type ChangeOption interface{ changeOption() }

// BeforeStore, as an option of a change, is called with the change's
// events once they are derived and before the change is stored. An error
// it returns fails the change, which then stores nothing. A change retried
// after a concurrent one calls it again with the events of the new
// attempt: the last call's events are those of the change stored. A host
// records there what it must do once the change is stored (an outbox of
// notifications), so that nothing is lost if it fails right after.
type BeforeStore func(ctx context.Context, events []Event) error

func (BeforeStore) changeOption() {}

// beforeStore runs the BeforeStore options of a change.
func beforeStore(ctx context.Context, opts []ChangeOption, events []Event) error {
	for _, o := range opts {
		if before, ok := o.(BeforeStore); ok && before != nil {
			if err := before(ctx, events); err != nil {
				return &hookError{err}
			}
		}
	}
	return nil
}

// hookError carries a BeforeStore hook's error past the retry of
// conflicts: it is the hook's, never a store conflict to retry.
type hookError struct{ err error }

func (e *hookError) Error() string { return e.err.Error() }
func (e *hookError) Unwrap() error { return e.err }

// isRetry reports whether an attempt's error is a store conflict the
// operation retries (not a hook's error that wraps one).
func isRetry(err error, sentinels ...error) bool {
	var h *hookError
	if errors.As(err, &h) {
		return false
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// OrganizationWide reports whether e stands for the members of an
// organization rather than one account: the coverage event of accepting
// or terminating an organization agreement, which has an Organization and
// no Account. [Registry.Expand] yields the member events it stands for.
func (e Event) OrganizationWide() bool {
	return e.Account == "" && e.Organization != "" && (e.Kind == EventCoverageGained || e.Kind == EventCoverageLost)
}

// Expand yields the events e stands for, in account order: e itself when
// it concerns one account; for an organization-wide event (see
// [Event.OrganizationWide]), the event of each member of the organization
// at e.At whose coverage the organization agreement decided then (every
// member without coverage of its own: an account agreement in effect or,
// for a BAA, an offline designation), with Account set. A consumer that
// stopped part way resumes with after, the last account it consumed;
// after is ignored for an event about one account. A failure is yielded
// once, last.
//
// The members are judged from history as of e.At, so expanding an event
// later yields what expanding it at once would have (history is append
// only). Its memory does not grow with the organization when the
// Directory's store is an org.MemberStore, and it reads a thousand
// members' records at a time when the Registry's store is a BatchStore.
func (r *Registry) Expand(ctx context.Context, e Event, after org.AccountID) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		if !e.OrganizationWide() {
			yield(e, nil)
			return
		}
		fail := func(err error) {
			yield(Event{}, &Error{Op: "expand events", Agreement: e.Agreement, CustomerAgreement: e.CustomerAgreement, Err: err})
		}
		a, err := r.agreement(ctx, e.Agreement)
		if err != nil {
			fail(err)
			return
		}
		for m, err := range r.memberEvents(ctx, &a, e.Organization, e.At, e, after) {
			if err != nil {
				fail(err)
				return
			}
			if !yield(m, nil) {
				return
			}
		}
	}
}

// Stored reports whether the change whose first event is e was stored: an
// acceptance (EventAccepted: the customer agreement exists), a termination
// (EventTerminated: the customer agreement is in e.State), a membership
// change (a coverage event of an account on the basis of an organization:
// the account entered or left e.Organization at e.At) or an offline
// designation (a coverage event on the basis of an offline BAA: the
// designation starts or ends at e.At). A host that recorded a change's
// events before it was stored ([BeforeStore]) and does not know whether
// the change went through asks it. It fails with ErrInvalidInput for an
// event that is no change's first.
func (r *Registry) Stored(ctx context.Context, e Event) (bool, error) {
	fail := func(err error) (bool, error) {
		return false, &Error{Op: "stored", Account: e.Account, Agreement: e.Agreement, CustomerAgreement: e.CustomerAgreement, Err: err}
	}
	switch {
	case e.Kind == EventAccepted || e.Kind == EventTerminated:
		c, ok, err := found(r.store.CustomerAgreement(ctx, e.CustomerAgreement))
		if err != nil {
			return fail(err)
		}
		return ok && (e.Kind == EventAccepted || c.State == e.State), nil
	case e.OrganizationWide() || e.Account == "":
		return fail(fmt.Errorf("%w: a %s event that no change begins with", ErrInvalidInput, e.Kind))
	case e.Basis == BasisOffline:
		d, ok, err := found(r.store.DesignationAt(ctx, e.Account, e.At))
		if err != nil || !ok {
			return false, err
		}
		if e.Kind == EventCoverageGained {
			return d.Start.Equal(e.At), nil
		}
		return d.End.Equal(e.At), nil
	case e.Basis == BasisOrganization:
		h, err := r.dir.History(ctx, e.Account)
		if err != nil && !errors.Is(err, org.ErrNotFound) {
			return fail(err)
		}
		enters := e.Kind == EventCoverageGained
		for i := len(h) - 1; i >= 0 && !h[i].At.Before(e.At); i-- {
			if h[i].At.Equal(e.At) && h[i].Org == e.Organization && h[i].Kind.Enters() == enters {
				return true, nil
			}
		}
		return false, nil
	}
	return fail(fmt.Errorf("%w: a %s event on the basis of %s that no change begins with", ErrInvalidInput, e.Kind, e.Basis))
}
