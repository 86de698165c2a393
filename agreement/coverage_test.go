package agreement_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
)

// H1: accepting an account BAA makes the account a HIPAA Account at once;
// only a BAA does.
func TestH1_AccountBAADesignatesAtOnce(t *testing.T) {
	f := newFixture(t)
	f.mustAccept(t, alice, andb, agreement.ScopeAccount)
	f.mustAccept(t, alice, nzndb, agreement.ScopeAccount)
	require.False(t, f.hipaa(t, alice, f.clock.Now()), "ANDB and NZNDB make no HIPAA Account")
	at := f.tick()
	c := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	s, err := f.reg.IsHIPAA(ctx, alice, at)
	require.NoError(t, err)
	require.True(t, s.HIPAA)
	require.Equal(t, agreement.BasisAccount, s.Coverage.Basis)
	require.Equal(t, fmt.Sprintf("a HIPAA Account: account agreement %s accepted by 222222222222 on %s", c.ID, at.Format(time.RFC3339)), s.Reason)
	require.False(t, f.hipaa(t, alice, at.Add(-time.Second)))
}

// H2: accepting an organization BAA makes every account of the
// organization a HIPAA Account, and every account that joins later from
// its join.
func TestH2_OrganizationBAADesignatesEveryMember(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice, bob)
	accepted := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	f.clock.Set(accepted)
	f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
	joined := time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC)
	f.clock.Set(joined)
	_, _, err := f.reg.Join(ctx, carol, oid)
	require.NoError(t, err)
	for _, c := range []struct {
		a    org.AccountID
		at   time.Time
		want bool
	}{
		{alice, accepted.Add(-time.Second), false},
		{mgmt, accepted, true},
		{alice, accepted, true},
		{bob, accepted, true},
		{carol, joined.Add(-time.Second), false},
		{carol, joined, true},
	} {
		require.Equal(t, c.want, f.hipaa(t, c.a, c.at), "%s at %s", c.a, c.at)
	}
	all, err := f.reg.HIPAAAccounts(ctx, oid, joined)
	require.NoError(t, err)
	var accounts []org.AccountID
	for _, s := range all {
		accounts = append(accounts, s.Account)
		require.Equal(t, agreement.BasisOrganization, s.Coverage.Basis)
	}
	require.Equal(t, []org.AccountID{mgmt, alice, bob, carol}, accounts)
	before, err := f.reg.HIPAAAccounts(ctx, oid, accepted.Add(-time.Second))
	require.NoError(t, err)
	require.Empty(t, before)
}

// H3: terminating an account BAA ends the designation at once, unless an
// organization BAA still covers the account.
func TestH3_TerminatingAccountBAA(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice, bob)
	a := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	b := f.mustAccept(t, bob, baa, agreement.ScopeAccount)
	at := f.tick()
	_, events, err := f.terminate(t, alice, a.ID)
	require.NoError(t, err)
	require.Equal(t, []ev{
		{agreement.EventTerminated, alice, agreement.BasisAccount},
		{agreement.EventCoverageLost, alice, agreement.BasisAccount},
	}, brief(events))
	require.False(t, f.hipaa(t, alice, at))

	f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
	at = f.tick()
	_, events, err = f.terminate(t, bob, b.ID)
	require.NoError(t, err)
	require.Equal(t, []ev{{agreement.EventTerminated, bob, agreement.BasisAccount}}, brief(events), "the organization BAA still covers bob")
	require.True(t, f.hipaa(t, bob, at))
}

// H4: terminating an organization BAA ends every member's designation at
// once, except those with their own account BAA or an offline designation.
func TestH4_TerminatingOrganizationBAA(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice, bob, carol)
	f.mustAccept(t, bob, baa, agreement.ScopeAccount)
	_, _, err := f.reg.AWSDesignateOffline(ctx, carol)
	require.NoError(t, err)
	o := f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
	end := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	f.clock.Set(end)
	_, events, err := f.terminate(t, mgmt, o.ID)
	require.NoError(t, err)
	require.Equal(t, []ev{
		{agreement.EventTerminated, mgmt, agreement.BasisOrganization},
		{agreement.EventCoverageLost, mgmt, agreement.BasisOrganization},
		{agreement.EventCoverageLost, alice, agreement.BasisOrganization},
	}, f.expandBrief(t, events))
	for a, want := range map[org.AccountID]bool{mgmt: false, alice: false, bob: true, carol: true} {
		require.Equal(t, want, f.hipaa(t, a, end), a)
		require.True(t, f.hipaa(t, a, end.Add(-time.Second)), a)
	}
	require.Equal(t, agreement.BasisAccount, f.basis(t, bob, baa, end))
	require.Equal(t, agreement.BasisOffline, f.basis(t, carol, baa, end))
	c, err := f.reg.Coverage(ctx, alice, baa, end)
	require.NoError(t, err)
	require.Equal(t, fmt.Sprintf("organization agreement %s of o-exampleorg ended (CUSTOMER_TERMINATED) on 2026-07-01T00:00:00Z", o.ID), c.Reason)
}

