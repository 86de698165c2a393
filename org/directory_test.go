package org_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/org/memstore"
)

var (
	t0     = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mgmt   = org.AccountID("111111111111")
	alice  = org.AccountID("222222222222")
	bob    = org.AccountID("333333333333")
	mgmt2  = org.AccountID("555555555555")
	oid    = org.ID("o-exampleorg")
	oid2   = org.ID("o-secondorg1")
	ctx    = context.Background()
	second = time.Second
)

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: t0} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

func newDirectory(t *testing.T) (*org.Directory, *clock) {
	t.Helper()
	c := newClock()
	return org.NewDirectory(memstore.New(), org.WithClock(c.Now)), c
}

func TestCreate(t *testing.T) {
	d, _ := newDirectory(t)
	o, err := d.Create(ctx, oid, mgmt, org.AllFeatures)
	require.NoError(t, err)
	want := org.Organization{
		ID:                oid,
		ARN:               "arn:aws:organizations::111111111111:organization/o-exampleorg",
		ManagementAccount: mgmt,
		FeatureSet:        org.AllFeatures,
		Created:           t0,
		Seq:               1,
	}
	require.Empty(t, cmp.Diff(want, o))
	got, err := d.Organization(ctx, oid)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(want, got))

	m, err := d.OrganizationOf(ctx, mgmt, t0)
	require.NoError(t, err)
	require.Equal(t, oid, m.Org)
	require.Equal(t, org.Founded, m.Last.Kind)
	require.True(t, m.InOrganization())
	require.Equal(t, t0, m.Since())

	tests := []struct {
		name string
		id   org.ID
		acct org.AccountID
		fs   org.FeatureSet
		want error
	}{
		{"taken id", oid, alice, org.AllFeatures, org.ErrExists},
		{"management already in an organization", oid2, mgmt, org.AllFeatures, org.ErrAlreadyInOrganization},
		{"bad id", "o-x", alice, org.AllFeatures, org.ErrInvalidInput},
		{"bad account", oid2, "12", org.AllFeatures, org.ErrInvalidInput},
		{"bad feature set", oid2, alice, "SOME", org.ErrInvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.Create(ctx, tt.id, tt.acct, tt.fs)
			require.ErrorIs(t, err, tt.want)
			var oe *org.Error
			require.ErrorAs(t, err, &oe)
			require.Equal(t, "create", oe.Op)
		})
	}
	h, err := d.History(ctx, alice)
	require.NoError(t, err)
	require.Empty(t, h, "failed creates change nothing")

	_, err = d.Organization(ctx, oid2)
	require.ErrorIs(t, err, org.ErrNotFound)
	_, err = d.Organization(ctx, "bad")
	require.ErrorIs(t, err, org.ErrInvalidInput)
}

func TestPartition(t *testing.T) {
	d := org.NewDirectory(memstore.New(), org.WithPartition("aws-us-gov"), org.WithClock(newClock().Now))
	require.Equal(t, "aws-us-gov", d.Partition())
	o, err := d.Create(ctx, oid, mgmt, org.AllFeatures)
	require.NoError(t, err)
	require.Equal(t, "arn:aws-us-gov:organizations::111111111111:organization/o-exampleorg", o.ARN)
}

func TestNewDirectoryNilStorePanics(t *testing.T) {
	require.Panics(t, func() { org.NewDirectory(nil) })
}

