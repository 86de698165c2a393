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

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/org"
)

// Run checks that the stores newStore returns behave as agreement.Store
// says. newStore is called once per subtest and must return an empty
// store. Run it with the race detector (go test -race): the concurrency
// checks count on it to find a store's data races.
func Run(t *testing.T, newStore func(t *testing.T) agreement.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s agreement.Store)
	}{
		{"Catalog", testCatalog},
		{"CatalogListing", testCatalogListing},
		{"CatalogIsolation", testCatalogIsolation},
		{"CustomerAgreementInsert", testCAInsert},
		{"CustomerAgreementUpdate", testCAUpdate},
		{"CustomerAgreementAt", testCAAt},
		{"ActiveCustomerAgreements", testActive},
		{"CustomerAgreementIsolation", testCAIsolation},
		{"ConcurrentInsertOneActive", testConcurrentInsert},
		{"ConcurrentUpdate", testConcurrentUpdate},
		{"NDAs", testNDAs},
		{"OutsideNDAs", testOutsideNDAs},
		{"Tokens", testTokens},
		{"Designations", testDesignations},
		{"CancelledContext", testCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, newStore(t))
		})
	}
}

var (
	ctx  = context.Background()
	t0   = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	acct = org.AccountID("222222222222")
	mgmt = org.AccountID("111111111111")
	oid  = org.ID("o-exampleorg")
	baa  = agreement.ID("agreement-baa0000000000001")
	andb = agreement.ID("agreement-andb000000000001")
	rev1 = agreement.RevisionID("00000000-0000-4000-8000-000000000001")
	rev2 = agreement.RevisionID("00000000-0000-4000-8000-000000000002")
)

func sampleAgreement(id agreement.ID, k agreement.Kind) agreement.Agreement {
	return agreement.Agreement{
		ID:        id,
		ARN:       id.ARN("aws"),
		Name:      "Agreement " + string(id),
		Kind:      k,
		Type:      agreement.TypeDefault,
		Subjects:  []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization},
		Revisions: []agreement.Revision{{ID: rev1, Published: t0, AcceptanceTerms: []string{"accept"}, TerminateTerms: []string{"terminate"}}},
		Created:   t0,
	}
}

func caID(i int) agreement.CustomerAgreementID {
	return agreement.CustomerAgreementID(fmt.Sprintf("customer-agreement-%016d", i))
}

func sampleCA(i int, a agreement.ID, scope agreement.Scope, start time.Time) agreement.CustomerAgreement {
	c := agreement.CustomerAgreement{
		ID:              caID(i),
		ARN:             agreement.CustomerAgreementARN("aws", acct, caID(i)),
		Agreement:       a,
		Revision:        rev1,
		Kind:            agreement.KindBAA,
		Type:            agreement.TypeDefault,
		Scope:           scope,
		Account:         acct,
		State:           agreement.Active,
		EffectiveStart:  start,
		AcceptanceTerms: []string{"accept"},
		TerminateTerms:  []string{"terminate"},
	}
	if scope == agreement.ScopeOrganization {
		c.Account = mgmt
		c.Organization = oid
		c.OrganizationARN = org.OrganizationARN("aws", mgmt, oid)
	}
	return c
}

func testCatalog(t *testing.T, s agreement.Store) {
	_, err := s.Agreement(ctx, baa)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	_, err = s.UpdateAgreement(ctx, sampleAgreement(baa, agreement.KindBAA))
	require.ErrorIs(t, err, agreement.ErrNotFound)

	want := sampleAgreement(baa, agreement.KindBAA)
	got, err := s.InsertAgreement(ctx, want)
	require.NoError(t, err)
	want.Seq = 1
	require.Empty(t, cmp.Diff(want, got))
	_, err = s.InsertAgreement(ctx, sampleAgreement(baa, agreement.KindAddendum))
	require.ErrorIs(t, err, agreement.ErrExists)

	got, err = s.Agreement(ctx, baa)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(want, got))

	stale := got
	got.Revisions = append(got.Revisions, agreement.Revision{ID: rev2, Published: t0.Add(time.Hour)})
	updated, err := s.UpdateAgreement(ctx, got)
	require.NoError(t, err)
	require.Equal(t, uint64(2), updated.Seq)
	require.Len(t, updated.Revisions, 2)
	_, err = s.UpdateAgreement(ctx, stale)
	require.ErrorIs(t, err, agreement.ErrConflict)
	got, err = s.Agreement(ctx, baa)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(updated, got), "a stale update changes nothing")
}

