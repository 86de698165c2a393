package artifact_test

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
)

// The service's accessors are read-only views: holding the service gives
// no way to accept, publish, join or append to the trail without an
// authorized, audited, announced call (issue 13, item 14). The method sets
// are pinned here, so that a method added to a view is a decision.
func TestViewsAreReadOnly(t *testing.T) {
	f := newFixture(t)
	views := map[string]struct {
		view any
		want []string
	}{
		"Agreements": {f.svc.Agreements(), []string{"Active", "Agreement", "Coverage", "CustomerAgreement", "HIPAAAccounts",
			"IsHIPAA", "List", "ListCustomerAgreements", "Lookup", "NDAStatus"}},
		"Reports": {f.svc.Reports(), []string{"Acceptances", "Access", "BestReport", "CoveringChain", "DiffScope", "Get",
			"InScope", "List", "ListVersions", "NextRelease", "OutOfScope", "Program", "Verify"}},
		"Organizations": {f.svc.Organizations(), []string{"History", "Members", "Organization", "OrganizationOf"}},
		"Audit":         {f.svc.Audit(), []string{"Head", "Query", "Verify"}},
	}
	for name, v := range views {
		typ := reflect.TypeOf(v.view)
		var got []string
		for i := range typ.NumMethod() {
			got = append(got, typ.Method(i).Name)
		}
		require.Empty(t, cmp.Diff(v.want, got), "%s: the view's methods", name)
		require.Equal(t, reflect.Struct, typ.Kind(), "%s is a value, not the store's own object", name)
	}

	// What a view answers is what the operations did.
	c := root(t, member)
	out, err := f.acceptAs(t, c, baa, "ACCOUNT")
	require.NoError(t, err)
	got, err := f.svc.Agreements().Active(bg, member, baa, "ACCOUNT")
	require.NoError(t, err)
	require.Equal(t, out.CustomerAgreement.ID, got.ID)
	h, err := f.svc.Agreements().IsHIPAA(bg, member, f.clock.Now())
	require.NoError(t, err)
	require.True(t, h.HIPAA)
	n, _, err := f.svc.Audit().Head(bg)
	require.NoError(t, err)
	require.Positive(t, n)
	require.NoError(t, f.svc.Audit().Verify(bg))
	var _ artifact.AgreementsView = f.svc.Agreements()
}
