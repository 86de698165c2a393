package storetest

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
)

// Run checks that the stores newStore returns behave as org.Store says.
// newStore is called once per subtest and must return an empty store. Run
// it with the race detector (go test -race): the concurrency checks count
// on it to find a store's data races.
func Run(t *testing.T, newStore func(t *testing.T) org.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s org.Store)
	}{
		{"CreateOrganization", testCreate},
		{"CreateOrganizationConflict", testCreateConflict},
		{"UpdateOrganization", testUpdate},
		{"OrganizationIsolation", testOrganizationIsolation},
		{"AppendChanges", testAppend},
		{"AppendChangesRejects", testAppendRejects},
		{"ChangeAt", testChangeAt},
		{"OrganizationChanges", testOrganizationChanges},
		{"HistoryIsolation", testHistoryIsolation},
		{"ConcurrentAppend", testConcurrentAppend},
		{"ConcurrentUpdate", testConcurrentUpdate},
		{"CancelledContext", testCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, newStore(t))
		})
	}
}

var (
	t0   = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mgmt = org.AccountID("111111111111")
	acct = org.AccountID("222222222222")
	oid  = org.ID("o-exampleorg")
	oid2 = org.ID("o-secondorg1")
)

func newOrg(id org.ID, m org.AccountID) org.Organization {
	return org.Organization{
		ID:                id,
		ARN:               org.OrganizationARN("aws", m, id),
		ManagementAccount: m,
		FeatureSet:        org.AllFeatures,
		TrustedAccess:     []string{org.ArtifactServicePrincipal},
		ServiceLinkedRole: true,
		Created:           t0,
	}
}

func founding(id org.ID, m org.AccountID, seq uint64) org.Change {
	return org.Change{Account: m, Kind: org.Founded, Org: id, At: t0, Seq: seq}
}

func testCreate(t *testing.T, s org.Store) {
	ctx := context.Background()
	_, err := s.Organization(ctx, oid)
	require.ErrorIs(t, err, org.ErrNotFound)

	want := newOrg(oid, mgmt)
	got, err := s.CreateOrganization(ctx, want, founding(oid, mgmt, 1))
	require.NoError(t, err)
	want.Seq = 1
	require.Empty(t, cmp.Diff(want, got))

	got, err = s.Organization(ctx, oid)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(want, got))

	last, err := s.LastChange(ctx, mgmt)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(founding(oid, mgmt, 1), last))

	_, err = s.CreateOrganization(ctx, newOrg(oid, acct), founding(oid, acct, 1))
	require.ErrorIs(t, err, org.ErrExists)
	// The failed create appended nothing.
	_, err = s.LastChange(ctx, acct)
	require.ErrorIs(t, err, org.ErrNotFound)
}

func testCreateConflict(t *testing.T, s org.Store) {
	ctx := context.Background()
	require.NoError(t, s.AppendChanges(ctx, org.Change{Account: mgmt, Kind: org.Joined, Org: oid2, At: t0, Seq: 1}))
	// founding must be change 2 now; 1 is stale.
	_, err := s.CreateOrganization(ctx, newOrg(oid, mgmt), founding(oid, mgmt, 1))
	require.ErrorIs(t, err, org.ErrConflict)
	_, err = s.Organization(ctx, oid)
	require.ErrorIs(t, err, org.ErrNotFound, "a failed create stores nothing")
	h, err := s.History(ctx, mgmt)
	require.NoError(t, err)
	require.Len(t, h, 1)
}

func testUpdate(t *testing.T, s org.Store) {
	ctx := context.Background()
	_, err := s.UpdateOrganization(ctx, newOrg(oid, mgmt))
	require.ErrorIs(t, err, org.ErrNotFound)

	o, err := s.CreateOrganization(ctx, newOrg(oid, mgmt), founding(oid, mgmt, 1))
	require.NoError(t, err)
	stale := o

	o.FeatureSet = org.ConsolidatedBilling
	o, err = s.UpdateOrganization(ctx, o)
	require.NoError(t, err)
	require.Equal(t, uint64(2), o.Seq)
	require.Equal(t, org.ConsolidatedBilling, o.FeatureSet)

	stale.TrustedAccess = nil
	_, err = s.UpdateOrganization(ctx, stale)
	require.ErrorIs(t, err, org.ErrConflict)

	got, err := s.Organization(ctx, oid)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(o, got), "a stale update changes nothing")
}

func testOrganizationIsolation(t *testing.T, s org.Store) {
	ctx := context.Background()
	in := newOrg(oid, mgmt)
	out, err := s.CreateOrganization(ctx, in, founding(oid, mgmt, 1))
	require.NoError(t, err)
	in.TrustedAccess[0] = "mutated-in.amazonaws.com"
	out.TrustedAccess[0] = "mutated-out.amazonaws.com"
	got, err := s.Organization(ctx, oid)
	require.NoError(t, err)
	require.Equal(t, []string{org.ArtifactServicePrincipal}, got.TrustedAccess)
	got.TrustedAccess[0] = "mutated-get.amazonaws.com"

	up := newOrg(oid, mgmt)
	up.Seq = 1
	up.TrustedAccess = []string{"a.amazonaws.com", "b.amazonaws.com"}
	res, err := s.UpdateOrganization(ctx, up)
	require.NoError(t, err)
	up.TrustedAccess[0] = "mutated.amazonaws.com"
	res.TrustedAccess[1] = "mutated.amazonaws.com"
	got, err = s.Organization(ctx, oid)
	require.NoError(t, err)
	require.Equal(t, []string{"a.amazonaws.com", "b.amazonaws.com"}, got.TrustedAccess)
}

