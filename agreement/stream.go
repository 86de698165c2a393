package agreement

import (
	"context"
	"iter"
	"time"

	"github.com/artifactkit/artifactkit/org"
)

// BatchStore is a Store that reads the coverage records of many accounts
// in one go: a database answers a thousand accounts in one query about as
// fast as one. The Registry uses it, when its Store has it, for the
// answers that are linear in an organization's size (HIPAAAccountsSeq, and
// Expand, the member events of an organization agreement accepted or
// terminated).
type BatchStore interface {
	Store
	// AccountAgreementsAt returns, for each of accounts that has one, its
	// latest account agreement of agreement a with EffectiveStart at or
	// before t (what CustomerAgreementAt returns for AccountKey(a,
	// account)), by account.
	AccountAgreementsAt(ctx context.Context, a ID, accounts []org.AccountID, t time.Time) (map[org.AccountID]CustomerAgreement, error)
	// DesignationsAt returns, for each of accounts that has one, its
	// latest designation with Start at or before t (what DesignationAt
	// returns), by account.
	DesignationsAt(ctx context.Context, accounts []org.AccountID, t time.Time) (map[org.AccountID]Designation, error)
}

// batchSize is how many members the streaming answers judge at a time.
const batchSize = 1000

// memberBatches yields the memberships of organization id at t of the
// accounts after after, in batches of up to batchSize, sorted by account.
// The batch is reused: a consumer keeps none of it.
func (r *Registry) memberBatches(ctx context.Context, id org.ID, t time.Time, after org.AccountID) iter.Seq2[[]org.Membership, error] {
	return func(yield func([]org.Membership, error) bool) {
		batch := make([]org.Membership, 0, batchSize)
		for m, err := range r.dir.MembersAfter(ctx, id, t, after) {
			if err != nil {
				yield(nil, err)
				return
			}
			batch = append(batch, m)
			if len(batch) == batchSize {
				if !yield(batch, nil) {
					return
				}
				batch = batch[:0]
			}
		}
		if len(batch) > 0 {
			yield(batch, nil)
		}
	}
}

// own holds the account agreements (of one agreement) and designations of
// a batch of accounts, as a BatchStore returns them, or reads them one by
// one from another Store.
type own struct {
	r        *Registry
	ctx      context.Context
	t        time.Time
	batch    bool
	acct     map[org.AccountID]CustomerAgreement
	des      map[org.AccountID]Designation
	accounts []org.AccountID
}

// load reads the records of accounts for agreement a (and the
// designations when withDesignations).
func (o *own) load(ms []org.Membership, a ID, withDesignations bool) error {
	if !o.batch {
		return nil
	}
	bs := o.r.store.(BatchStore)
	o.accounts = o.accounts[:0]
	for _, m := range ms {
		o.accounts = append(o.accounts, m.Account)
	}
	var err error
	o.acct = nil
	if a != "" {
		if o.acct, err = bs.AccountAgreementsAt(o.ctx, a, o.accounts, o.t); err != nil {
			return err
		}
	}
	if withDesignations {
		o.des, err = bs.DesignationsAt(o.ctx, o.accounts, o.t)
	}
	return err
}

// accountAgreement returns account's latest account agreement of a at t.
func (o *own) accountAgreement(a ID, account org.AccountID) (CustomerAgreement, bool, error) {
	if o.batch {
		c, ok := o.acct[account]
		return c, ok, nil
	}
	if a == "" {
		return CustomerAgreement{}, false, nil
	}
	return found(o.r.store.CustomerAgreementAt(o.ctx, AccountKey(a, account), o.t))
}

// designation returns account's latest designation at t.
func (o *own) designation(account org.AccountID) (Designation, bool, error) {
	if o.batch {
		d, ok := o.des[account]
		return d, ok, nil
	}
	return found(o.r.store.DesignationAt(o.ctx, account, o.t))
}

