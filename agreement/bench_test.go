package agreement_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/org"
)

// countingStore counts the records a Registry writes.
type countingStore struct {
	agreement.Store
	writes atomic.Int64
}

func (s *countingStore) InsertCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	s.writes.Add(1)
	return s.Store.InsertCustomerAgreement(ctx, c)
}

func (s *countingStore) UpdateCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	s.writes.Add(1)
	return s.Store.UpdateCustomerAgreement(ctx, c)
}

func (s *countingStore) InsertDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	s.writes.Add(1)
	return s.Store.InsertDesignation(ctx, d)
}

func (s *countingStore) UpdateDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	s.writes.Add(1)
	return s.Store.UpdateDesignation(ctx, d)
}

func (s *countingStore) PutNDA(ctx context.Context, n agreement.NDAAcceptance) (agreement.NDAAcceptance, error) {
	s.writes.Add(1)
	return s.Store.PutNDA(ctx, n)
}

func (s *countingStore) InsertToken(ctx context.Context, t agreement.Token) error {
	s.writes.Add(1)
	return s.Store.InsertToken(ctx, t)
}

func (s *countingStore) InsertAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	s.writes.Add(1)
	return s.Store.InsertAgreement(ctx, a)
}

func (s *countingStore) UpdateAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	s.writes.Add(1)
	return s.Store.UpdateAgreement(ctx, a)
}

// bigOrg returns a fixture whose organization o-exampleorg has n members
// besides its management account, and a counting store under its
// Registry.
func bigOrg(tb testing.TB, n int) (*fixture, *countingStore) {
	tb.Helper()
	f := newFixture(tb)
	cs := &countingStore{Store: f.store}
	f.reg = agreement.New(cs, f.dir, agreement.WithTokenLifetime(1<<40))
	f.org(tb, oid, mgmt)
	for i := range n {
		if _, err := f.dir.Join(ctx, member(i), oid); err != nil {
			tb.Fatal(err)
		}
	}
	f.tick()
	return f, cs
}

func member(i int) org.AccountID { return org.AccountID(fmt.Sprintf("9%011d", i)) }

// Scale: accepting or terminating an organization BAA writes one record
// and returns two events whatever the organization's size; the per-member
// coverage events are derived when expanded. A member joining or leaving writes no agreement record.
func TestScale_OrganizationBAAWritesOneRecord(t *testing.T) {
	const n = 10_000
	f, cs := bigOrg(t, n)
	v := f.view(t, mgmt, baa)
	before := cs.writes.Load()
	c, events, err := f.reg.Accept(ctx, input(mgmt, v, agreement.ScopeOrganization))
	require.NoError(t, err)
	require.Equal(t, int64(1), cs.writes.Load()-before)
	require.Len(t, events, 2, "accepted, and gained by the organization")
	require.Len(t, f.expandBrief(t, events), n+2, "accepted, and gained by the management account and every member")

	before = cs.writes.Load()
	f.tick()
	_, events, err = f.reg.Join(ctx, alice, oid)
	require.NoError(t, err)
	require.Len(t, events, 1)
	_, _, err = f.reg.Leave(ctx, alice)
	require.NoError(t, err)
	require.Zero(t, cs.writes.Load()-before)

	tv, err := f.reg.GetCustomerAgreement(ctx, mgmt, c.ID)
	require.NoError(t, err)
	before = cs.writes.Load()
	_, events, err = f.reg.Terminate(ctx, mgmt, c.ID, tv.TerminateToken)
	require.NoError(t, err)
	require.Equal(t, int64(1), cs.writes.Load()-before)
	require.Len(t, events, 2)
	require.Len(t, f.expandBrief(t, events), n+2)
}

// BenchmarkAcceptOrganizationBAA accepts and terminates an organization
// BAA in an organization of 100,000 members: one record written and two
// events returned each. BenchmarkExpandOrganizationBAA derives the member
// events.
func BenchmarkAcceptOrganizationBAA(b *testing.B) {
	f, cs := bigOrg(b, 100_000)
	views := make([]agreement.View, 0, 64)
	b.ReportAllocs()
	b.ResetTimer()
	writes := cs.writes.Load()
	var tokenWrites int64
	for i := range b.N {
		if i%cap(views) == 0 {
			b.StopTimer()
			views = views[:0]
			w := cs.writes.Load()
			for range cap(views) {
				views = append(views, f.view(b, mgmt, baa))
			}
			tokenWrites += cs.writes.Load() - w
			b.StartTimer()
		}
		f.clock.Advance(time.Second)
		c, events, err := f.reg.Accept(ctx, input(mgmt, views[i%cap(views)], agreement.ScopeOrganization))
		if err != nil || len(events) != 2 {
			b.Fatal(err, len(events))
		}
		f.clock.Advance(time.Second)
		if _, _, err := f.reg.AWSTerminate(ctx, c.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cs.writes.Load()-writes-tokenWrites)/float64(b.N), "records/op")
}

