package agreement

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/org"
)

// Coverage is what governs an account for an agreement at an instant, and
// why.
//
// Precedence, when several apply: an offline BAA designation, then the
// organization agreement (which applies instead of an account agreement,
// A8), then the account agreement. AWS does not say which of an offline and
// an online BAA governs an account that has both; the library lets the
// offline BAA govern, because AWS says its terms "continue to apply to the
// accounts you designated" (BAA FAQ 12).
type Coverage struct {
	// Account is the account asked about.
	Account org.AccountID
	// Agreement is the agreement asked about.
	Agreement ID
	// At is the instant asked about.
	At time.Time
	// Basis says what governs: BasisNone when nothing does.
	Basis Basis
	// Governing is the customer agreement that governs, for BasisAccount
	// and BasisOrganization.
	Governing *CustomerAgreement
	// Designation is the offline-BAA designation, for BasisOffline.
	Designation *Designation
	// Superseded lists customer agreements in effect that do not govern
	// because one above them in precedence does.
	Superseded []CustomerAgreement
	// Membership is where the account stood at At.
	Membership org.Membership
	// Reason says, in words, who accepted what when, or why nothing
	// covers the account (for example "left o-exampleorg on …").
	Reason string
}

// parts are the records that may cover an account for one agreement at one
// instant: the latest of each kind started at or before it, in effect or
// not.
type parts struct {
	t         time.Time
	m         org.Membership
	org, acct CustomerAgreement
	hasOrg    bool
	hasAcct   bool
	des       Designation
	hasDes    bool
	baa       bool // the agreement is a BAA, so offline designations count
}

func (p *parts) orgIn() bool  { return p.hasOrg && p.org.InEffect(p.t) }
func (p *parts) acctIn() bool { return p.hasAcct && p.acct.InEffect(p.t) }
func (p *parts) desIn() bool  { return p.hasDes && p.des.InEffect(p.t) }
func (p *parts) basis() Basis { return basisOf(p.desIn(), p.orgIn(), p.acctIn()) }

// basisOf applies the precedence: offline, organization, account.
func basisOf(offline, orgAgreement, accountAgreement bool) Basis {
	switch {
	case offline:
		return BasisOffline
	case orgAgreement:
		return BasisOrganization
	case accountAgreement:
		return BasisAccount
	}
	return BasisNone
}

// gather reads the parts of account's coverage of a at t, given the
// account's membership m at t.
func (r *Registry) gather(ctx context.Context, a *Agreement, account org.AccountID, m org.Membership, t time.Time) (parts, error) {
	p := parts{t: t, m: m, baa: a.Kind == KindBAA}
	var err error
	if m.InOrganization() {
		if p.org, p.hasOrg, err = found(r.store.CustomerAgreementAt(ctx, OrganizationKey(a.ID, m.Org), t)); err != nil {
			return p, err
		}
	}
	if p.acct, p.hasAcct, err = found(r.store.CustomerAgreementAt(ctx, AccountKey(a.ID, account), t)); err != nil {
		return p, err
	}
	if p.baa {
		if p.des, p.hasDes, err = found(r.store.DesignationAt(ctx, account, t)); err != nil {
			return p, err
		}
	}
	return p, nil
}