// H5: with both an account and an organization BAA the organization BAA
// applies, switching scope without a gap.
func TestH5_OrganizationBAAApplies(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice)
	f.clock.Set(time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC))
	f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	switched := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	f.clock.Set(switched)
	_, events, err := f.accept(t, mgmt, baa, agreement.ScopeOrganization)
	require.NoError(t, err)
	for _, e := range events {
		require.False(t, e.Kind == agreement.EventCoverageGained && e.Account == alice, "no gap, so no gain")
	}
	require.Equal(t, agreement.BasisAccount, f.basis(t, alice, baa, switched.Add(-time.Second)))
	require.Equal(t, agreement.BasisOrganization, f.basis(t, alice, baa, switched))
	require.True(t, f.hipaa(t, alice, switched.Add(-time.Second)))
	require.True(t, f.hipaa(t, alice, switched))
}

// H6: an offline BAA keeps applying to the accounts designated under it;
// Artifact can only remove a designation, and neither download, terminate
// nor designate under it. Accounts not designated may accept an online
// BAA. Where AWS is silent the library decides that the offline BAA
// governs an account that also has an online one.
func TestH6_OfflineBAA(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice, bob)
	designated := f.tick()
	d, events, err := f.reg.AWSDesignateOffline(ctx, alice)
	require.NoError(t, err)
	require.Equal(t, agreement.Designation{Account: alice, Start: designated, Seq: 1}, d)
	require.Empty(t, cmp.Diff([]agreement.Event{{Kind: agreement.EventCoverageGained, At: designated, Account: alice, Agreement: baa, Basis: agreement.BasisOffline}}, events))
	_, _, err = f.reg.AWSDesignateOffline(ctx, alice)
	require.ErrorIs(t, err, agreement.ErrAlreadyDesignated)

	c, err := f.reg.Coverage(ctx, alice, baa, designated)
	require.NoError(t, err)
	require.Equal(t, agreement.BasisOffline, c.Basis)
	require.Equal(t, d, *c.Designation)
	require.Equal(t, "designated a HIPAA Account under the customer's offline BAA on "+designated.Format(time.RFC3339), c.Reason)
	require.Equal(t, agreement.BasisNone, f.basis(t, alice, andb, designated), "an offline BAA covers only BAAs")

	for name, fn := range map[string]func(context.Context, org.AccountID) error{
		"designate": f.reg.DesignateOffline, "terminate": f.reg.TerminateOfflineBAA, "download": f.reg.DownloadOfflineBAA,
	} {
		require.ErrorIs(t, fn(ctx, alice), agreement.ErrOfflineNotSupported, name)
		require.ErrorIs(t, fn(ctx, bob), agreement.ErrOfflineNotSupported, name)
		require.ErrorIs(t, fn(ctx, "x"), agreement.ErrInvalidInput, name)
	}

	// Bob, not designated, accepts an online BAA.
	f.mustAccept(t, bob, baa, agreement.ScopeAccount)
	require.True(t, f.hipaa(t, bob, f.clock.Now()))

	// The offline BAA governs over online ones (a decision).
	o := f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
	acct := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	c, err = f.reg.Coverage(ctx, alice, baa, f.clock.Now())
	require.NoError(t, err)
	require.Equal(t, agreement.BasisOffline, c.Basis)
	require.Equal(t, []agreement.CustomerAgreementID{o.ID, acct.ID}, caIDs(c.Superseded))
	require.Contains(t, c.Reason, "it applies instead of organization agreement "+string(o.ID))

	removed := f.tick()
	d, events, err = f.reg.RemoveOfflineDesignation(ctx, alice)
	require.NoError(t, err)
	require.Equal(t, removed, d.End)
	require.Empty(t, events, "online BAAs still cover alice")
	require.Equal(t, agreement.BasisOrganization, f.basis(t, alice, baa, removed))
	require.Equal(t, agreement.BasisOffline, f.basis(t, alice, baa, removed.Add(-time.Second)))
	_, _, err = f.reg.RemoveOfflineDesignation(ctx, alice)
	require.ErrorIs(t, err, agreement.ErrNotDesignated)
	_, _, err = f.reg.RemoveOfflineDesignation(ctx, carol)
	require.ErrorIs(t, err, agreement.ErrNotDesignated)

	// Designated again, then removed with nothing else: coverage lost.
	f.tick()
	_, events, err = f.reg.AWSDesignateOffline(ctx, carol)
	require.NoError(t, err)
	require.Len(t, events, 1)
	at := f.tick()
	_, events, err = f.reg.RemoveOfflineDesignation(ctx, carol)
	require.NoError(t, err)
	require.Equal(t, []ev{{agreement.EventCoverageLost, carol, agreement.BasisOffline}}, brief(events))
	c, err = f.reg.Coverage(ctx, carol, baa, at)
	require.NoError(t, err)
	require.Equal(t, "offline BAA designation removed on "+at.Format(time.RFC3339), c.Reason)
	f.tick()
	_, _, err = f.reg.AWSDesignateOffline(ctx, carol)
	require.NoError(t, err, "a designation may be made again")

	_, _, err = f.reg.AWSDesignateOffline(ctx, "x")
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	_, _, err = f.reg.RemoveOfflineDesignation(ctx, "x")
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
}