// A4: trusted access, and so organization agreements, need all features.
// A5: enabling trusted access for Artifact creates its service-linked role.
func TestA4A5_FeatureSetAndTrustedAccess(t *testing.T) {
	d, _ := newDirectory(t)
	_, err := d.Create(ctx, oid, mgmt, org.ConsolidatedBilling)
	require.NoError(t, err)

	_, err = d.EnableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	require.ErrorIs(t, err, org.ErrAllFeaturesRequired)
	require.Contains(t, err.Error(), "your organization must be enabled for all features")
	o, err := d.Organization(ctx, oid)
	require.NoError(t, err)
	require.False(t, o.ArtifactEnabled())
	require.Equal(t, uint64(1), o.Seq, "the failed enable changed nothing")

	o, err = d.EnableAllFeatures(ctx, oid)
	require.NoError(t, err)
	require.Equal(t, org.AllFeatures, o.FeatureSet)
	o, err = d.EnableAllFeatures(ctx, oid)
	require.NoError(t, err, "enabling all features again is a no-op")

	o, err = d.EnableTrustedAccess(ctx, oid, "config.amazonaws.com")
	require.NoError(t, err)
	require.True(t, o.HasTrustedAccess("config.amazonaws.com"))
	require.False(t, o.ServiceLinkedRole, "another service's trusted access creates no Artifact role")
	require.False(t, o.ArtifactEnabled())

	o, err = d.EnableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	require.NoError(t, err)
	require.True(t, o.ServiceLinkedRole)
	require.True(t, o.ArtifactEnabled())
	require.Equal(t, []string{org.ArtifactServicePrincipal, "config.amazonaws.com"}, o.TrustedAccess)
	o, err = d.EnableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	require.NoError(t, err)
	require.Len(t, o.TrustedAccess, 2, "enabling twice lists the principal once")

	o, err = d.DisableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	require.NoError(t, err)
	require.False(t, o.ArtifactEnabled())
	require.True(t, o.ServiceLinkedRole, "disabling trusted access leaves the role")
	o, err = d.DisableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	require.NoError(t, err, "disabling twice is a no-op")

	o, err = d.EnableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	require.NoError(t, err)
	o, err = d.DeleteServiceLinkedRole(ctx, oid)
	require.NoError(t, err)
	require.False(t, o.ArtifactEnabled(), "without the role Artifact cannot list accounts")

	for _, p := range []string{"", "Bad Principal", string(make([]byte, 200))} {
		_, err = d.EnableTrustedAccess(ctx, oid, p)
		require.ErrorIs(t, err, org.ErrInvalidInput)
		_, err = d.DisableTrustedAccess(ctx, oid, p)
		require.ErrorIs(t, err, org.ErrInvalidInput)
	}
	_, err = d.EnableAllFeatures(ctx, oid2)
	require.ErrorIs(t, err, org.ErrNotFound)
	_, err = d.EnableAllFeatures(ctx, "o-")
	require.ErrorIs(t, err, org.ErrInvalidInput)
}

func TestMembershipChanges(t *testing.T) {
	type step struct {
		op      string // join, create, leave, remove, move
		account org.AccountID
		org     org.ID
		want    error
		kinds   []org.ChangeKind
	}
	tests := []struct {
		name  string
		steps []step
		end   map[org.AccountID]org.ID
	}{
		{
			name: "join and leave",
			steps: []step{
				{op: "join", account: alice, org: oid, kinds: []org.ChangeKind{org.Joined}},
				{op: "leave", account: alice, kinds: []org.ChangeKind{org.Left}},
				{op: "create", account: alice, org: oid2, kinds: []org.ChangeKind{org.Created}},
			},
			end: map[org.AccountID]org.ID{alice: oid2, mgmt: oid},
		},
		{
			// A6: leave and remove need an organization.
			name: "A6 leave and remove of an account in no organization",
			steps: []step{
				{op: "leave", account: alice, want: org.ErrNotInOrganization},
				{op: "remove", account: alice, want: org.ErrNotInOrganization},
				{op: "move", account: alice, org: oid2, want: org.ErrNotInOrganization},
				{op: "join", account: alice, org: oid, kinds: []org.ChangeKind{org.Joined}},
				{op: "remove", account: alice, kinds: []org.ChangeKind{org.Removed}},
				{op: "remove", account: alice, want: org.ErrNotInOrganization},
			},
			end: map[org.AccountID]org.ID{alice: ""},
		},
		{
			// A10: the management account cannot leave.
			name: "A10 management account cannot leave, be removed or move",
			steps: []step{
				{op: "leave", account: mgmt, want: org.ErrManagementCannotLeave},
				{op: "remove", account: mgmt, want: org.ErrManagementCannotLeave},
				{op: "move", account: mgmt, org: oid2, want: org.ErrManagementCannotLeave},
			},
			end: map[org.AccountID]org.ID{mgmt: oid},
		},
		{
			// A11: one organization at a time.
			name: "A11 an account belongs to one organization at a time",
			steps: []step{
				{op: "join", account: alice, org: oid, kinds: []org.ChangeKind{org.Joined}},
				{op: "join", account: alice, org: oid2, want: org.ErrAlreadyInOrganization},
				{op: "create", account: alice, org: oid2, want: org.ErrAlreadyInOrganization},
				{op: "join", account: mgmt2, org: oid, want: org.ErrAlreadyInOrganization},
				{op: "move", account: alice, org: oid, want: org.ErrAlreadyInOrganization},
				{op: "move", account: alice, org: oid2, kinds: []org.ChangeKind{org.Left, org.Joined}},
			},
			end: map[org.AccountID]org.ID{alice: oid2},
		},
		{
			name: "unknown organization",
			steps: []step{
				{op: "join", account: alice, org: "o-unknownorg", want: org.ErrNotFound},
				{op: "join", account: bob, org: oid, kinds: []org.ChangeKind{org.Joined}},
				{op: "move", account: bob, org: "o-unknownorg", want: org.ErrNotFound},
			},
			end: map[org.AccountID]org.ID{alice: "", bob: oid},
		},
		{
			name: "invalid input",
			steps: []step{
				{op: "join", account: "x", org: oid, want: org.ErrInvalidInput},
				{op: "join", account: alice, org: "x", want: org.ErrInvalidInput},
				{op: "leave", account: "x", want: org.ErrInvalidInput},
				{op: "move", account: alice, org: "x", want: org.ErrInvalidInput},
			},
			end: map[org.AccountID]org.ID{alice: ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, c := newDirectory(t)
			_, err := d.Create(ctx, oid, mgmt, org.AllFeatures)
			require.NoError(t, err)
			_, err = d.Create(ctx, oid2, mgmt2, org.AllFeatures)
			require.NoError(t, err)
			for i, s := range tt.steps {
				at := c.Advance(second)
				var got []org.Change
				switch s.op {
				case "join":
					var ch org.Change
					ch, err = d.Join(ctx, s.account, s.org)
					got = []org.Change{ch}
				case "create":
					var ch org.Change
					ch, err = d.CreateAccount(ctx, s.org, s.account)
					got = []org.Change{ch}
				case "leave":
					var ch org.Change
					ch, err = d.Leave(ctx, s.account)
					got = []org.Change{ch}
				case "remove":
					var ch org.Change
					ch, err = d.Remove(ctx, s.account)
					got = []org.Change{ch}
				case "move":
					got, err = d.Move(ctx, s.account, s.org)
				}
				if s.want != nil {
					require.ErrorIs(t, err, s.want, "step %d", i)
					var oe *org.Error
					require.ErrorAs(t, err, &oe)
					require.Equal(t, s.account, oe.Account)
					continue
				}
				require.NoError(t, err, "step %d", i)
				require.Len(t, got, len(s.kinds))
				for j, ch := range got {
					require.Equal(t, s.kinds[j], ch.Kind)
					require.Equal(t, s.account, ch.Account)
					require.Equal(t, at, ch.At)
				}
			}
			for a, want := range tt.end {
				m, err := d.OrganizationOf(ctx, a, c.Now())
				require.NoError(t, err)
				require.Equal(t, want, m.Org, "account %s", a)
			}
		})
	}
}