func testCatalogListing(t *testing.T, s agreement.Store) {
	var ids []agreement.ID
	for i := 9; i >= 0; i-- {
		id := agreement.ID(fmt.Sprintf("agreement-%016d", i))
		k := agreement.KindAddendum
		if i%3 == 0 {
			k = agreement.KindBAA
		}
		_, err := s.InsertAgreement(ctx, sampleAgreement(id, k))
		require.NoError(t, err)
		ids = append([]agreement.ID{id}, ids...)
	}
	all, err := s.Agreements(ctx, "", 0)
	require.NoError(t, err)
	require.Equal(t, ids, idsOf(all))
	page, err := s.Agreements(ctx, ids[3], 4)
	require.NoError(t, err)
	require.Equal(t, ids[4:8], idsOf(page))
	page, err = s.Agreements(ctx, ids[8], 4)
	require.NoError(t, err)
	require.Equal(t, ids[9:], idsOf(page))
	page, err = s.Agreements(ctx, ids[9], 4)
	require.NoError(t, err)
	require.Empty(t, page)

	baas, err := s.AgreementsOfKind(ctx, agreement.KindBAA)
	require.NoError(t, err)
	require.Equal(t, []agreement.ID{ids[0], ids[3], ids[6], ids[9]}, idsOf(baas))
	custom, err := s.AgreementsOfKind(ctx, agreement.KindCustom)
	require.NoError(t, err)
	require.Empty(t, custom)
}

func idsOf(as []agreement.Agreement) []agreement.ID {
	out := []agreement.ID{}
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func testCatalogIsolation(t *testing.T, s agreement.Store) {
	in := sampleAgreement(baa, agreement.KindBAA)
	out, err := s.InsertAgreement(ctx, in)
	require.NoError(t, err)
	in.Subjects[0] = "MUTATED"
	in.Revisions[0].AcceptanceTerms[0] = "mutated"
	out.Subjects[1] = "MUTATED"
	out.Revisions[0].TerminateTerms[0] = "mutated"
	got, err := s.Agreement(ctx, baa)
	require.NoError(t, err)
	want := sampleAgreement(baa, agreement.KindBAA)
	want.Seq = 1
	require.Empty(t, cmp.Diff(want, got))
	got.Revisions[0].AcceptanceTerms[0] = "mutated"
	list, err := s.Agreements(ctx, "", 0)
	require.NoError(t, err)
	list[0].Subjects[0] = "MUTATED"
	list, err = s.AgreementsOfKind(ctx, agreement.KindBAA)
	require.NoError(t, err)
	list[0].Revisions[0].AcceptanceTerms[0] = "mutated"
	got, err = s.Agreement(ctx, baa)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(want, got))
}

func testCAInsert(t *testing.T, s agreement.Store) {
	key := agreement.AccountKey(baa, acct)
	_, err := s.LatestCustomerAgreement(ctx, key)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	_, err = s.CustomerAgreement(ctx, caID(1))
	require.ErrorIs(t, err, agreement.ErrNotFound)

	c := sampleCA(1, baa, agreement.ScopeAccount, t0)
	got, err := s.InsertCustomerAgreement(ctx, c)
	require.NoError(t, err)
	c.Seq = 1
	require.Empty(t, cmp.Diff(c, got))
	require.Equal(t, key, got.Key())

	_, err = s.InsertCustomerAgreement(ctx, sampleCA(1, andb, agreement.ScopeAccount, t0))
	require.ErrorIs(t, err, agreement.ErrExists, "the id is taken")
	_, err = s.InsertCustomerAgreement(ctx, sampleCA(2, baa, agreement.ScopeAccount, t0.Add(time.Hour)))
	require.ErrorIs(t, err, agreement.ErrConflict, "one active customer agreement per key")
	_, err = s.CustomerAgreement(ctx, caID(2))
	require.ErrorIs(t, err, agreement.ErrNotFound)

	// The other scope and another agreement are other keys.
	_, err = s.InsertCustomerAgreement(ctx, sampleCA(3, baa, agreement.ScopeOrganization, t0))
	require.NoError(t, err)
	_, err = s.InsertCustomerAgreement(ctx, sampleCA(4, andb, agreement.ScopeAccount, t0))
	require.NoError(t, err)

	// Once it ends, a new one may start, but not before the latest.
	got.State = agreement.CustomerTerminated
	got.EffectiveEnd = t0.Add(time.Hour)
	_, err = s.UpdateCustomerAgreement(ctx, got)
	require.NoError(t, err)
	_, err = s.InsertCustomerAgreement(ctx, sampleCA(5, baa, agreement.ScopeAccount, t0.Add(-time.Hour)))
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	c5, err := s.InsertCustomerAgreement(ctx, sampleCA(5, baa, agreement.ScopeAccount, t0.Add(time.Hour)))
	require.NoError(t, err)
	latest, err := s.LatestCustomerAgreement(ctx, key)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(c5, latest))
}

