package org_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/org/memstore"
)

// pagedStore is an org.MemberStore over the in-memory store, computing
// pages of members from the history, and counting the pages read.
type pagedStore struct {
	org.Store
	pages int
}

func (s *pagedStore) MemberChanges(ctx context.Context, id org.ID, t time.Time, after org.AccountID, limit int) ([]org.Change, error) {
	s.pages++
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
	var out []org.Change
	for _, a := range slices.Compact(accounts) {
		if c, err := s.ChangeAt(ctx, a, t); err == nil && c.Kind.Enters() && c.Org == id {
			out = append(out, c)
			if len(out) == limit {
				break
			}
		}
	}
	return out, nil
}

// A10: MembersSeq yields the members Members returns, with where each
// stood, over a store that pages and one that does not.
func TestMembersSeq(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	paged := &pagedStore{Store: memstore.New()}
	// The in-memory store pages itself; hidden behind org.Store, it is
	// read as a store that does not.
	for _, s := range []org.Store{struct{ org.Store }{memstore.New()}, paged, memstore.New()} {
		clock := now
		d := org.NewDirectory(s, org.WithClock(func() time.Time { return clock }))
		_, err := d.Create(ctx, "o-exampleorg", "100000000000", org.AllFeatures)
		require.NoError(t, err)
		for i := range 2100 {
			_, err := d.Join(ctx, org.AccountID(fmt.Sprintf("2%011d", i)), "o-exampleorg")
			require.NoError(t, err)
		}
		clock = clock.Add(time.Hour)
		for i := 0; i < 2100; i += 7 {
			_, err := d.Leave(ctx, org.AccountID(fmt.Sprintf("2%011d", i)))
			require.NoError(t, err)
		}
		for _, at := range []time.Time{now, clock} {
			want, err := d.Members(ctx, "o-exampleorg", at)
			require.NoError(t, err)
			var got []org.AccountID
			for m, err := range d.MembersSeq(ctx, "o-exampleorg", at) {
				require.NoError(t, err)
				of, err := d.OrganizationOf(ctx, m.Account, at)
				require.NoError(t, err)
				require.Empty(t, cmp.Diff(of, m))
				got = append(got, m.Account)
			}
			require.Equal(t, want, got)
			// Resuming after any member yields the rest.
			for _, k := range []int{0, 1, 999, 1000, len(want) - 1} {
				var rest []org.AccountID
				for m, err := range d.MembersAfter(ctx, "o-exampleorg", at, want[k]) {
					require.NoError(t, err)
					rest = append(rest, m.Account)
				}
				require.Equal(t, len(want[k+1:]), len(rest), "after member %d", k)
				require.Equal(t, want[k+1:], append([]org.AccountID{}, rest...), "after member %d", k)
			}
		}
		// Stopping early, and the errors: each yielded once.
		for range d.MembersSeq(ctx, "o-exampleorg", clock) {
			break
		}
		for _, id := range []org.ID{"o-nosuchorg00", "bad"} {
			n := 0
			for _, err := range d.MembersSeq(ctx, id, clock) {
				require.Error(t, err)
				n++
			}
			require.Equal(t, 1, n)
		}
	}
	require.GreaterOrEqual(t, paged.pages, 3, "a page at a time")
}