// A3, A10: membership is answered for any instant; a join at T counts at T,
// a leave at T counts at T.
func TestA10_OrganizationOfHistory(t *testing.T) {
	d, c := newDirectory(t)
	_, err := d.Create(ctx, oid, mgmt, org.AllFeatures)
	require.NoError(t, err)
	_, err = d.Create(ctx, oid2, mgmt2, org.AllFeatures)
	require.NoError(t, err)

	tJoin := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	tMove := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tLeave := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	c.Set(tJoin)
	_, err = d.Join(ctx, alice, oid)
	require.NoError(t, err)
	c.Set(tMove)
	_, err = d.Move(ctx, alice, oid2)
	require.NoError(t, err)
	c.Set(tLeave)
	_, err = d.Leave(ctx, alice)
	require.NoError(t, err)

	tests := []struct {
		at   time.Time
		want org.ID
		kind org.ChangeKind
	}{
		{t0, "", ""},
		{tJoin.Add(-second), "", ""},
		{tJoin, oid, org.Joined},
		{tMove.Add(-second), oid, org.Joined},
		{tMove, oid2, org.Joined},
		{tLeave.Add(-second), oid2, org.Joined},
		{tLeave, "", org.Left},
		{tLeave.AddDate(1, 0, 0), "", org.Left},
	}
	for _, tt := range tests {
		m, err := d.OrganizationOf(ctx, alice, tt.at)
		require.NoError(t, err)
		require.Equal(t, tt.want, m.Org, "at %s", tt.at)
		require.Equal(t, tt.kind, m.Last.Kind, "at %s", tt.at)
	}

	h, err := d.History(ctx, alice)
	require.NoError(t, err)
	var kinds []org.ChangeKind
	for _, ch := range h {
		kinds = append(kinds, ch.Kind)
	}
	require.Equal(t, []org.ChangeKind{org.Joined, org.Left, org.Joined, org.Left}, kinds)

	members := func(id org.ID, at time.Time) []org.AccountID {
		t.Helper()
		ms, err := d.Members(ctx, id, at)
		require.NoError(t, err)
		return ms
	}
	require.Equal(t, []org.AccountID{mgmt}, members(oid, tJoin.Add(-second)))
	require.Equal(t, []org.AccountID{mgmt, alice}, members(oid, tJoin))
	require.Equal(t, []org.AccountID{mgmt}, members(oid, tMove))
	require.Equal(t, []org.AccountID{alice, mgmt2}, members(oid2, tMove))
	require.Equal(t, []org.AccountID{mgmt2}, members(oid2, tLeave))
	require.Empty(t, members(oid, t0.Add(-second)), "before the organization existed")

	_, err = d.Members(ctx, "o-unknownorg", t0)
	require.ErrorIs(t, err, org.ErrNotFound)
	_, err = d.Members(ctx, "bad", t0)
	require.ErrorIs(t, err, org.ErrInvalidInput)
	_, err = d.OrganizationOf(ctx, "bad", t0)
	require.ErrorIs(t, err, org.ErrInvalidInput)
	_, err = d.History(ctx, "bad")
	require.ErrorIs(t, err, org.ErrInvalidInput)

	m, err := d.OrganizationOf(ctx, bob, tLeave)
	require.NoError(t, err)
	require.False(t, m.InOrganization())
	require.True(t, m.Since().IsZero())
}

