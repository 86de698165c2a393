package agreement_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
)

// batchStore is an agreement.BatchStore over another Store, answering one
// account at a time: the reference a database's batches must match.
type batchStore struct{ agreement.Store }

func (s batchStore) AccountAgreementsAt(ctx context.Context, a agreement.ID, accounts []org.AccountID, t time.Time) (map[org.AccountID]agreement.CustomerAgreement, error) {
	out := map[org.AccountID]agreement.CustomerAgreement{}
	for _, acct := range accounts {
		c, err := s.CustomerAgreementAt(ctx, agreement.AccountKey(a, acct), t)
		if err == nil {
			out[acct] = c
		}
	}
	return out, nil
}

func (s batchStore) DesignationsAt(ctx context.Context, accounts []org.AccountID, t time.Time) (map[org.AccountID]agreement.Designation, error) {
	out := map[org.AccountID]agreement.Designation{}
	for _, acct := range accounts {
		d, err := s.DesignationAt(ctx, acct, t)
		if err == nil {
			out[acct] = d
		}
	}
	return out, nil
}

// memberStore is an org.MemberStore over another Store, computing pages of
// members from the history.
type memberStore struct{ org.Store }

func (s memberStore) MemberChanges(ctx context.Context, id org.ID, t time.Time, after org.AccountID, limit int) ([]org.Change, error) {
	cs, err := s.OrganizationChanges(ctx, id)
	if err != nil {
		return nil, err
	}
	var accounts []org.AccountID
	for _, c := range cs {
		if c.Account > after {
			accounts = append(accounts, c.Account)
		}
	}
	slices.Sort(accounts)
	accounts = slices.Compact(accounts)
	var out []org.Change
	for _, a := range accounts {
		c, err := s.ChangeAt(ctx, a, t)
		if err == nil && c.Kind.Enters() && c.Org == id {
			out = append(out, c)
			if len(out) == limit {
				break
			}
		}
	}
	return out, nil
}