// An offline designation counts even for a catalog without a BAA.
func TestH6_OfflineWithoutBAAInCatalog(t *testing.T) {
	c := &clock{now: t0}
	reg := agreement.New(agmem.New(), org.NewDirectory(orgmem.New(), org.WithClock(c.Now)))
	s, err := reg.IsHIPAA(ctx, alice, t0)
	require.NoError(t, err)
	require.False(t, s.HIPAA)
	_, events, err := reg.AWSDesignateOffline(ctx, alice)
	require.NoError(t, err)
	require.Empty(t, events, "no BAA to report coverage of")
	s, err = reg.IsHIPAA(ctx, alice, t0)
	require.NoError(t, err)
	require.True(t, s.HIPAA)
}

// Coverage answers why, for every basis and for nothing.
func TestCoverageReasons(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice)
	at := func() string { return f.clock.Now().Format(time.RFC3339) }
	reason := func(a org.AccountID, id agreement.ID) string {
		c, err := f.reg.Coverage(ctx, a, id, f.clock.Now())
		require.NoError(t, err)
		return c.Reason
	}
	require.Equal(t, "neither 222222222222 nor its organization o-exampleorg has accepted it", reason(alice, baa))
	require.Equal(t, "333333333333 has not accepted it and is in no organization", reason(bob, baa))

	f.tick()
	o := f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
	joined, err := f.dir.OrganizationOf(ctx, alice, f.clock.Now())
	require.NoError(t, err)
	require.Equal(t, fmt.Sprintf("organization agreement %s accepted by management account 111111111111 for o-exampleorg on %s; 222222222222 in o-exampleorg since %s",
		o.ID, at(), joined.Since().Format(time.RFC3339)), reason(alice, baa))

	f.tick()
	a := f.mustAccept(t, bob, andb, agreement.ScopeAccount)
	require.Equal(t, fmt.Sprintf("account agreement %s accepted by 333333333333 on %s", a.ID, at()), reason(bob, andb))
	f.tick()
	_, _, err = f.reg.AWSTerminate(ctx, a.ID)
	require.NoError(t, err)
	require.Equal(t, fmt.Sprintf("account agreement %s ended (AWS_TERMINATED) on %s", a.ID, at()), reason(bob, andb))

	_, err = f.reg.Coverage(ctx, "x", baa, t0)
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	_, err = f.reg.Coverage(ctx, alice, "x", t0)
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	_, err = f.reg.Coverage(ctx, alice, "agreement-unknown000000001", t0)
	require.ErrorIs(t, err, agreement.ErrAgreementNotFound)
	_, err = f.reg.IsHIPAA(ctx, "x", t0)
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	_, err = f.reg.HIPAAAccounts(ctx, "o-unknownorg", t0)
	require.ErrorIs(t, err, org.ErrNotFound)
	s, err := f.reg.IsHIPAA(ctx, bob, f.clock.Now())
	require.NoError(t, err)
	require.Equal(t, "not a HIPAA Account: 333333333333 has not accepted it and is in no organization", s.Reason)
}

// MembershipEvents derives events for changes made through the Directory
// directly.
func TestMembershipEventsFromDirectory(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt)
	f.mustAccept(t, mgmt, nzndb, agreement.ScopeOrganization)
	f.mustAccept(t, mgmt, andb, agreement.ScopeOrganization)
	f.tick()
	ch, err := f.dir.Join(ctx, alice, oid)
	require.NoError(t, err)
	events, err := f.reg.MembershipEvents(ctx, ch)
	require.NoError(t, err)
	require.Len(t, events, 2)
	require.Equal(t, andb, events[0].Agreement, "sorted by agreement")
	require.Equal(t, nzndb, events[1].Agreement)
	events, err = f.reg.MembershipEvents(ctx)
	require.NoError(t, err)
	require.Empty(t, events)
}
