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

// H2, H4, H6, A10: the streaming answers (HIPAAAccountsSeq, AcceptSeq,
// TerminateSeq, Directory.MembersSeq) equal the eager ones, over stores
// that page and batch and over stores that do not.
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

	// The organization BAA, eager on one side and streamed on the other.
	c1, ev1, err := plain.reg.Accept(ctx, input(mgmt, plain.view(t, mgmt, baa), agreement.ScopeOrganization))
	require.NoError(t, err)
	c2, seq, err := wrapped.reg.AcceptSeq(ctx, input(mgmt, wrapped.view(t, mgmt, baa), agreement.ScopeOrganization))
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(c1, c2))
	require.Empty(t, cmp.Diff(ev1, collect(t, seq)))
	require.Greater(t, len(ev1), 2000)
	for _, f := range []*fixture{plain, wrapped} {
		_, seq, err = f.reg.AcceptSeq(ctx, input(mgmt, f.view(t, mgmt, baa), agreement.ScopeOrganization))
		require.ErrorIs(t, err, agreement.ErrAlreadyActive)
		require.Nil(t, seq)
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

	v1, err := plain.reg.GetCustomerAgreement(ctx, mgmt, c1.ID)
	require.NoError(t, err)
	v2, err := wrapped.reg.GetCustomerAgreement(ctx, mgmt, c2.ID)
	require.NoError(t, err)
	t1, tev1, err := plain.reg.Terminate(ctx, mgmt, c1.ID, v1.TerminateToken)
	require.NoError(t, err)
	t2, tseq, err := wrapped.reg.TerminateSeq(ctx, mgmt, c2.ID, v2.TerminateToken)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(t1, t2))
	require.Empty(t, cmp.Diff(tev1, collect(t, tseq)))
	plain.tick()
	wrapped.tick()
	hipaa()

	// An account agreement's events, and AWS ending one.
	a1, aev1, err := plain.reg.Accept(ctx, input(alice, plain.view(t, alice, andb), agreement.ScopeAccount))
	require.NoError(t, err)
	a2, aseq, err := wrapped.reg.AcceptSeq(ctx, input(alice, wrapped.view(t, alice, andb), agreement.ScopeAccount))
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(aev1, collect(t, aseq)))
	_, xev1, err := plain.reg.AWSTerminate(ctx, a1.ID)
	require.NoError(t, err)
	_, xseq, err := wrapped.reg.AWSTerminateSeq(ctx, a2.ID)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(xev1, collect(t, xseq)))

	// Accept, eager, derives the same events over stores that batch.
	plain.tick()
	wrapped.tick()
	_, bev1, err := plain.reg.Accept(ctx, input(mgmt, plain.view(t, mgmt, baa), agreement.ScopeOrganization))
	require.NoError(t, err)
	_, bev2, err := wrapped.reg.Accept(ctx, input(mgmt, wrapped.view(t, mgmt, baa), agreement.ScopeOrganization))
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(bev1, bev2))
	require.Greater(t, len(bev2), 2000)

	// An unknown organization is an error, yielded once.
	var errs int
	for _, err := range wrapped.reg.HIPAAAccountsSeq(ctx, "o-nosuchorg00", now) {
		require.ErrorIs(t, err, org.ErrNotFound)
		errs++
	}
	require.Equal(t, 1, errs)
}