func testCAUpdate(t *testing.T, s agreement.Store) {
	_, err := s.UpdateCustomerAgreement(ctx, sampleCA(1, baa, agreement.ScopeAccount, t0))
	require.ErrorIs(t, err, agreement.ErrNotFound)
	c, err := s.InsertCustomerAgreement(ctx, sampleCA(1, baa, agreement.ScopeAccount, t0))
	require.NoError(t, err)

	tests := []struct {
		name   string
		change func(*agreement.CustomerAgreement)
		want   error
	}{
		{"stale seq", func(c *agreement.CustomerAgreement) { c.Seq = 7 }, agreement.ErrConflict},
		{"new key", func(c *agreement.CustomerAgreement) { c.Agreement = andb }, agreement.ErrInvalidInput},
		{"new scope", func(c *agreement.CustomerAgreement) { c.Scope = agreement.ScopeOrganization }, agreement.ErrInvalidInput},
		{"new start", func(c *agreement.CustomerAgreement) { c.EffectiveStart = t0.Add(time.Second) }, agreement.ErrInvalidInput},
	}
	for _, tt := range tests {
		u := c.Clone()
		tt.change(&u)
		_, err := s.UpdateCustomerAgreement(ctx, u)
		require.ErrorIs(t, err, tt.want, tt.name)
	}
	got, err := s.CustomerAgreement(ctx, c.ID)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(c, got), "failed updates change nothing")

	c.State = agreement.CustomerTerminated
	c.EffectiveEnd = t0.Add(time.Hour)
	u, err := s.UpdateCustomerAgreement(ctx, c)
	require.NoError(t, err)
	require.Equal(t, uint64(2), u.Seq)
	got, err = s.CustomerAgreement(ctx, c.ID)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(u, got))

	u.State = agreement.Active
	u.EffectiveEnd = time.Time{}
	_, err = s.UpdateCustomerAgreement(ctx, u)
	require.ErrorIs(t, err, agreement.ErrInvalidInput, "an ended customer agreement stays ended")
}

func testCAAt(t *testing.T, s agreement.Store) {
	key := agreement.OrganizationKey(baa, oid)
	var hist []agreement.CustomerAgreement
	at := t0
	for i := 1; i <= 30; i++ {
		c, err := s.InsertCustomerAgreement(ctx, sampleCA(i, baa, agreement.ScopeOrganization, at))
		require.NoError(t, err)
		// Every third one ends at once, so that the next starts at the
		// same instant.
		if i%3 != 0 {
			at = at.Add(time.Hour)
		}
		c.State = agreement.CustomerTerminated
		c.EffectiveEnd = at
		c, err = s.UpdateCustomerAgreement(ctx, c)
		require.NoError(t, err)
		hist = append(hist, c)
	}
	_, err := s.CustomerAgreementAt(ctx, key, t0.Add(-time.Second))
	require.ErrorIs(t, err, agreement.ErrNotFound)
	_, err = s.CustomerAgreementAt(ctx, agreement.AccountKey(baa, acct), at)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	for i, c := range hist {
		// The latest one started at or before its start.
		want := c
		for _, later := range hist[i+1:] {
			if later.EffectiveStart.Equal(c.EffectiveStart) {
				want = later
			}
		}
		got, err := s.CustomerAgreementAt(ctx, key, c.EffectiveStart)
		require.NoError(t, err)
		require.Equal(t, want.ID, got.ID, "at %s", c.EffectiveStart)
		got, err = s.CustomerAgreementAt(ctx, key, c.EffectiveStart.Add(time.Minute))
		require.NoError(t, err)
		require.Equal(t, want.ID, got.ID)
	}
	got, err := s.CustomerAgreementAt(ctx, key, at.Add(1000*time.Hour))
	require.NoError(t, err)
	require.Equal(t, hist[len(hist)-1].ID, got.ID)
}

