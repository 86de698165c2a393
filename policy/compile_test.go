package policy_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

// ExemptFromSCPs decides as Compile of the same Set with SCPExempt, for
// every case of the conformance corpus and every action of the catalog.
func TestExemptFromSCPs(t *testing.T) {
	n := 0
	for _, c := range corpusCases(t) {
		if c.Expect == "error" {
			continue
		}
		e, want := compileCase(t, c), compileCaseSet(t, c, true)
		exempt := e.ExemptFromSCPs()
		if len(c.SCPs) == 0 {
			require.Same(t, e, exempt, "without SCPs the evaluator is its own exemption")
			continue
		}
		n++
		r := caseRequest(t, c)
		for _, a := range append(policy.Actions(), policy.Action{Name: r.Action}) {
			r.Action = a.Name
			require.Equal(t, want.Decide(r), exempt.Decide(r), "%s, %s", c.Name, a.Name)
			require.Equal(t, want.Explain(r), exempt.Explain(r), "%s, %s", c.Name, a.Name)
		}
		// e itself still applies its SCPs.
		require.Equal(t, compileCase(t, c).Explain(r), e.Explain(r))
	}
	require.NotZero(t, n, "the corpus has cases with SCPs")
	require.Nil(t, (*policy.Evaluator)(nil).ExemptFromSCPs())
}
