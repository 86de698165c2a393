package policy_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

// The edges of IAM's policy grammar where IAM refuses to store a document
// that evaluation would still read: Parse reads it as evaluation does,
// Decide answers accordingly, and Validate reports what IAM would refuse
// (issue 13, item 8). Sources: the grammar
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html),
// the Action element
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html),
// the evaluation logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
func TestGrammarEdges(t *testing.T) {
	const report = "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1"
	allowAll := `{"Effect":"Allow","Action":"*","Resource":"*"}`
	tests := []struct {
		name       string
		statements string // the Statement element
		action     string // requested on report
		want       policy.Decision
		findings   []string // "CODE path"
	}{
		// An empty Statement list: no statement applies, so the document
		// allows nothing.
		{"empty statement list", `[]`, "artifact:GetReport", policy.ImplicitDeny, []string{"MISSING_STATEMENT Statement"}},

		// An empty Action list matches no action; an empty NotAction
		// excludes nothing, so it matches every action.
		{"empty action list", `[{"Effect":"Allow","Action":[],"Resource":"*"}]`, "artifact:GetReport", policy.ImplicitDeny,
			[]string{"MISSING_ACTION Statement[0].Action"}},
		{"empty action list denies nothing", `[` + allowAll + `,{"Effect":"Deny","Action":[],"Resource":"*"}]`, "artifact:GetReport", policy.Allow,
			[]string{"MISSING_ACTION Statement[1].Action"}},
		{"empty not-action list", `[{"Effect":"Allow","NotAction":[],"Resource":"*"}]`, "artifact:GetReport", policy.Allow,
			[]string{"MISSING_ACTION Statement[0].NotAction"}},

		// Likewise for resources.
		{"empty resource list", `[{"Effect":"Allow","Action":"artifact:*","Resource":[]}]`, "artifact:GetReport", policy.ImplicitDeny,
			[]string{"MISSING_RESOURCE Statement[0].Resource"}},
		{"empty not-resource list", `[{"Effect":"Allow","Action":"artifact:GetReport","NotResource":[]}]`, "artifact:GetReport", policy.Allow,
			[]string{"MISSING_RESOURCE Statement[0].NotResource"}},
		{"empty resource list denies nothing", `[` + allowAll + `,{"Effect":"Deny","Action":"*","Resource":[]}]`, "artifact:GetReport", policy.Allow,
			[]string{"MISSING_RESOURCE Statement[1].Resource"}},

		// A service prefix is letters, digits and hyphens, without
		// wildcards; IAM refuses the others. Evaluation matches the
		// pattern like any other: a wildcard in the prefix matches.
		{"wildcard service prefix", `[{"Effect":"Allow","Action":"*:GetReport","Resource":"*"}]`, "artifact:GetReport", policy.Allow,
			[]string{"MALFORMED_ACTION Statement[0].Action"}},
		{"single-character wildcard in service prefix", `[{"Effect":"Allow","Action":["artifac?:GetReport"],"Resource":"*"}]`, "artifact:GetReport", policy.Allow,
			[]string{"MALFORMED_ACTION Statement[0].Action[0]"}},
		{"partial wildcard service prefix", `[{"Effect":"Allow","Action":"art*:Get*","Resource":"*"}]`, "artifact:GetReport", policy.Allow,
			[]string{"MALFORMED_ACTION Statement[0].Action"}},
		{"action without service prefix", `[{"Effect":"Allow","Action":["s3:GetObject","GetReport"],"Resource":"*"}]`, "artifact:GetReport", policy.ImplicitDeny,
			[]string{"MALFORMED_ACTION Statement[0].Action[1]"}},
		{"empty service prefix", `[{"Effect":"Allow","Action":":GetReport","Resource":"*"}]`, "artifact:GetReport", policy.ImplicitDeny,
			[]string{"MALFORMED_ACTION Statement[0].Action"}},
		{"two colons", `[{"Effect":"Allow","Action":"artifact:Get:Report","Resource":"*"}]`, "artifact:GetReport", policy.ImplicitDeny,
			[]string{"MALFORMED_ACTION Statement[0].Action"}},
		{"underscore in service prefix", `[{"Effect":"Allow","Action":"arti_fact:GetReport","Resource":"*"}]`, "artifact:GetReport", policy.ImplicitDeny,
			[]string{"MALFORMED_ACTION Statement[0].Action"}},
		{"space in service prefix", `[{"Effect":"Allow","Action":"artifact :GetReport","Resource":"*"}]`, "artifact:GetReport", policy.ImplicitDeny,
			[]string{"MALFORMED_ACTION Statement[0].Action"}},
		{"no action name", `[{"Effect":"Allow","Action":"artifact:","Resource":"*"}]`, "artifact:GetReport", policy.ImplicitDeny,
			[]string{"MALFORMED_ACTION Statement[0].Action"}},
		{"empty action", `[{"Effect":"Allow","Action":"","Resource":"*"}]`, "artifact:GetReport", policy.ImplicitDeny,
			[]string{"MALFORMED_ACTION Statement[0].Action"}},
		{"malformed not-action", `[{"Effect":"Allow","NotAction":["*:Accept*"],"Resource":"*"}]`, "artifact:GetReport", policy.Allow,
			[]string{"MALFORMED_ACTION Statement[0].NotAction[0]"}},

		// What the grammar allows: "*", any case, digits and hyphens in
		// the prefix, wildcards in the name.
		{"well-formed actions", `[{"Effect":"Allow","Action":["ARTIFACT:getreport","execute-api:Invoke","a4b:*","s3:Get?bject"],"Resource":"*"},
			{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]`,
			"artifact:GetReport", policy.Allow, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := []byte(`{"Version":"2012-10-17","Statement":` + tt.statements + `}`)
			d, err := policy.Parse(doc, policy.Identity)
			require.NoError(t, err)

			// The document round-trips as written.
			out, err := d.MarshalJSON()
			require.NoError(t, err)
			again, err := policy.Parse(out, policy.Identity)
			require.NoError(t, err)
			require.Empty(t, cmp.Diff(d, again, cmp.AllowUnexported(policy.Condition{})))

			e, err := policy.Compile(policy.Set{Identity: []*policy.Document{d}})
			require.NoError(t, err)
			r := &policy.Request{Action: tt.action, Resource: report}
			require.Equal(t, tt.want, e.Decide(r))
			require.Equal(t, tt.want, e.Explain(r).Decision)

			var got []string
			for _, f := range policy.Validate(d) {
				require.Equal(t, policy.SeverityError, f.Severity, f.String())
				got = append(got, f.Code+" "+f.Path)
			}
			require.Equal(t, tt.findings, got)
		})
	}
}

// An SCP without statements allows nothing at its level, like a level
// without SCPs.
func TestGrammarEmptySCP(t *testing.T) {
	identity := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`), policy.Identity)
	scp := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[]}`), policy.ServiceControl)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{identity}, SCPs: [][]*policy.Document{{scp}}})
	require.NoError(t, err)
	x := e.Explain(&policy.Request{Action: "artifact:ListReports", Resource: "*"})
	require.Equal(t, policy.ImplicitDeny, x.Decision)
	require.Equal(t, policy.LayerSCP, x.Missing)
}