// streamFixture is an organization of 2,500 members, some with their own
// BAA, some designated under an offline BAA, some gone; over the plain
// in-memory stores, or over stores that batch and page (wrapped). The same
// calls make the same ids in both.
func streamFixture(t *testing.T, wrapped bool) *fixture {
	t.Helper()
	c := &clock{now: t0.Add(-24 * time.Hour)}
	var os org.Store = orgmem.New()
	mem := agmem.New()
	var st agreement.Store = mem
	if wrapped {
		os, st = memberStore{os}, batchStore{mem}
	}
	dir := org.NewDirectory(os, org.WithClock(c.Now))
	reg := agreement.New(st, dir, agreement.WithRand(rand.NewChaCha8([32]byte{1})), agreement.WithTokenLifetime(1<<40))
	for _, e := range catalog {
		_, err := reg.Define(ctx, e.spec)
		require.NoError(t, err)
	}
	c.Set(t0)
	f := &fixture{clock: c, dir: dir, reg: reg, store: mem}
	f.org(t, oid, mgmt)
	const n = 2500
	for i := range n {
		_, err := f.dir.Join(ctx, member(i), oid)
		require.NoError(t, err)
	}
	f.tick()
	for i := 0; i < n; i += 97 {
		f.mustAccept(t, member(i), baa, agreement.ScopeAccount)
	}
	for i := 5; i < n; i += 101 {
		_, _, err := f.reg.AWSDesignateOffline(ctx, member(i))
		require.NoError(t, err)
	}
	for i := 7; i < n; i += 89 {
		_, err := f.dir.Leave(ctx, member(i))
		require.NoError(t, err)
	}
	f.tick()
	return f
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

// expanded returns events with every organization-wide event expanded
// into its members' events.
func expanded(t *testing.T, f *fixture, events []agreement.Event) []agreement.Event {
	t.Helper()
	var out []agreement.Event
	for _, e := range events {
		out = append(out, collect(t, f.reg.Expand(ctx, e, ""))...)
	}
	return out
}

// uncovered returns the members of oid without coverage of id now: those
// an organization agreement of id accepted now covers (H2), and those
// that terminating it would leave without coverage (H4).
func uncovered(t *testing.T, f *fixture, id agreement.ID) []org.AccountID {
	t.Helper()
	members, err := f.dir.Members(ctx, oid, f.clock.Now())
	require.NoError(t, err)
	var out []org.AccountID
	for _, m := range members {
		c, err := f.reg.Coverage(ctx, m, id, f.clock.Now())
		require.NoError(t, err)
		if !c.Basis.Covered() {
			out = append(out, m)
		}
	}
	return out
}

func accounts(events []agreement.Event) []org.AccountID {
	var out []org.AccountID
	for _, e := range events {
		out = append(out, e.Account)
	}
	return out
}

// H2, H4, H6, A10: the streaming answers (HIPAAAccountsSeq, Expand,
// Directory.MembersSeq) equal the eager ones, over stores that page and
// batch and over stores that do not; an organization agreement's events
// are two, whatever its size, and expand into one event per member whose
// coverage it decides.
func TestStreamingEqualsEager(t *testing.T) {
	plain, wrapped := streamFixture(t, false), streamFixture(t, true)
	now := plain.clock.Now()
	require.Equal(t, now, wrapped.clock.Now())

	members, err := plain.dir.Members(ctx, oid, now)
	require.NoError(t, err)
	for _, f := range []*fixture{plain, wrapped} {
		var got []org.AccountID
		for m, err := range f.dir.MembersSeq(ctx, oid, now) {
			require.NoError(t, err)
			want, err := f.dir.OrganizationOf(ctx, m.Account, now)
			require.NoError(t, err)
			require.Empty(t, cmp.Diff(want, m))
			got = append(got, m.Account)
		}
		require.Equal(t, members, got)
	}

	hipaa := func() {
		t.Helper()
		want, err := plain.reg.HIPAAAccounts(ctx, oid, plain.clock.Now())
		require.NoError(t, err)
		for _, f := range []*fixture{plain, wrapped} {
			require.Empty(t, cmp.Diff(want, collect(t, f.reg.HIPAAAccountsSeq(ctx, oid, f.clock.Now()))))
			got, err := f.reg.HIPAAAccounts(ctx, oid, f.clock.Now())
			require.NoError(t, err)
			require.Empty(t, cmp.Diff(want, got))
		}
	}
	hipaa()

	// The organization BAA: two events on both sides, expanded into the
	// members that had no coverage of their own.
	gaining := uncovered(t, plain, baa)
	require.Greater(t, len(gaining), 2000)
	c1, ev1, err := plain.reg.Accept(ctx, input(mgmt, plain.view(t, mgmt, baa), agreement.ScopeOrganization))
	require.NoError(t, err)
	c2, ev2, err := wrapped.reg.Accept(ctx, input(mgmt, wrapped.view(t, mgmt, baa), agreement.ScopeOrganization))
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(c1, c2))
	require.Empty(t, cmp.Diff(ev1, ev2))
	require.Len(t, ev1, 2)
	require.Equal(t, agreement.EventAccepted, ev1[0].Kind)
	require.True(t, ev1[1].OrganizationWide())
	all := expanded(t, plain, ev1)
	require.Empty(t, cmp.Diff(all, expanded(t, wrapped, ev2)))
	require.Equal(t, gaining, accounts(all[1:]))
	for _, e := range all[1:] {
		require.Equal(t, agreement.EventCoverageGained, e.Kind)
		require.Equal(t, c1.ID, e.CustomerAgreement)
		require.Equal(t, agreement.BasisOrganization, e.Basis)
	}
	// Resumed after any member, the expansion yields the rest.
	for _, f := range []*fixture{plain, wrapped} {
		for _, k := range []int{1, 999, 1000, len(all) - 1} {
			rest := collect(t, f.reg.Expand(ctx, ev1[1], all[k].Account))
			require.Equal(t, accounts(all[k+1:]), accounts(rest), "after %d", k)
		}
	}
	for _, f := range []*fixture{plain, wrapped} {
		_, _, err = f.reg.Accept(ctx, input(mgmt, f.view(t, mgmt, baa), agreement.ScopeOrganization))
		require.ErrorIs(t, err, agreement.ErrAlreadyActive)
	}
	plain.tick()
	wrapped.tick()
	hipaa()

	// A consumer may stop early.
	n := 0
	for _, err := range wrapped.reg.HIPAAAccountsSeq(ctx, oid, wrapped.clock.Now()) {
		require.NoError(t, err)
		n++
		if n == 3 {
			break
		}
	}
	require.Equal(t, 3, n)
	n = 0
	for _, err := range wrapped.reg.Expand(ctx, ev1[1], "") {
		require.NoError(t, err)
		n++
		if n == 3 {
			break
		}
	}
	require.Equal(t, 3, n)

	// Terminated, the same members lose coverage (H4), expanded later
	// as at the instant of the termination.
	v1, err := plain.reg.GetCustomerAgreement(ctx, mgmt, c1.ID)
	require.NoError(t, err)
	v2, err := wrapped.reg.GetCustomerAgreement(ctx, mgmt, c2.ID)
	require.NoError(t, err)
	t1, tev1, err := plain.reg.Terminate(ctx, mgmt, c1.ID, v1.TerminateToken)
	require.NoError(t, err)
	t2, tev2, err := wrapped.reg.Terminate(ctx, mgmt, c2.ID, v2.TerminateToken)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(t1, t2))
	require.Empty(t, cmp.Diff(tev1, tev2))
	plain.tick()
	wrapped.tick()
	hipaa()
	_, _, err = plain.reg.Join(ctx, "999999999999", oid)
	require.NoError(t, err)
	lost := expanded(t, plain, tev1)
	require.Empty(t, cmp.Diff(lost, expanded(t, wrapped, tev2)))
	require.Equal(t, gaining, accounts(lost[1:]), "a member who joined since is not one of them")

	// An account agreement's events, and AWS ending one.
	a1, aev1, err := plain.reg.Accept(ctx, input(alice, plain.view(t, alice, andb), agreement.ScopeAccount))
	require.NoError(t, err)
	a2, aev2, err := wrapped.reg.Accept(ctx, input(alice, wrapped.view(t, alice, andb), agreement.ScopeAccount))
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(aev1, aev2))
	require.Empty(t, cmp.Diff(aev1, expanded(t, plain, aev1)), "events about one account expand to themselves")
	_, xev1, err := plain.reg.AWSTerminate(ctx, a1.ID)
	require.NoError(t, err)
	_, xev2, err := wrapped.reg.AWSTerminate(ctx, a2.ID)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(xev1, xev2))

	// An unknown organization is an error, yielded once.
	var errs int
	for _, err := range wrapped.reg.HIPAAAccountsSeq(ctx, "o-nosuchorg00", now) {
		require.ErrorIs(t, err, org.ErrNotFound)
		errs++
	}
	require.Equal(t, 1, errs)
}