func testActive(t *testing.T, s agreement.Store) {
	other := org.AccountID("333333333333")
	var want []agreement.CustomerAgreement
	for i := 1; i <= 6; i++ {
		a := agreement.ID(fmt.Sprintf("agreement-%016d", i))
		c := sampleCA(i, a, agreement.ScopeAccount, t0.Add(time.Duration(7-i)*time.Hour))
		if i%2 == 0 {
			c = sampleCA(i, a, agreement.ScopeOrganization, t0.Add(time.Duration(7-i)*time.Hour))
		}
		c, err := s.InsertCustomerAgreement(ctx, c)
		require.NoError(t, err)
		want = append([]agreement.CustomerAgreement{c}, want...)
	}
	// Neither another account's, another organization's, nor an ended one.
	x := sampleCA(7, baa, agreement.ScopeAccount, t0)
	x.Account = other
	_, err := s.InsertCustomerAgreement(ctx, x)
	require.NoError(t, err)
	y := sampleCA(8, baa, agreement.ScopeOrganization, t0)
	y.Organization = "o-secondorg1"
	_, err = s.InsertCustomerAgreement(ctx, y)
	require.NoError(t, err)
	z, err := s.InsertCustomerAgreement(ctx, sampleCA(9, andb, agreement.ScopeAccount, t0))
	require.NoError(t, err)
	z.State = agreement.AWSTerminated
	z.EffectiveEnd = t0
	_, err = s.UpdateCustomerAgreement(ctx, z)
	require.NoError(t, err)

	f := agreement.ActiveFilter{Account: acct, Organization: oid}
	all, err := s.ActiveCustomerAgreements(ctx, f, "", 0)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(want, all))
	var paged []agreement.CustomerAgreement
	after := ""
	for {
		page, err := s.ActiveCustomerAgreements(ctx, f, after, 4)
		require.NoError(t, err)
		require.LessOrEqual(t, len(page), 4)
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
		after = page[len(page)-1].SortKey()
	}
	require.Empty(t, cmp.Diff(want, paged))

	onlyAccount, err := s.ActiveCustomerAgreements(ctx, agreement.ActiveFilter{Account: acct}, "", 0)
	require.NoError(t, err)
	require.Len(t, onlyAccount, 3)
	onlyOrg, err := s.ActiveCustomerAgreements(ctx, agreement.ActiveFilter{Organization: oid}, "", 0)
	require.NoError(t, err)
	require.Len(t, onlyOrg, 3)
	none, err := s.ActiveCustomerAgreements(ctx, agreement.ActiveFilter{}, "", 0)
	require.NoError(t, err)
	require.Empty(t, none)
}

func testCAIsolation(t *testing.T, s agreement.Store) {
	in := sampleCA(1, baa, agreement.ScopeAccount, t0)
	out, err := s.InsertCustomerAgreement(ctx, in)
	require.NoError(t, err)
	in.AcceptanceTerms[0] = "mutated"
	out.TerminateTerms[0] = "mutated"
	for _, get := range []func() (agreement.CustomerAgreement, error){
		func() (agreement.CustomerAgreement, error) { return s.CustomerAgreement(ctx, caID(1)) },
		func() (agreement.CustomerAgreement, error) {
			return s.LatestCustomerAgreement(ctx, agreement.AccountKey(baa, acct))
		},
		func() (agreement.CustomerAgreement, error) {
			return s.CustomerAgreementAt(ctx, agreement.AccountKey(baa, acct), t0)
		},
		func() (agreement.CustomerAgreement, error) {
			cs, err := s.ActiveCustomerAgreements(ctx, agreement.ActiveFilter{Account: acct}, "", 0)
			if err != nil || len(cs) != 1 {
				return agreement.CustomerAgreement{}, fmt.Errorf("want one, got %d: %v", len(cs), err)
			}
			return cs[0], nil
		},
	} {
		c, err := get()
		require.NoError(t, err)
		require.Equal(t, []string{"accept"}, c.AcceptanceTerms)
		require.Equal(t, []string{"terminate"}, c.TerminateTerms)
		c.AcceptanceTerms[0] = "mutated"
	}
}

