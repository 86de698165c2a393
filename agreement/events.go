package agreement

import (
	"context"
	"slices"
	"time"

	"github.com/artifactkit/artifactkit/org"
)

// changeEvents derives the events of c starting or ending at t (accepted:
// EventAccepted and EventCoverageGained at its EffectiveStart; terminated:
// EventTerminated and EventCoverageLost at its EffectiveEnd): an event of
// kind change for c itself, then the coverage events. Of an account
// agreement, one for its account unless an offline designation or its
// organization's agreement covers it, derived from the state now; of an
// organization agreement, one organization-wide event that stands for
// every member without coverage of its own, which Expand derives from
// history as of t: a change of an organization of any size has two
// events, and reads nothing to derive them.
func (r *Registry) changeEvents(ctx context.Context, c CustomerAgreement, change, coverage EventKind, t time.Time) ([]Event, error) {
	events := []Event{{
		Kind: change, At: t, Account: c.Account, Agreement: c.Agreement,
		Basis: Basis(c.Scope), CustomerAgreement: c.ID, Organization: c.Organization, State: c.State,
	}}
	ev := Event{Kind: coverage, At: t, Agreement: c.Agreement, Basis: Basis(c.Scope), CustomerAgreement: c.ID, Organization: c.Organization}
	if c.Scope == ScopeOrganization {
		return append(events, ev), nil
	}
	a, err := r.agreement(ctx, c.Agreement)
	if err != nil {
		return nil, err
	}
	m, err := r.dir.OrganizationOf(ctx, c.Account, t)
	if err != nil {
		return nil, err
	}
	p, err := r.gather(ctx, &a, c.Account, m, t)
	if err != nil {
		return nil, err
	}
	if !p.desIn() && !p.orgIn() {
		ev.Account = c.Account
		events = append(events, ev)
	}
	return events, nil
}

// ownCoverage reports whether account is covered for a at t by something
// other than an organization agreement: its own account agreement or an
// offline designation.
func (r *Registry) ownCoverage(ctx context.Context, a *Agreement, account org.AccountID, t time.Time) (bool, error) {
	c, ok, err := found(r.store.CustomerAgreementAt(ctx, AccountKey(a.ID, account), t))
	if err != nil {
		return false, err
	}
	if ok && c.InEffect(t) {
		return true, nil
	}
	if a.Kind != KindBAA {
		return false, nil
	}
	d, ok, err := found(r.store.DesignationAt(ctx, account, t))
	return ok && d.InEffect(t), err
}

// orgAgreementAt returns the organization agreement of a in organization o
// in effect at t, if any.
func (r *Registry) orgAgreementAt(ctx context.Context, a ID, o org.ID, t time.Time) (CustomerAgreement, bool, error) {
	if o == "" {
		return CustomerAgreement{}, false, nil
	}
	c, ok, err := found(r.store.CustomerAgreementAt(ctx, OrganizationKey(a, o), t))
	if err != nil || !ok || !c.InEffect(t) {
		return CustomerAgreement{}, false, err
	}
	return c, true, nil
}

// MembershipEvents derives the coverage events of the membership changes
// one Directory operation made (A3, A10): EventCoverageGained for an
// account that enters an organization with organization agreements and had
// no coverage of them, EventCoverageLost for one that leaves and keeps
// none. A move between two organizations with the same agreement is
// neither. Registry.Join, Leave, Remove, Move and CreateAccount call it;
// a host that changes membership through the Directory directly can call it
// with the changes the Directory returned.
func (r *Registry) MembershipEvents(ctx context.Context, changes ...org.Change) ([]Event, error) {
	if len(changes) == 0 {
		return nil, nil
	}
	account, t := changes[0].Account, changes[0].At
	var from, to org.ID
	for _, c := range changes {
		if c.Kind.Enters() {
			to = c.Org
		} else {
			from = c.Org
		}
	}
	var ids []ID
	for _, o := range []org.ID{from, to} {
		if o == "" {
			continue
		}
		cs, err := r.store.ActiveCustomerAgreements(ctx, ActiveFilter{Organization: o}, "", 0)
		if err != nil {
			return nil, &Error{Op: "membership events", Account: account, Err: err}
		}
		for _, c := range cs {
			ids = append(ids, c.Agreement)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var events []Event
	for _, id := range ids {
		ev, err := r.membershipEvent(ctx, id, account, from, to, t)
		if err != nil {
			return nil, &Error{Op: "membership events", Account: account, Agreement: id, Err: err}
		}
		if ev.Kind != "" {
			events = append(events, ev)
		}
	}
	return events, nil
}

func (r *Registry) membershipEvent(ctx context.Context, id ID, account org.AccountID, from, to org.ID, t time.Time) (Event, error) {
	a, err := r.agreement(ctx, id)
	if err != nil {
		return Event{}, err
	}
	own, err := r.ownCoverage(ctx, &a, account, t)
	if err != nil || own {
		return Event{}, err
	}
	before, hadOrg, err := r.orgAgreementAt(ctx, id, from, t)
	if err != nil {
		return Event{}, err
	}
	after, hasOrg, err := r.orgAgreementAt(ctx, id, to, t)
	if err != nil {
		return Event{}, err
	}
	ev := Event{At: t, Account: account, Agreement: id, Basis: BasisOrganization}
	switch {
	case hasOrg && !hadOrg:
		ev.Kind, ev.CustomerAgreement, ev.Organization = EventCoverageGained, after.ID, to
	case hadOrg && !hasOrg:
		ev.Kind, ev.CustomerAgreement, ev.Organization = EventCoverageLost, before.ID, from
	}
	return ev, nil
}

// offlineEvents derives the coverage events of designating account under an
// offline BAA (designated) or removing its designation, at t.
func (r *Registry) offlineEvents(ctx context.Context, account org.AccountID, t time.Time, designated bool) ([]Event, error) {
	baas, err := r.store.AgreementsOfKind(ctx, KindBAA)
	if err != nil {
		return nil, err
	}
	m, err := r.dir.OrganizationOf(ctx, account, t)
	if err != nil {
		return nil, err
	}
	var events []Event
	for i := range baas {
		p, err := r.gather(ctx, &baas[i], account, m, t)
		if err != nil {
			return nil, err
		}
		if p.orgIn() || p.acctIn() {
			continue
		}
		kind := EventCoverageLost
		if designated {
			kind = EventCoverageGained
		}
		events = append(events, Event{Kind: kind, At: t, Account: account, Agreement: baas[i].ID, Basis: BasisOffline})
	}
	return events, nil
}