// Coverage returns what governs account for agreement id at t, with the
// reason (A8-A10, H6). It answers from history: t may be any instant.
func (r *Registry) Coverage(ctx context.Context, account org.AccountID, id ID, t time.Time) (Coverage, error) {
	fail := func(err error) (Coverage, error) {
		return Coverage{}, &Error{Op: "coverage", Account: account, Agreement: id, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	if err := validID(id); err != nil {
		return fail(err)
	}
	t = t.UTC()
	a, err := r.agreement(ctx, id)
	if err != nil {
		return fail(err)
	}
	m, err := r.dir.OrganizationOf(ctx, account, t)
	if err != nil {
		return fail(err)
	}
	p, err := r.gather(ctx, &a, account, m, t)
	if err != nil {
		return fail(err)
	}
	return p.coverage(account, id), nil
}

func (p *parts) coverage(account org.AccountID, id ID) Coverage {
	c := Coverage{Account: account, Agreement: id, At: p.t, Basis: p.basis(), Membership: p.m}
	var why []string
	switch c.Basis {
	case BasisOffline:
		d := p.des
		c.Designation = &d
		why = append(why, "designated a HIPAA Account under the customer's offline BAA on "+stamp(d.Start))
	case BasisOrganization:
		g := p.org.Clone()
		c.Governing = &g
		why = append(why, fmt.Sprintf("organization agreement %s accepted by management account %s for %s on %s; %s in %s since %s",
			g.ID, g.Account, g.Organization, stamp(g.EffectiveStart), account, p.m.Org, stamp(p.m.Since())))
	case BasisAccount:
		g := p.acct.Clone()
		c.Governing = &g
		why = append(why, fmt.Sprintf("account agreement %s accepted by %s on %s", g.ID, g.Account, stamp(g.EffectiveStart)))
	}
	if c.Basis == BasisOffline && p.orgIn() {
		c.Superseded = append(c.Superseded, p.org.Clone())
		why = append(why, "it applies instead of organization agreement "+string(p.org.ID))
	}
	if c.Basis != BasisAccount && p.acctIn() {
		c.Superseded = append(c.Superseded, p.acct.Clone())
		why = append(why, "it applies instead of account agreement "+string(p.acct.ID))
	}
	if c.Basis == BasisNone {
		why = p.whyNone(account)
	}
	c.Reason = strings.Join(why, "; ")
	return c
}

// whyNone explains why nothing covers the account.
func (p *parts) whyNone(account org.AccountID) []string {
	var why []string
	switch last := p.m.Last; {
	case last.Kind == org.Left:
		why = append(why, fmt.Sprintf("left %s on %s", last.Org, stamp(last.At)))
	case last.Kind == org.Removed:
		why = append(why, fmt.Sprintf("removed from %s on %s", last.Org, stamp(last.At)))
	}
	if p.hasOrg {
		why = append(why, fmt.Sprintf("organization agreement %s of %s ended (%s) on %s", p.org.ID, p.org.Organization, p.org.State, stamp(p.org.EffectiveEnd)))
	}
	if p.hasAcct {
		why = append(why, fmt.Sprintf("account agreement %s ended (%s) on %s", p.acct.ID, p.acct.State, stamp(p.acct.EffectiveEnd)))
	}
	if p.hasDes {
		why = append(why, "offline BAA designation removed on "+stamp(p.des.End))
	}
	if len(why) == 0 {
		if p.m.InOrganization() {
			why = append(why, fmt.Sprintf("neither %s nor its organization %s has accepted it", account, p.m.Org))
		} else {
			why = append(why, fmt.Sprintf("%s has not accepted it and is in no organization", account))
		}
	}
	return why
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// HIPAAStatus says whether an account is a HIPAA Account at an instant, and
// why.
type HIPAAStatus struct {
	// Account is the account asked about.
	Account org.AccountID
	// At is the instant asked about.
	At time.Time
	// HIPAA reports whether the account is a HIPAA Account at At.
	HIPAA bool
	// Coverage is the coverage by a BAA that makes the account a HIPAA
	// Account, or, when none does, the coverage of the catalog's first
	// BAA.
	Coverage Coverage
	// Reason says why in words, starting "a HIPAA Account: " or
	// "not a HIPAA Account: ".
	Reason string
}

// IsHIPAA reports whether account is a HIPAA Account at t: covered by a BAA
// at account or organization scope, or designated under an offline BAA
// (H1-H6). It answers from history. For t at or after the account's latest
// change it costs O(1) store reads per BAA; for an earlier instant O(log h).
func (r *Registry) IsHIPAA(ctx context.Context, account org.AccountID, t time.Time) (HIPAAStatus, error) {
	fail := func(err error) (HIPAAStatus, error) {
		return HIPAAStatus{}, &Error{Op: "is HIPAA", Account: account, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	t = t.UTC()
	baas, err := r.store.AgreementsOfKind(ctx, KindBAA)
	if err != nil {
		return fail(err)
	}
	m, err := r.dir.OrganizationOf(ctx, account, t)
	if err != nil {
		return fail(err)
	}
	s, err := r.isHIPAA(ctx, baas, account, m, t)
	if err != nil {
		return fail(err)
	}
	return s, nil
}

func (r *Registry) isHIPAA(ctx context.Context, baas []Agreement, account org.AccountID, m org.Membership, t time.Time) (HIPAAStatus, error) {
	baas = baaCatalog(baas)
	return hipaaStatus(baas, account, t, func(i int) (parts, error) { return r.gather(ctx, &baas[i], account, m, t) })
}

// baaCatalog returns the BAAs to judge HIPAA Accounts by: a catalog
// without a BAA still counts offline designations.
func baaCatalog(baas []Agreement) []Agreement {
	if len(baas) == 0 {
		return []Agreement{{Kind: KindBAA}}
	}
	return baas
}

// hipaaStatus judges account by the parts of its coverage by each BAA.
func hipaaStatus(baas []Agreement, account org.AccountID, t time.Time, partsOf func(i int) (parts, error)) (HIPAAStatus, error) {
	s := HIPAAStatus{Account: account, At: t}
	for i := range baas {
		p, err := partsOf(i)
		if err != nil {
			return s, err
		}
		c := p.coverage(account, baas[i].ID)
		if i == 0 || c.Basis.Covered() {
			s.Coverage = c
		}
		if c.Basis.Covered() {
			s.HIPAA = true
			break
		}
	}
	if s.HIPAA {
		s.Reason = "a HIPAA Account: " + s.Coverage.Reason
	} else {
		s.Reason = "not a HIPAA Account: " + s.Coverage.Reason
	}
	return s, nil
}

// HIPAAAccounts returns the HIPAA Accounts of organization id at t, sorted
// by account: every member covered by a BAA in any of the three ways. It is
// linear in the organization's size; HIPAAAccountsSeq yields them without
// holding them all.
func (r *Registry) HIPAAAccounts(ctx context.Context, id org.ID, t time.Time) ([]HIPAAStatus, error) {
	fail := func(err error) ([]HIPAAStatus, error) {
		return nil, &Error{Op: "HIPAA accounts", Err: err}
	}
	if _, ok := r.store.(BatchStore); ok {
		var out []HIPAAStatus
		for s, err := range r.HIPAAAccountsSeq(ctx, id, t) {
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		if out == nil {
			out = []HIPAAStatus{}
		}
		return out, nil
	}
	t = t.UTC()
	members, err := r.dir.Members(ctx, id, t)
	if err != nil {
		return fail(err)
	}
	baas, err := r.store.AgreementsOfKind(ctx, KindBAA)
	if err != nil {
		return fail(err)
	}
	// Sized for every member: an organization under a BAA has them all,
	// and growing a slice of large statuses would copy them again and again.
	out := make([]HIPAAStatus, 0, len(members))
	for _, a := range members {
		m, err := r.dir.OrganizationOf(ctx, a, t)
		if err != nil {
			return fail(err)
		}
		s, err := r.isHIPAA(ctx, baas, a, m, t)
		if err != nil {
			return fail(err)
		}
		if s.HIPAA {
			out = append(out, s)
		}
	}
	return out, nil
}