// testConcurrentInsert: of many concurrent acceptances of one key, exactly
// one becomes the active customer agreement.
func testConcurrentInsert(t *testing.T, s agreement.Store) {
	const n = 50
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.InsertCustomerAgreement(ctx, sampleCA(i+1, baa, agreement.ScopeAccount, t0))
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		require.True(t, errors.Is(err, agreement.ErrConflict), "unexpected %v", err)
	}
	require.Equal(t, 1, won)
	active, err := s.ActiveCustomerAgreements(ctx, agreement.ActiveFilter{Account: acct}, "", 0)
	require.NoError(t, err)
	require.Len(t, active, 1)
}

func testConcurrentUpdate(t *testing.T, s agreement.Store) {
	c, err := s.InsertCustomerAgreement(ctx, sampleCA(1, baa, agreement.ScopeAccount, t0))
	require.NoError(t, err)
	const n = 50
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := c.Clone()
			u.State = agreement.CustomerTerminated
			u.EffectiveEnd = t0.Add(time.Duration(i) * time.Second)
			_, errs[i] = s.UpdateCustomerAgreement(ctx, u)
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		require.ErrorIs(t, err, agreement.ErrConflict)
	}
	require.Equal(t, 1, won)
}

func testNDAs(t *testing.T, s agreement.Store) {
	_, err := s.NDA(ctx, acct, baa, rev1)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	first := agreement.NDAAcceptance{Account: acct, Agreement: baa, Revision: rev1, Accepted: t0}
	got, err := s.PutNDA(ctx, first)
	require.NoError(t, err)
	require.Equal(t, first, got)
	again := first
	again.Accepted = t0.Add(time.Hour)
	got, err = s.PutNDA(ctx, again)
	require.NoError(t, err)
	require.Equal(t, first, got, "the first acceptance stays on record")
	got, err = s.NDA(ctx, acct, baa, rev1)
	require.NoError(t, err)
	require.Equal(t, first, got)
	for _, k := range []struct {
		a   org.AccountID
		id  agreement.ID
		rev agreement.RevisionID
	}{{mgmt, baa, rev1}, {acct, andb, rev1}, {acct, baa, rev2}} {
		_, err = s.NDA(ctx, k.a, k.id, k.rev)
		require.ErrorIs(t, err, agreement.ErrNotFound)
	}
}

func testOutsideNDAs(t *testing.T, s agreement.Store) {
	got, err := s.OutsideNDAs(ctx, acct)
	require.NoError(t, err)
	require.Empty(t, got)
	b := agreement.OutsideNDA{Account: acct, Reference: "b", Signed: t0, Covers: []agreement.ID{baa}}
	a := agreement.OutsideNDA{Account: acct, Reference: "a", Signed: t0}
	require.NoError(t, s.PutOutsideNDA(ctx, b))
	require.NoError(t, s.PutOutsideNDA(ctx, a))
	b.Covers[0] = andb // isolation of the input
	b2 := agreement.OutsideNDA{Account: acct, Reference: "b", Signed: t0.Add(time.Hour), Covers: []agreement.ID{andb, baa}}
	require.NoError(t, s.PutOutsideNDA(ctx, b2))
	got, err = s.OutsideNDAs(ctx, acct)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff([]agreement.OutsideNDA{a, b2}, got))
	got[1].Covers[0] = "mutated"
	got, err = s.OutsideNDAs(ctx, acct)
	require.NoError(t, err)
	require.Equal(t, andb, got[1].Covers[0])
	other, err := s.OutsideNDAs(ctx, mgmt)
	require.NoError(t, err)
	require.Empty(t, other)
}