func testAppend(t *testing.T, s org.Store) {
	ctx := context.Background()
	require.NoError(t, s.AppendChanges(ctx), "appending nothing succeeds")
	_, err := s.LastChange(ctx, acct)
	require.ErrorIs(t, err, org.ErrNotFound)
	h, err := s.History(ctx, acct)
	require.NoError(t, err)
	require.Empty(t, h)

	c1 := org.Change{Account: acct, Kind: org.Joined, Org: oid, At: t0, Seq: 1}
	require.NoError(t, s.AppendChanges(ctx, c1))
	c2 := org.Change{Account: acct, Kind: org.Left, Org: oid, At: t0.Add(time.Hour), Seq: 2}
	c3 := org.Change{Account: acct, Kind: org.Joined, Org: oid2, At: t0.Add(time.Hour), Seq: 3}
	require.NoError(t, s.AppendChanges(ctx, c2, c3))

	last, err := s.LastChange(ctx, acct)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(c3, last))
	h, err = s.History(ctx, acct)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff([]org.Change{c1, c2, c3}, h))

	// A stale append, whole or in part, changes nothing.
	err = s.AppendChanges(ctx, org.Change{Account: acct, Kind: org.Left, Org: oid2, At: t0.Add(2 * time.Hour), Seq: 3})
	require.ErrorIs(t, err, org.ErrConflict)
	err = s.AppendChanges(ctx,
		org.Change{Account: acct, Kind: org.Left, Org: oid2, At: t0.Add(2 * time.Hour), Seq: 4},
		org.Change{Account: acct, Kind: org.Joined, Org: oid, At: t0.Add(2 * time.Hour), Seq: 6})
	require.ErrorIs(t, err, org.ErrConflict)
	h, err = s.History(ctx, acct)
	require.NoError(t, err)
	require.Len(t, h, 3)
}

func testAppendRejects(t *testing.T, s org.Store) {
	ctx := context.Background()
	require.NoError(t, s.AppendChanges(ctx, org.Change{Account: acct, Kind: org.Joined, Org: oid, At: t0, Seq: 1}))
	err := s.AppendChanges(ctx, org.Change{Account: acct, Kind: org.Left, Org: oid, At: t0.Add(-time.Second), Seq: 2})
	require.ErrorIs(t, err, org.ErrInvalidInput, "a change dated before the previous one")
	err = s.AppendChanges(ctx,
		org.Change{Account: acct, Kind: org.Left, Org: oid, At: t0, Seq: 2},
		org.Change{Account: mgmt, Kind: org.Joined, Org: oid, At: t0, Seq: 1})
	require.ErrorIs(t, err, org.ErrInvalidInput, "changes of two accounts")
	h, err := s.History(ctx, acct)
	require.NoError(t, err)
	require.Len(t, h, 1)
	_, err = s.LastChange(ctx, mgmt)
	require.ErrorIs(t, err, org.ErrNotFound)
}

func testChangeAt(t *testing.T, s org.Store) {
	ctx := context.Background()
	var hist []org.Change
	at := t0
	// 40 changes, alternating join and leave, two at each instant from
	// the fifth on (a move).
	for i := 1; i <= 40; i++ {
		kind := org.Joined
		if i%2 == 0 {
			kind = org.Left
		}
		if i < 5 || i%2 == 1 {
			at = at.Add(time.Hour)
		}
		hist = append(hist, org.Change{Account: acct, Kind: kind, Org: oid, At: at, Seq: uint64(i)})
	}
	for _, c := range hist {
		require.NoError(t, s.AppendChanges(ctx, c))
	}
	_, err := s.ChangeAt(ctx, acct, t0)
	require.ErrorIs(t, err, org.ErrNotFound)
	_, err = s.ChangeAt(ctx, mgmt, t0.Add(1000*time.Hour))
	require.ErrorIs(t, err, org.ErrNotFound)
	for _, want := range hist {
		// The latest change at its instant is the one with the highest
		// Seq at that instant.
		for _, c := range hist {
			if c.At.Equal(want.At) && c.Seq > want.Seq {
				want = c
			}
		}
		got, err := s.ChangeAt(ctx, acct, want.At)
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(want, got), "at %s", want.At)
		got, err = s.ChangeAt(ctx, acct, want.At.Add(time.Minute))
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(want, got), "just after %s", want.At)
	}
}