// BenchmarkExpandOrganizationBAA derives the 100,001 member events of an
// organization BAA accepted in an organization of 100,000 members.
func BenchmarkExpandOrganizationBAA(b *testing.B) {
	f, _ := bigOrg(b, 100_000)
	_, events, err := f.reg.Accept(ctx, input(mgmt, f.view(b, mgmt, baa), agreement.ScopeOrganization))
	require.NoError(b, err)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		n := 0
		for _, err := range f.reg.Expand(ctx, events[1], "") {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_001 {
			b.Fatal(n)
		}
	}
}

// BenchmarkIsHIPAA answers for a member of an organization of 1,000 and of
// 100,000 accounts whose history has 200 membership changes and an
// organization BAA: now, and at an instant in the middle of its history.
// The cost does not grow with the organization.
func BenchmarkIsHIPAA(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		f, _ := bigOrg(b, n)
		f.mustAccept(b, mgmt, baa, agreement.ScopeOrganization)
		var middle time.Time
		for i := range 100 {
			f.tick()
			if _, _, err := f.reg.Join(ctx, alice, oid); err != nil {
				b.Fatal(err)
			}
			if i == 50 {
				middle = f.clock.Now()
			}
			f.tick()
			if _, _, err := f.reg.Leave(ctx, alice); err != nil {
				b.Fatal(err)
			}
		}
		_, _, err := f.reg.Join(ctx, alice, oid)
		require.NoError(b, err)
		for _, c := range []struct {
			name string
			at   time.Time
		}{{"now", f.clock.Now()}, {"past", middle}} {
			b.Run(fmt.Sprintf("members=%d/%s", n, c.name), func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					s, err := f.reg.IsHIPAA(ctx, alice, c.at)
					if err != nil || !s.HIPAA {
						b.Fatal(err, s.Reason)
					}
				}
			})
		}
		b.Run(fmt.Sprintf("members=%d/coverage", n), func(b *testing.B) {
			b.ReportAllocs()
			at := f.clock.Now()
			for range b.N {
				if c, err := f.reg.Coverage(ctx, alice, baa, at); err != nil || c.Basis != agreement.BasisOrganization {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkJoinLeave joins and leaves an organization of 1,000 and of
// 100,000 members with an active organization BAA, deriving the member's
// coverage events.
func BenchmarkJoinLeave(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		f, _ := bigOrg(b, n)
		f.mustAccept(b, mgmt, baa, agreement.ScopeOrganization)
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				f.clock.Advance(time.Second)
				if _, ev, err := f.reg.Join(ctx, alice, oid); err != nil || len(ev) != 1 {
					b.Fatal(err, ev)
				}
				if _, ev, err := f.reg.Leave(ctx, alice); err != nil || len(ev) != 1 {
					b.Fatal(err, ev)
				}
			}
		})
	}
}

// BenchmarkHIPAAAccounts lists the HIPAA Accounts of an organization of
// 100,000 members (linear in its size).
func BenchmarkHIPAAAccounts(b *testing.B) {
	f, _ := bigOrg(b, 100_000)
	f.mustAccept(b, mgmt, baa, agreement.ScopeOrganization)
	at := f.clock.Now()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		all, err := f.reg.HIPAAAccounts(ctx, oid, at)
		if err != nil || len(all) != 100_001 {
			b.Fatal(err, len(all))
		}
	}
}

// BenchmarkAcceptAccount runs the whole account chain: NDA, read, accept,
// read the customer agreement, terminate.
func BenchmarkAcceptAccount(b *testing.B) {
	f := newFixture(b)
	b.ReportAllocs()
	for range b.N {
		f.clock.Advance(time.Second)
		c := f.mustAccept(b, alice, baa, agreement.ScopeAccount)
		if _, _, err := f.terminate(b, alice, c.ID); err != nil {
			b.Fatal(err)
		}
	}
}