// A clock that steps back never dates a change before the one before it.
func TestClockSteppingBack(t *testing.T) {
	d, c := newDirectory(t)
	_, err := d.Create(ctx, oid, mgmt, org.AllFeatures)
	require.NoError(t, err)
	c.Set(t0.Add(time.Hour))
	_, err = d.Join(ctx, alice, oid)
	require.NoError(t, err)
	c.Set(t0)
	ch, err := d.Leave(ctx, alice)
	require.NoError(t, err)
	require.Equal(t, t0.Add(time.Hour), ch.At)
}

func TestErrorMessage(t *testing.T) {
	d, _ := newDirectory(t)
	_, err := d.Leave(ctx, alice)
	require.EqualError(t, err, "org: leave account 222222222222: your account isn't in an organization")
	_, err = d.Join(ctx, alice, oid)
	require.EqualError(t, err, "org: join account 222222222222 organization o-exampleorg: organization o-exampleorg: not found")
	require.Equal(t, "org: op: ", (&org.Error{Op: "op"}).Error())
}

// flaky wraps a store and fails the next n writes with ErrConflict, or
// every read with failRead.
type flaky struct {
	org.Store
	mu        sync.Mutex
	conflicts int
	failRead  error
}

func (f *flaky) conflict() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conflicts > 0 {
		f.conflicts--
		return fmt.Errorf("injected: %w", org.ErrConflict)
	}
	return nil
}

func (f *flaky) CreateOrganization(ctx context.Context, o org.Organization, c org.Change) (org.Organization, error) {
	if err := f.conflict(); err != nil {
		return org.Organization{}, err
	}
	return f.Store.CreateOrganization(ctx, o, c)
}

func (f *flaky) UpdateOrganization(ctx context.Context, o org.Organization) (org.Organization, error) {
	if err := f.conflict(); err != nil {
		return org.Organization{}, err
	}
	return f.Store.UpdateOrganization(ctx, o)
}

func (f *flaky) AppendChanges(ctx context.Context, cs ...org.Change) error {
	if err := f.conflict(); err != nil {
		return err
	}
	return f.Store.AppendChanges(ctx, cs...)
}

func (f *flaky) LastChange(ctx context.Context, a org.AccountID) (org.Change, error) {
	if f.failRead != nil {
		return org.Change{}, f.failRead
	}
	return f.Store.LastChange(ctx, a)
}

func (f *flaky) OrganizationChanges(ctx context.Context, id org.ID) ([]org.Change, error) {
	if f.failRead != nil {
		return nil, f.failRead
	}
	return f.Store.OrganizationChanges(ctx, id)
}

func (f *flaky) History(ctx context.Context, a org.AccountID) ([]org.Change, error) {
	if f.failRead != nil {
		return nil, f.failRead
	}
	return f.Store.History(ctx, a)
}

