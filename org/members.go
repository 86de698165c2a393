package org

import (
	"context"
	"iter"
	"time"
)

// MemberStore is a Store that can list an organization's members at an
// instant from an index of its own, in account order, a page at a time,
// without reading the organization's whole history. Directory.MembersSeq
// uses it when the Store has it.
type MemberStore interface {
	Store
	// MemberChanges returns up to limit changes, one per account in
	// organization id at t whose id is greater than after, sorted by
	// account: each is the account's latest change at or before t, the
	// one that put it in the organization. Fewer than limit means the
	// end.
	MemberChanges(ctx context.Context, id ID, t time.Time, after AccountID, limit int) ([]Change, error)
}

// memberPage is how many members MembersSeq reads at a time.
const memberPage = 1000

// MembersSeq yields the memberships of the accounts in organization id at
// t, management account included, sorted by account, as Members does; the
// error of a failed read is yielded once, last. On a MemberStore it reads
// a page of members at a time, so that its memory does not grow with the
// organization; on another Store it reads the organization's history as
// Members does.
func (d *Directory) MembersSeq(ctx context.Context, id ID, t time.Time) iter.Seq2[Membership, error] {
	return d.MembersAfter(ctx, id, t, "")
}

// MembersAfter is MembersSeq from the first account after after: a
// consumer that stopped part way resumes where it stopped. On a
// MemberStore it reads nothing of the accounts before after.
func (d *Directory) MembersAfter(ctx context.Context, id ID, t time.Time, after AccountID) iter.Seq2[Membership, error] {
	return func(yield func(Membership, error) bool) {
		fail := func(err error) { yield(Membership{}, &Error{Op: "members", Org: id, Err: err}) }
		if !id.IsValid() {
			fail(idError(id))
			return
		}
		ms, ok := d.store.(MemberStore)
		if !ok {
			members, err := d.Members(ctx, id, t)
			if err != nil {
				yield(Membership{}, err)
				return
			}
			for _, a := range members {
				if a <= after {
					continue
				}
				m, err := d.OrganizationOf(ctx, a, t)
				if !yield(m, err) || err != nil {
					return
				}
			}
			return
		}
		if _, err := d.store.Organization(ctx, id); err != nil {
			fail(err)
			return
		}
		for {
			page, err := ms.MemberChanges(ctx, id, t, after, memberPage)
			if err != nil {
				fail(err)
				return
			}
			for _, c := range page {
				if !yield(Membership{Account: c.Account, Org: c.Org, Last: c}, nil) {
					return
				}
			}
			if len(page) < memberPage {
				return
			}
			after = page[len(page)-1].Account
		}
	}
}