func testTokens(t *testing.T, s agreement.Store) {
	_, err := s.Token(ctx, "nda-token-aaaaaaaaaaaaaaaaaaaaaaaa")
	require.ErrorIs(t, err, agreement.ErrNotFound)
	tok := func(v string, expires time.Time) agreement.Token {
		return agreement.Token{Value: v, Kind: agreement.TokenNDA, Account: acct, Agreement: baa, Revision: rev1, Issued: t0, Expires: expires}
	}
	a := tok("nda-token-aaaaaaaaaaaaaaaaaaaaaaaa", t0.Add(time.Hour))
	b := tok("nda-token-bbbbbbbbbbbbbbbbbbbbbbbb", t0.Add(2*time.Hour))
	c := tok("agreement-token-cccccccccccccccccccccccc", t0.Add(3*time.Hour))
	c.Kind, c.CustomerAgreement = agreement.TokenTerminate, caID(1)
	for _, x := range []agreement.Token{a, b, c} {
		require.NoError(t, s.InsertToken(ctx, x))
	}
	require.ErrorIs(t, s.InsertToken(ctx, tok(a.Value, t0)), agreement.ErrExists)
	got, err := s.Token(ctx, c.Value)
	require.NoError(t, err)
	require.Equal(t, c, got)

	n, err := s.DeleteExpiredTokens(ctx, t0.Add(2*time.Hour))
	require.NoError(t, err)
	require.Equal(t, 2, n, "expired at or before now")
	_, err = s.Token(ctx, b.Value)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	_, err = s.Token(ctx, c.Value)
	require.NoError(t, err)
}

func testDesignations(t *testing.T, s agreement.Store) {
	_, err := s.LatestDesignation(ctx, acct)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	_, err = s.DesignationAt(ctx, acct, t0)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	_, err = s.UpdateDesignation(ctx, agreement.Designation{Account: acct, Start: t0, Seq: 1})
	require.ErrorIs(t, err, agreement.ErrNotFound)

	d, err := s.InsertDesignation(ctx, agreement.Designation{Account: acct, Start: t0})
	require.NoError(t, err)
	require.Equal(t, uint64(1), d.Seq)
	_, err = s.InsertDesignation(ctx, agreement.Designation{Account: acct, Start: t0.Add(time.Hour)})
	require.ErrorIs(t, err, agreement.ErrConflict, "one open designation per account")

	stale := d
	d.End = t0.Add(time.Hour)
	moved := d
	moved.Start = t0.Add(time.Minute)
	_, err = s.UpdateDesignation(ctx, moved)
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	d, err = s.UpdateDesignation(ctx, d)
	require.NoError(t, err)
	require.Equal(t, uint64(2), d.Seq)
	stale.End = t0.Add(2 * time.Hour)
	_, err = s.UpdateDesignation(ctx, stale)
	require.ErrorIs(t, err, agreement.ErrConflict)

	_, err = s.InsertDesignation(ctx, agreement.Designation{Account: acct, Start: t0.Add(-time.Hour)})
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	d2, err := s.InsertDesignation(ctx, agreement.Designation{Account: acct, Start: t0.Add(3 * time.Hour)})
	require.NoError(t, err)

	latest, err := s.LatestDesignation(ctx, acct)
	require.NoError(t, err)
	require.Equal(t, d2, latest)
	for _, c := range []struct {
		at   time.Time
		want agreement.Designation
	}{
		{t0, d}, {t0.Add(2 * time.Hour), d}, {t0.Add(3 * time.Hour), d2}, {t0.Add(30 * time.Hour), d2},
	} {
		got, err := s.DesignationAt(ctx, acct, c.at)
		require.NoError(t, err)
		require.Equal(t, c.want, got, "at %s", c.at)
	}
	_, err = s.DesignationAt(ctx, acct, t0.Add(-time.Second))
	require.ErrorIs(t, err, agreement.ErrNotFound)
}