func testOrganizationChanges(t *testing.T, s org.Store) {
	ctx := context.Background()
	cs, err := s.OrganizationChanges(ctx, oid)
	require.NoError(t, err)
	require.Empty(t, cs)

	f := founding(oid, mgmt, 1)
	_, err = s.CreateOrganization(ctx, newOrg(oid, mgmt), f)
	require.NoError(t, err)
	j := org.Change{Account: acct, Kind: org.Joined, Org: oid, At: t0, Seq: 1}
	require.NoError(t, s.AppendChanges(ctx, j))
	l := org.Change{Account: acct, Kind: org.Left, Org: oid, At: t0.Add(time.Hour), Seq: 2}
	j2 := org.Change{Account: acct, Kind: org.Joined, Org: oid2, At: t0.Add(time.Hour), Seq: 3}
	require.NoError(t, s.AppendChanges(ctx, l, j2))

	cs, err = s.OrganizationChanges(ctx, oid)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff([]org.Change{f, j, l}, cs))
	cs, err = s.OrganizationChanges(ctx, oid2)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff([]org.Change{j2}, cs))
}

func testHistoryIsolation(t *testing.T, s org.Store) {
	ctx := context.Background()
	in := []org.Change{
		{Account: acct, Kind: org.Joined, Org: oid, At: t0, Seq: 1},
		{Account: acct, Kind: org.Left, Org: oid, At: t0, Seq: 2},
	}
	require.NoError(t, s.AppendChanges(ctx, in...))
	in[0].Org = oid2
	h, err := s.History(ctx, acct)
	require.NoError(t, err)
	h[1].Org = oid2
	cs, err := s.OrganizationChanges(ctx, oid)
	require.NoError(t, err)
	cs[0].Kind = org.Removed
	h, err = s.History(ctx, acct)
	require.NoError(t, err)
	require.Equal(t, oid, h[0].Org)
	require.Equal(t, oid, h[1].Org)
	cs, err = s.OrganizationChanges(ctx, oid)
	require.NoError(t, err)
	require.Equal(t, org.Joined, cs[0].Kind)
}

// testConcurrentAppend: of many appends of the same next change, exactly
// one succeeds and the others conflict.
func testConcurrentAppend(t *testing.T, s org.Store) {
	ctx := context.Background()
	const n = 50
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := org.ID(fmt.Sprintf("o-concurrent%02d", i))
			errs[i] = s.AppendChanges(ctx, org.Change{Account: acct, Kind: org.Joined, Org: id, At: t0, Seq: 1})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		require.True(t, errors.Is(err, org.ErrConflict), "unexpected error %v", err)
	}
	require.Equal(t, 1, won)
	h, err := s.History(ctx, acct)
	require.NoError(t, err)
	require.Len(t, h, 1)
}

// testConcurrentUpdate: of many updates from the same read, exactly one
// succeeds.
func testConcurrentUpdate(t *testing.T, s org.Store) {
	ctx := context.Background()
	o, err := s.CreateOrganization(ctx, newOrg(oid, mgmt), founding(oid, mgmt, 1))
	require.NoError(t, err)
	const n = 50
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := o.Clone()
			u.TrustedAccess = append(u.TrustedAccess, fmt.Sprintf("svc%02d.amazonaws.com", i))
			_, errs[i] = s.UpdateOrganization(ctx, u)
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		require.ErrorIs(t, err, org.ErrConflict)
	}
	require.Equal(t, 1, won)
	got, err := s.Organization(ctx, oid)
	require.NoError(t, err)
	require.Equal(t, uint64(2), got.Seq)
}

// testCancelled: every method honours a context already cancelled, and the
// writes change nothing.
func testCancelled(t *testing.T, s org.Store) {
	ctx := context.Background()
	o, err := s.CreateOrganization(ctx, newOrg(oid, mgmt), founding(oid, mgmt, 1))
	require.NoError(t, err)
	done, cancel := context.WithCancel(ctx)
	cancel()
	changed := o
	changed.FeatureSet = org.ConsolidatedBilling
	calls := map[string]func() error{
		"CreateOrganization": func() error {
			_, err := s.CreateOrganization(done, newOrg(oid2, acct), founding(oid2, acct, 1))
			return err
		},
		"Organization":       func() error { _, err := s.Organization(done, oid); return err },
		"UpdateOrganization": func() error { _, err := s.UpdateOrganization(done, changed); return err },
		"AppendChanges": func() error {
			return s.AppendChanges(done, org.Change{Account: acct, Kind: org.Joined, Org: oid, At: t0, Seq: 1})
		},
		"LastChange":          func() error { _, err := s.LastChange(done, mgmt); return err },
		"ChangeAt":            func() error { _, err := s.ChangeAt(done, mgmt, t0); return err },
		"History":             func() error { _, err := s.History(done, mgmt); return err },
		"OrganizationChanges": func() error { _, err := s.OrganizationChanges(done, oid); return err },
	}
	for name, call := range calls {
		require.ErrorIs(t, call(), context.Canceled, "%s honours a cancelled context", name)
	}
	_, err = s.Organization(ctx, oid2)
	require.ErrorIs(t, err, org.ErrNotFound, "no organization created")
	got, err := s.Organization(ctx, oid)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(o, got), "not updated")
	_, err = s.LastChange(ctx, acct)
	require.ErrorIs(t, err, org.ErrNotFound, "no change appended")
}