// Operations retry a store conflict and give up with ErrConflict only when
// it persists.
func TestConflictRetry(t *testing.T) {
	f := &flaky{Store: memstore.New(), conflicts: 3}
	d := org.NewDirectory(f, org.WithClock(newClock().Now))
	_, err := d.Create(ctx, oid, mgmt, org.AllFeatures)
	require.NoError(t, err)

	ops := []struct {
		name string
		fn   func() error
	}{
		{"create", func() error { _, err := d.Create(ctx, oid2, mgmt2, org.AllFeatures); return err }},
		{"join", func() error { _, err := d.Join(ctx, alice, oid); return err }},
		{"move", func() error { _, err := d.Move(ctx, alice, oid2); return err }},
		{"leave", func() error { _, err := d.Leave(ctx, alice); return err }},
		{"update", func() error { _, err := d.EnableAllFeatures(ctx, oid); return err }},
	}
	for _, op := range ops {
		f.conflicts = 1000
		require.ErrorIs(t, op.fn(), org.ErrConflict, op.name)
		f.conflicts = 3
		require.NoError(t, op.fn(), op.name)
	}
}

func TestStoreFailures(t *testing.T) {
	boom := errors.New("boom")
	f := &flaky{Store: memstore.New()}
	d := org.NewDirectory(f, org.WithClock(newClock().Now))
	_, err := d.Create(ctx, oid, mgmt, org.AllFeatures)
	require.NoError(t, err)
	f.failRead = boom
	for name, fn := range map[string]func() error{
		"create":  func() error { _, err := d.Create(ctx, oid2, mgmt2, org.AllFeatures); return err },
		"join":    func() error { _, err := d.Join(ctx, alice, oid); return err },
		"leave":   func() error { _, err := d.Leave(ctx, alice); return err },
		"move":    func() error { _, err := d.Move(ctx, alice, oid); return err },
		"of":      func() error { _, err := d.OrganizationOf(ctx, alice, t0); return err },
		"members": func() error { _, err := d.Members(ctx, oid, t0); return err },
		"history": func() error { _, err := d.History(ctx, alice); return err },
	} {
		require.ErrorIs(t, fn(), boom, name)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	f.failRead = nil
	_, err = d.EnableAllFeatures(canceled, oid)
	require.ErrorIs(t, err, context.Canceled)
	_, err = d.Join(canceled, alice, oid)
	require.ErrorIs(t, err, context.Canceled)
}

// Many goroutines joining, moving and leaving the same accounts lose
// nothing: every account's history alternates entering and leaving, and
// the organizations' member lists agree with the histories.
func TestConcurrentMembership(t *testing.T) {
	d, _ := newDirectory(t)
	orgs := []org.ID{oid, oid2, "o-thirdorg01"}
	for i, id := range orgs {
		_, err := d.Create(ctx, id, org.AccountID(fmt.Sprintf("9%011d", i)), org.AllFeatures)
		require.NoError(t, err)
	}
	accounts := make([]org.AccountID, 10)
	for i := range accounts {
		accounts[i] = org.AccountID(fmt.Sprintf("4%011d", i))
	}
	var wg sync.WaitGroup
	for g := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := accounts[g%len(accounts)]
			for i := range 20 {
				var err error
				switch (g + i) % 3 {
				case 0:
					_, err = d.Join(ctx, a, orgs[i%len(orgs)])
				case 1:
					_, err = d.Move(ctx, a, orgs[(i+1)%len(orgs)])
				case 2:
					_, err = d.Leave(ctx, a)
				}
				if err != nil && !errors.Is(err, org.ErrAlreadyInOrganization) && !errors.Is(err, org.ErrNotInOrganization) {
					t.Errorf("unexpected error: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	now := time.Now().Add(time.Hour)
	inOrg := map[org.AccountID]org.ID{}
	for _, a := range accounts {
		h, err := d.History(ctx, a)
		require.NoError(t, err)
		for i, ch := range h {
			require.Equal(t, uint64(i+1), ch.Seq)
			require.Equal(t, i%2 == 0, ch.Kind.Enters(), "history of %s alternates", a)
			if i > 0 && !ch.Kind.Enters() {
				require.Equal(t, h[i-1].Org, ch.Org, "leaves the organization it entered")
			}
		}
		m, err := d.OrganizationOf(ctx, a, now)
		require.NoError(t, err)
		inOrg[a] = m.Org
	}
	for _, id := range orgs {
		ms, err := d.Members(ctx, id, now)
		require.NoError(t, err)
		for _, a := range ms {
			if a[0] == '4' {
				require.Equal(t, id, inOrg[a])
				delete(inOrg, a)
			}
		}
	}
	for a, id := range inOrg {
		require.Empty(t, id, "account %s is in %s but not among its members", a, id)
	}
}
