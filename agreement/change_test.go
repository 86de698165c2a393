package agreement_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
)

// Every change runs its BeforeStore options with its events before it is
// stored: the events it then returns, a change not yet stored
// (Registry.Stored says so), and an error there fails the change, which
// stores nothing. Stored tells, from a change's first event, whether it
// was stored.
func TestBeforeStoreAndStored(t *testing.T) {
	type change func(t *testing.T, f *fixture, opt agreement.ChangeOption) ([]agreement.Event, error)
	accept := func(account, scope string) change {
		return func(t *testing.T, f *fixture, opt agreement.ChangeOption) ([]agreement.Event, error) {
			v := f.view(t, mgmt, baa)
			if account == "alice" {
				v = f.view(t, alice, baa)
				_, ev, err := f.reg.Accept(ctx, input(alice, v, agreement.Scope(scope)), opt)
				return ev, err
			}
			_, ev, err := f.reg.Accept(ctx, input(mgmt, v, agreement.Scope(scope)), opt)
			return ev, err
		}
	}
	changes := map[string]change{
		"accept account":      accept("alice", "ACCOUNT"),
		"accept organization": accept("mgmt", "ORGANIZATION"),
		"terminate organization": func(t *testing.T, f *fixture, opt agreement.ChangeOption) ([]agreement.Event, error) {
			c := f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
			f.tick()
			v, err := f.reg.GetCustomerAgreement(ctx, mgmt, c.ID)
			require.NoError(t, err)
			_, ev, err := f.reg.Terminate(ctx, mgmt, c.ID, v.TerminateToken, opt)
			return ev, err
		},
		"AWS terminate": func(t *testing.T, f *fixture, opt agreement.ChangeOption) ([]agreement.Event, error) {
			c := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
			f.tick()
			_, ev, err := f.reg.AWSTerminate(ctx, c.ID, opt)
			return ev, err
		},
		"join": func(t *testing.T, f *fixture, opt agreement.ChangeOption) ([]agreement.Event, error) {
			f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
			f.tick()
			_, ev, err := f.reg.Join(ctx, carol, oid, opt)
			return ev, err
		},
		"leave": func(t *testing.T, f *fixture, opt agreement.ChangeOption) ([]agreement.Event, error) {
			f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
			f.tick()
			_, ev, err := f.reg.Leave(ctx, alice, opt)
			return ev, err
		},
		"move": func(t *testing.T, f *fixture, opt agreement.ChangeOption) ([]agreement.Event, error) {
			f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
			f.tick()
			_, ev, err := f.reg.Move(ctx, alice, oid2, opt)
			return ev, err
		},
		"designate offline": func(t *testing.T, f *fixture, opt agreement.ChangeOption) ([]agreement.Event, error) {
			_, ev, err := f.reg.AWSDesignateOffline(ctx, dave, opt)
			return ev, err
		},
		"remove designation": func(t *testing.T, f *fixture, opt agreement.ChangeOption) ([]agreement.Event, error) {
			_, _, err := f.reg.AWSDesignateOffline(ctx, dave)
			require.NoError(t, err)
			f.tick()
			_, ev, err := f.reg.RemoveOfflineDesignation(ctx, dave, opt)
			return ev, err
		},
	}
	errHook := errors.New("outbox unavailable")
	for name, c := range changes {
		t.Run(name, func(t *testing.T) {
			newF := func() *fixture {
				f := newFixture(t)
				f.org(t, oid, mgmt, alice, bob)
				f.org(t, oid2, mgmt2)
				f.tick()
				return f
			}
			f := newF()
			var seen []agreement.Event
			calls := 0
			events, err := c(t, f, agreement.BeforeStore(func(ctx context.Context, events []agreement.Event) error {
				calls++
				seen = events
				stored, err := f.reg.Stored(ctx, events[0])
				require.NoError(t, err)
				require.False(t, stored, "not stored before the hook returns")
				return nil
			}))
			require.NoError(t, err)
			require.Equal(t, 1, calls)
			require.Empty(t, cmp.Diff(events, seen))
			stored, err := f.reg.Stored(ctx, events[0])
			require.NoError(t, err)
			require.True(t, stored, "stored once the change returns")

			f = newF()
			var first []agreement.Event
			_, err = c(t, f, agreement.BeforeStore(func(ctx context.Context, events []agreement.Event) error {
				first = events
				return errHook
			}))
			require.ErrorIs(t, err, errHook)
			stored, err = f.reg.Stored(ctx, first[0])
			require.NoError(t, err)
			require.False(t, stored, "a change whose hook failed is not stored")
		})
	}
	f := newFixture(t)
	_, err := f.reg.Stored(ctx, agreement.Event{Kind: agreement.EventCoverageLost, Organization: oid, Basis: agreement.BasisOrganization})
	require.ErrorIs(t, err, agreement.ErrInvalidInput, "an organization-wide event begins no change")
}
