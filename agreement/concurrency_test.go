package agreement_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/org"
)

// Two (here fifty) concurrent acceptances of the same agreement for the
// same account end with exactly one ACTIVE customer agreement; the others
// get ErrAlreadyActive. The same holds at organization scope.
func TestConcurrentAcceptanceOneActive(t *testing.T) {
	for _, scope := range []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization} {
		t.Run(string(scope), func(t *testing.T) {
			f := newFixture(t)
			f.org(t, oid, mgmt, alice)
			const n = 50
			inputs := make([]agreement.AcceptInput, n)
			for i := range inputs {
				inputs[i] = input(mgmt, f.view(t, mgmt, baa), scope)
			}
			var wg sync.WaitGroup
			errs := make([]error, n)
			ids := make([]agreement.CustomerAgreementID, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					c, _, err := f.reg.Accept(ctx, inputs[i])
					errs[i], ids[i] = err, c.ID
				}()
			}
			wg.Wait()
			var won []agreement.CustomerAgreementID
			for i, err := range errs {
				if err == nil {
					won = append(won, ids[i])
					continue
				}
				require.ErrorIs(t, err, agreement.ErrAlreadyActive)
			}
			require.Len(t, won, 1)
			list, _, err := f.reg.ListCustomerAgreements(ctx, mgmt, agreement.Page{})
			require.NoError(t, err)
			require.Equal(t, won, caIDs(list))
		})
	}
}

// 100 goroutines accept, terminate and move accounts at once. Nothing is
// lost: every acceptance that succeeded is on record, ACTIVE unless a
// termination of it succeeded, and then terminated; no key ever has two
// ACTIVE customer agreements; every membership history alternates; every
// failure is a domain error a serial execution could give.
func TestConcurrentAcceptTerminateMove(t *testing.T) {
	f := newFixture(t, agreement.WithTokenLifetime(1<<40))
	orgs := []org.ID{oid, oid2}
	managers := []org.AccountID{mgmt, mgmt2}
	var members []org.AccountID
	for i := range 8 {
		members = append(members, org.AccountID(fmt.Sprintf("7000000000%02d", i)))
	}
	f.org(t, oid, mgmt, members[:4]...)
	f.org(t, oid2, mgmt2, members[4:]...)
	agreements := []agreement.ID{baa, andb}

	var mu sync.Mutex
	accepted := map[agreement.CustomerAgreementID]bool{}
	terminated := map[agreement.CustomerAgreementID]bool{}
	counts := map[string]int{}
	record := func(op string, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err == nil {
			counts[op+" ok"]++
			return
		}
		for _, expected := range []error{
			agreement.ErrAlreadyActive, agreement.ErrNotActive, agreement.ErrCustomerAgreementNotFound,
			agreement.ErrNotManagementAccount, org.ErrNotInOrganization, org.ErrAlreadyInOrganization,
		} {
			if errors.Is(err, expected) {
				counts[op+" "+expected.Error()]++
				return
			}
		}
		t.Errorf("%s: unexpected error %v", op, err)
	}

	var wg sync.WaitGroup
	for g := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(g), 7))
			for range 15 {
				id := agreements[rnd.IntN(len(agreements))]
				var acct org.AccountID
				scope := agreement.ScopeAccount
				if rnd.IntN(4) == 0 {
					acct, scope = managers[rnd.IntN(2)], agreement.ScopeOrganization
				} else {
					acct = members[rnd.IntN(len(members))]
				}
				switch rnd.IntN(3) {
				case 0:
					n, err := f.reg.GetNda(ctx, acct, id)
					if err != nil {
						t.Error(err)
						return
					}
					get, err := f.reg.AcceptNda(ctx, acct, id, n.Revision, n.Token)
					if err != nil {
						t.Error(err)
						return
					}
					v, err := f.reg.Get(ctx, acct, id, get)
					if err != nil {
						t.Error(err)
						return
					}
					c, _, err := f.reg.Accept(ctx, input(acct, v, scope))
					record("accept", err)
					if err == nil {
						mu.Lock()
						accepted[c.ID] = true
						mu.Unlock()
					}
				case 1:
					c, err := f.reg.Lookup(ctx, acct, id, scope)
					if err != nil {
						record("lookup", err)
						continue
					}
					v, err := f.reg.GetCustomerAgreement(ctx, acct, c.ID)
					if err != nil {
						record("get", err)
						continue
					}
					_, _, err = f.reg.Terminate(ctx, acct, c.ID, v.TerminateToken)
					record("terminate", err)
					if err == nil {
						mu.Lock()
						terminated[c.ID] = true
						mu.Unlock()
					}
				case 2:
					m := members[rnd.IntN(len(members))]
					_, _, err := f.reg.Move(ctx, m, orgs[rnd.IntN(2)])
					record("move", err)
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("outcomes: %v", counts)
	require.Positive(t, counts["accept ok"])
	require.Positive(t, counts["terminate ok"])
	require.Positive(t, counts["move ok"])

	for id := range terminated {
		require.True(t, accepted[id], "terminated %s was accepted", id)
	}
	active := map[agreement.Key]int{}
	for id := range accepted {
		c, err := f.store.CustomerAgreement(ctx, id)
		require.NoError(t, err, "accepted %s is on record", id)
		if terminated[id] {
			require.Equal(t, agreement.CustomerTerminated, c.State, id)
		} else {
			require.Equal(t, agreement.Active, c.State, id)
			active[c.Key()]++
		}
	}
	for k, n := range active {
		require.Equal(t, 1, n, "one active customer agreement for %v", k)
		latest, err := f.store.LatestCustomerAgreement(ctx, k)
		require.NoError(t, err)
		require.Equal(t, agreement.Active, latest.State)
	}
	for _, m := range append(members, managers...) {
		h, err := f.dir.History(ctx, m)
		require.NoError(t, err)
		for i, c := range h {
			require.Equal(t, i%2 == 0, c.Kind.Enters(), "history of %s alternates", m)
		}
		// Listing agrees with the records.
		list, _, err := f.reg.ListCustomerAgreements(ctx, m, agreement.Page{})
		require.NoError(t, err)
		for _, c := range list {
			require.Equal(t, agreement.Active, c.State)
		}
	}
}