// testCancelled: every method honours a context already cancelled, and the
// writes change nothing.
func testCancelled(t *testing.T, s agreement.Store) {
	a, err := s.InsertAgreement(ctx, sampleAgreement(baa, agreement.KindBAA))
	require.NoError(t, err)
	c, err := s.InsertCustomerAgreement(ctx, sampleCA(1, baa, agreement.ScopeAccount, t0))
	require.NoError(t, err)
	d, err := s.InsertDesignation(ctx, agreement.Designation{Account: acct, Start: t0})
	require.NoError(t, err)
	tok := agreement.Token{Value: "nda-token-aaaaaaaaaaaaaaaaaaaaaaaa", Kind: agreement.TokenNDA, Account: acct, Agreement: baa,
		Revision: rev1, Issued: t0, Expires: t0.Add(time.Hour)}
	require.NoError(t, s.InsertToken(ctx, tok))
	done, cancel := context.WithCancel(ctx)
	cancel()
	ended := c
	ended.State, ended.EffectiveEnd = agreement.CustomerTerminated, t0.Add(time.Hour)
	renamed := a
	renamed.Name = "renamed"
	calls := map[string]func() error{
		"InsertAgreement": func() error {
			_, err := s.InsertAgreement(done, sampleAgreement(andb, agreement.KindAddendum))
			return err
		},
		"UpdateAgreement":  func() error { _, err := s.UpdateAgreement(done, renamed); return err },
		"Agreement":        func() error { _, err := s.Agreement(done, baa); return err },
		"Agreements":       func() error { _, err := s.Agreements(done, "", 10); return err },
		"AgreementsOfKind": func() error { _, err := s.AgreementsOfKind(done, agreement.KindBAA); return err },
		"InsertCustomerAgreement": func() error {
			_, err := s.InsertCustomerAgreement(done, sampleCA(2, andb, agreement.ScopeAccount, t0))
			return err
		},
		"UpdateCustomerAgreement": func() error { _, err := s.UpdateCustomerAgreement(done, ended); return err },
		"CustomerAgreement":       func() error { _, err := s.CustomerAgreement(done, c.ID); return err },
		"LatestCustomerAgreement": func() error {
			_, err := s.LatestCustomerAgreement(done, agreement.AccountKey(baa, acct))
			return err
		},
		"CustomerAgreementAt": func() error {
			_, err := s.CustomerAgreementAt(done, agreement.AccountKey(baa, acct), t0)
			return err
		},
		"ActiveCustomerAgreements": func() error {
			_, err := s.ActiveCustomerAgreements(done, agreement.ActiveFilter{Account: acct}, "", 0)
			return err
		},
		"PutNDA": func() error {
			_, err := s.PutNDA(done, agreement.NDAAcceptance{Account: acct, Agreement: baa, Revision: rev1, Accepted: t0})
			return err
		},
		"NDA": func() error { _, err := s.NDA(done, acct, baa, rev1); return err },
		"PutOutsideNDA": func() error {
			return s.PutOutsideNDA(done, agreement.OutsideNDA{Account: acct, Reference: "x", Signed: t0})
		},
		"OutsideNDAs": func() error { _, err := s.OutsideNDAs(done, acct); return err },
		"InsertToken": func() error {
			t2 := tok
			t2.Value = "nda-token-bbbbbbbbbbbbbbbbbbbbbbbb"
			return s.InsertToken(done, t2)
		},
		"Token":               func() error { _, err := s.Token(done, tok.Value); return err },
		"DeleteExpiredTokens": func() error { _, err := s.DeleteExpiredTokens(done, t0.Add(24*time.Hour)); return err },
		"InsertDesignation": func() error {
			_, err := s.InsertDesignation(done, agreement.Designation{Account: mgmt, Start: t0})
			return err
		},
		"UpdateDesignation": func() error {
			e := d
			e.End = t0.Add(time.Hour)
			_, err := s.UpdateDesignation(done, e)
			return err
		},
		"LatestDesignation": func() error { _, err := s.LatestDesignation(done, acct); return err },
		"DesignationAt":     func() error { _, err := s.DesignationAt(done, acct, t0); return err },
	}
	for name, call := range calls {
		require.ErrorIs(t, call(), context.Canceled, "%s honours a cancelled context", name)
	}
	// The writes changed nothing.
	_, err = s.Agreement(ctx, andb)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	got, err := s.Agreement(ctx, baa)
	require.NoError(t, err)
	require.Equal(t, a.Name, got.Name)
	gotCA, err := s.CustomerAgreement(ctx, c.ID)
	require.NoError(t, err)
	require.Equal(t, agreement.Active, gotCA.State)
	_, err = s.CustomerAgreement(ctx, caID(2))
	require.ErrorIs(t, err, agreement.ErrNotFound)
	_, err = s.NDA(ctx, acct, baa, rev1)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	outside, err := s.OutsideNDAs(ctx, acct)
	require.NoError(t, err)
	require.Empty(t, outside)
	_, err = s.Token(ctx, tok.Value)
	require.NoError(t, err, "nothing was deleted")
	_, err = s.Token(ctx, "nda-token-bbbbbbbbbbbbbbbbbbbbbbbb")
	require.ErrorIs(t, err, agreement.ErrNotFound)
	_, err = s.LatestDesignation(ctx, mgmt)
	require.ErrorIs(t, err, agreement.ErrNotFound)
	gotD, err := s.LatestDesignation(ctx, acct)
	require.NoError(t, err)
	require.True(t, gotD.End.IsZero())
}