func (r *Registry) own(ctx context.Context, t time.Time) *own {
	_, batch := r.store.(BatchStore)
	return &own{r: r, ctx: ctx, t: t, batch: batch}
}

// HIPAAAccountsSeq yields the HIPAA Accounts of organization id at t, sorted
// by account, as HIPAAAccounts returns them; a failure is yielded once,
// last. Its memory does not grow with the organization when the
// Directory's store is an org.MemberStore, and it reads a thousand members'
// records at a time when the Registry's store is a BatchStore.
func (r *Registry) HIPAAAccountsSeq(ctx context.Context, id org.ID, t time.Time) iter.Seq2[HIPAAStatus, error] {
	return func(yield func(HIPAAStatus, error) bool) {
		fail := func(err error) { yield(HIPAAStatus{}, &Error{Op: "HIPAA accounts", Err: err}) }
		t = t.UTC()
		all, err := r.store.AgreementsOfKind(ctx, KindBAA)
		if err != nil {
			fail(err)
			return
		}
		baas := baaCatalog(all)
		// The organization agreement of each BAA is the same for every
		// member.
		type orgCA struct {
			c  CustomerAgreement
			ok bool
		}
		orgs := make([]orgCA, len(baas))
		for i := range baas {
			if baas[i].ID == "" {
				continue
			}
			if orgs[i].c, orgs[i].ok, err = found(r.store.CustomerAgreementAt(ctx, OrganizationKey(baas[i].ID, id), t)); err != nil {
				fail(err)
				return
			}
		}
		o := r.own(ctx, t)
		accts := make([]map[org.AccountID]CustomerAgreement, len(baas))
		for ms, err := range r.memberBatches(ctx, id, t, "") {
			if err != nil {
				fail(err)
				return
			}
			for i := range baas {
				if err := o.load(ms, baas[i].ID, i == 0); err != nil {
					fail(err)
					return
				}
				accts[i] = o.acct
			}
			for _, m := range ms {
				s, err := hipaaStatus(baas, m.Account, t, func(i int) (parts, error) {
					p := parts{t: t, m: m, org: orgs[i].c, hasOrg: orgs[i].ok, baa: true}
					var err error
					o.acct = accts[i]
					if p.acct, p.hasAcct, err = o.accountAgreement(baas[i].ID, m.Account); err != nil {
						return p, err
					}
					p.des, p.hasDes, err = o.designation(m.Account)
					return p, err
				})
				if err != nil {
					fail(err)
					return
				}
				if s.HIPAA && !yield(s, nil) {
					return
				}
			}
		}
	}
}

// memberEvents yields, for every member of organization o at t after
// after without coverage of agreement a of its own (an account agreement
// or, for a BAA, an offline designation), ev for that member, in account
// order.
func (r *Registry) memberEvents(ctx context.Context, a *Agreement, o org.ID, t time.Time, ev Event, after org.AccountID) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		own := r.own(ctx, t)
		for ms, err := range r.memberBatches(ctx, o, t, after) {
			if err != nil {
				yield(Event{}, err)
				return
			}
			if err := own.load(ms, a.ID, a.Kind == KindBAA); err != nil {
				yield(Event{}, err)
				return
			}
			for _, m := range ms {
				covered, err := own.covers(a, m.Account)
				if err != nil {
					yield(Event{}, err)
					return
				}
				if covered {
					continue
				}
				ev.Account = m.Account
				if !yield(ev, nil) {
					return
				}
			}
		}
	}
}

// covers reports whether account has coverage of a at t of its own, as
// ownCoverage does.
func (o *own) covers(a *Agreement, account org.AccountID) (bool, error) {
	c, ok, err := o.accountAgreement(a.ID, account)
	if err != nil {
		return false, err
	}
	if ok && c.InEffect(o.t) {
		return true, nil
	}
	if a.Kind != KindBAA {
		return false, nil
	}
	d, ok, err := o.designation(account)
	return ok && d.InEffect(o.t), err
}
