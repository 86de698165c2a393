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

// ConditionKeys lists every condition key the compiled policies refer to,
// in a condition or in a policy variable, of every layer, lower-cased and
// once; nothing else.
func TestConditionKeys(t *testing.T) {
	doc := func(kind policy.Kind, version, statements string) *policy.Document {
		return policy.MustParse([]byte(`{"Version":"`+version+`","Statement":[`+statements+`]}`), kind)
	}
	id := func(statements string) *policy.Document { return doc(policy.Identity, "2012-10-17", statements) }
	cases := []struct {
		name string
		set  policy.Set
		want []string
	}{
		{"none", policy.Set{Identity: []*policy.Document{id(`{"Effect":"Allow","Action":"*","Resource":"*"}`)}}, []string{}},
		{"condition keys, folded, once", policy.Set{Identity: []*policy.Document{id(`
			{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"AWS:ResourceTag/Team":"grc","aws:resourcetag/team":"x"},
			 "ForAnyValue:StringLike":{"aws:TagKeys":["a*"]},"Bool":{"aws:SecureTransport":"true"}}}`)}},
			[]string{"aws:resourcetag/team", "aws:securetransport", "aws:tagkeys"}},
		{"variables in resources and condition values", policy.Set{Identity: []*policy.Document{id(`
			{"Effect":"Allow","Action":"*","Resource":"arn:aws:artifact:*:*:compliance-inquiry/${aws:PrincipalTag/Project}*",
			 "Condition":{"StringEquals":{"aws:PrincipalTag/team":"${aws:RequestTag/Team, 'none'}"},
			              "ArnLike":{"aws:SourceArn":"arn:aws:iam::*:role/${aws:username}"}}}`)}},
			[]string{"aws:principaltag/project", "aws:principaltag/team", "aws:requesttag/team", "aws:sourcearn", "aws:username"}},
		{"a 2008 document has no variables", policy.Set{Identity: []*policy.Document{doc(policy.Identity, "2008-10-17", `
			{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::${aws:username}"}`)}}, []string{}},
		{"every layer", policy.Set{
			Identity: []*policy.Document{id(`{"Effect":"Allow","Action":"*","Resource":"*"}`)},
			SCPs: [][]*policy.Document{{doc(policy.ServiceControl, "2012-10-17", `
				{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/scp":"x"}}}`)}},
			Boundary: id(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"aws:RequestTag/boundary":"false"}}}`)},
			[]string{"aws:requesttag/boundary", "aws:resourcetag/scp"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := policy.Compile(c.set)
			require.NoError(t, err)
			got := e.ConditionKeys()
			if got == nil {
				got = []string{}
			}
			require.Equal(t, c.want, got)
			require.Equal(t, e.ConditionKeys(), e.ExemptFromSCPs().ConditionKeys())
			if len(got) > 0 {
				got[0] = "changed"
				require.NotContains(t, e.ConditionKeys(), "changed", "a copy")
			}
		})
	}
	require.Nil(t, (*policy.Evaluator)(nil).ConditionKeys())
}
