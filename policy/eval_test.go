package policy_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

func doc(t *testing.T, kind policy.Kind, statements ...string) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[`+strings.Join(statements, ",")+`]}`), kind)
	require.NoError(t, err)
	return d
}

const (
	allowAll        = `{"Effect":"Allow","Action":"*","Resource":"*"}`
	allowArtifact   = `{"Effect":"Allow","Action":"artifact:*","Resource":"*"}`
	allowReports    = `{"Effect":"Allow","Action":"artifact:*Report*","Resource":"*"}`
	denyTerminate   = `{"Effect":"Deny","Action":"artifact:TerminateAgreement","Resource":"*"}`
	allowS3         = `{"Effect":"Allow","Action":"s3:*","Resource":"*"}`
	testAgreement   = "arn:aws:artifact:::agreement/agreement-abcdef0123456789"
	testCustAgreeme = "arn:aws:artifact::111122223333:customer-agreement/customer-agreement-abcdef0123456789"
)

func TestLayers(t *testing.T) {
	id := func(s ...string) []*policy.Document { return []*policy.Document{doc(t, policy.Identity, s...)} }
	scp := func(s ...string) *policy.Document { return doc(t, policy.ServiceControl, s...) }
	tests := []struct {
		name    string
		set     policy.Set
		action  string
		res     string
		want    policy.Decision
		missing policy.Layer
	}{
		{"no policies", policy.Set{}, "artifact:GetReport", testReport, policy.ImplicitDeny, policy.LayerIdentity},
		{"identity allows", policy.Set{Identity: id(allowArtifact)}, "artifact:GetReport", testReport, policy.Allow, ""},
		{"identity deny wins", policy.Set{Identity: id(allowArtifact, denyTerminate)}, "artifact:TerminateAgreement", testCustAgreeme, policy.ExplicitDeny, ""},
		{"scp allows", policy.Set{Identity: id(allowArtifact), SCPs: [][]*policy.Document{{scp(allowAll)}}}, "artifact:GetReport", testReport, policy.Allow, ""},
		{"scp does not allow", policy.Set{Identity: id(allowArtifact), SCPs: [][]*policy.Document{{scp(allowS3)}}}, "artifact:GetReport", testReport, policy.ImplicitDeny, policy.LayerSCP},
		{"one of the level's scps allows", policy.Set{Identity: id(allowArtifact), SCPs: [][]*policy.Document{{scp(allowS3), scp(allowReports)}}}, "artifact:GetReport", testReport, policy.Allow, ""},
		{"every level must allow", policy.Set{Identity: id(allowArtifact), SCPs: [][]*policy.Document{{scp(allowAll)}, {scp(allowS3)}}}, "artifact:GetReport", testReport, policy.ImplicitDeny, policy.LayerSCP},
		{"every level allows", policy.Set{Identity: id(allowArtifact), SCPs: [][]*policy.Document{{scp(allowAll)}, {scp(allowReports)}}}, "artifact:GetReport", testReport, policy.Allow, ""},
		{"empty level allows nothing", policy.Set{Identity: id(allowArtifact), SCPs: [][]*policy.Document{{scp(allowAll)}, {}}}, "artifact:GetReport", testReport, policy.ImplicitDeny, policy.LayerSCP},
		{"scp deny", policy.Set{Identity: id(allowArtifact), SCPs: [][]*policy.Document{{scp(allowAll)}, {scp(allowAll, denyTerminate)}}}, "artifact:TerminateAgreement", testCustAgreeme, policy.ExplicitDeny, ""},
		{"scp alone grants nothing", policy.Set{SCPs: [][]*policy.Document{{scp(allowAll)}}}, "artifact:GetReport", testReport, policy.ImplicitDeny, policy.LayerIdentity},
		{"management account exempt", policy.Set{Identity: id(allowArtifact), SCPs: [][]*policy.Document{{scp(allowS3, denyTerminate)}}, SCPExempt: true}, "artifact:TerminateAgreement", testCustAgreeme, policy.Allow, ""},
		{"root needs no identity policy", policy.Set{Root: true}, "artifact:AcceptAgreement", testAgreement, policy.Allow, ""},
		{"root is bound by scps", policy.Set{Root: true, SCPs: [][]*policy.Document{{scp(allowS3)}}}, "artifact:AcceptAgreement", testAgreement, policy.ImplicitDeny, policy.LayerSCP},
		{"root and explicit deny", policy.Set{Root: true, SCPs: [][]*policy.Document{{scp(allowAll, denyTerminate)}}}, "artifact:TerminateAgreement", testCustAgreeme, policy.ExplicitDeny, ""},
		{"boundary allows", policy.Set{Identity: id(allowAll), Boundary: doc(t, policy.Identity, allowArtifact)}, "artifact:GetReport", testReport, policy.Allow, ""},
		{"boundary does not allow", policy.Set{Identity: id(allowAll), Boundary: doc(t, policy.Identity, allowS3)}, "artifact:GetReport", testReport, policy.ImplicitDeny, policy.LayerBoundary},
		{"boundary alone grants nothing", policy.Set{Boundary: doc(t, policy.Identity, allowAll)}, "artifact:GetReport", testReport, policy.ImplicitDeny, policy.LayerIdentity},
		{"boundary deny", policy.Set{Identity: id(allowAll), Boundary: doc(t, policy.Identity, allowAll, denyTerminate)}, "artifact:TerminateAgreement", testCustAgreeme, policy.ExplicitDeny, ""},
		{"unknown action", policy.Set{Identity: id(allowArtifact)}, "artifact:Frobnicate", testReport, policy.Allow, ""},
		{"other service", policy.Set{Identity: id(allowArtifact)}, "s3:GetObject", "arn:aws:s3:::b/k", policy.ImplicitDeny, policy.LayerIdentity},
		{"other service allowed", policy.Set{Identity: id(allowS3, denyTerminate)}, "S3:GetObject", "arn:aws:s3:::b/k", policy.Allow, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := policy.Compile(tt.set)
			require.NoError(t, err)
			r := &policy.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: tt.action, Resource: tt.res}
			require.Equal(t, tt.want, e.Decide(r))
			x := e.Explain(r)
			require.Equal(t, tt.want, x.Decision)
			require.Equal(t, tt.missing, x.Missing)
		})
	}
}

func TestExplainListsEveryMatch(t *testing.T) {
	identity := []*policy.Document{
		doc(t, policy.Identity, `{"Sid":"A","Effect":"Allow","Action":"artifact:Get*","Resource":"*"}`, allowS3, allowArtifact),
		doc(t, policy.Identity, `{"Effect":"Deny","Action":"artifact:GetReport","Resource":"*"}`),
	}
	identity[0].ID = "first"
	e, err := policy.Compile(policy.Set{
		Identity: identity,
		SCPs:     [][]*policy.Document{{doc(t, policy.ServiceControl, allowAll)}, {doc(t, policy.ServiceControl, allowReports)}},
		Boundary: doc(t, policy.Identity, allowAll),
	})
	require.NoError(t, err)
	x := e.Explain(&policy.Request{Action: "artifact:GetReport", Resource: testReport})
	require.Equal(t, policy.ExplicitDeny, x.Decision)
	var names []string
	for _, m := range x.Matches {
		names = append(names, m.String())
	}
	require.Equal(t, []string{
		"policy0.Statement[0](A)", "policy0.Statement[2]", "policy1.Statement[0]",
		"scp0.Statement[0]", "level1.scp0.Statement[0]", "boundary.Statement[0]",
	}, names)
	require.Equal(t, "first", x.Matches[0].PolicyID)
	require.Len(t, x.Of(policy.LayerIdentity, policy.EffectAllow), 2)
	require.Len(t, x.Of(policy.LayerIdentity, policy.EffectDeny), 1)
	require.Equal(t, "explicitDeny\npolicy0.Statement[0](A) Allow\npolicy0.Statement[2] Allow\npolicy1.Statement[0] Deny\nscp0.Statement[0] Allow\nlevel1.scp0.Statement[0] Allow\nboundary.Statement[0] Allow", x.String())

	x = e.Explain(&policy.Request{Action: "artifact:AcceptAgreement", Resource: testAgreement})
	require.Equal(t, policy.ImplicitDeny, x.Decision)
	require.Equal(t, policy.LayerSCP, x.Missing)
	require.Contains(t, x.String(), "no statement of the scp layer allows the request")
}

func TestNilEvaluatorAndRequest(t *testing.T) {
	var e *policy.Evaluator
	require.Equal(t, policy.ImplicitDeny, e.Decide(&policy.Request{}))
	require.Equal(t, policy.ImplicitDeny, e.Explain(&policy.Request{}).Decision)
	e, err := policy.Compile(policy.Set{Root: true})
	require.NoError(t, err)
	require.Equal(t, policy.ImplicitDeny, e.Decide(nil))
	require.Equal(t, policy.LayerIdentity, e.Explain(nil).Missing)
	var zero policy.Evaluator
	require.Equal(t, policy.ImplicitDeny, zero.Decide(&policy.Request{Action: "artifact:GetReport", Resource: "*"}))
}

func TestCompileErrors(t *testing.T) {
	good := doc(t, policy.Identity, allowAll)
	scp := doc(t, policy.ServiceControl, allowAll)
	bad := &policy.Document{Statement: []policy.Statement{{Effect: "allow", Action: policy.Strings("*"), Resource: policy.Strings("*")}}}
	noAction := &policy.Document{Statement: []policy.Statement{{Effect: policy.EffectAllow, Resource: policy.Strings("*")}}}
	badOp := &policy.Document{Statement: []policy.Statement{{Effect: policy.EffectAllow, Action: policy.Strings("*"), Resource: policy.Strings("*"),
		Condition: []policy.Condition{{Operator: "StringEqualz", Key: "aws:x", Values: []string{"y"}}}}}}
	tests := []struct {
		name string
		set  policy.Set
		is   error
	}{
		{"nil identity", policy.Set{Identity: []*policy.Document{nil}}, policy.ErrInvalidSet},
		{"scp as identity", policy.Set{Identity: []*policy.Document{scp}}, policy.ErrInvalidSet},
		{"identity as scp", policy.Set{SCPs: [][]*policy.Document{{good}}}, policy.ErrInvalidSet},
		{"scp as boundary", policy.Set{Identity: []*policy.Document{good}, Boundary: scp}, policy.ErrInvalidSet},
		{"hand-built bad effect", policy.Set{Identity: []*policy.Document{bad}}, policy.ErrInvalidPolicy},
		{"hand-built no action", policy.Set{Identity: []*policy.Document{noAction}}, policy.ErrInvalidPolicy},
		{"hand-built bad operator", policy.Set{Identity: []*policy.Document{badOp}}, policy.ErrInvalidPolicy},
		{"bad scp", policy.Set{SCPs: [][]*policy.Document{{scp}, {nil}}}, policy.ErrInvalidSet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := policy.Compile(tt.set)
			require.Nil(t, e)
			require.True(t, errors.Is(err, tt.is), "%v", err)
		})
	}
}

// Compiling copies: changing a document afterwards does not change the
// Evaluator's answers.
func TestCompileCopies(t *testing.T) {
	d := doc(t, policy.Identity, allowArtifact)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{d}})
	require.NoError(t, err)
	d.Statement[0].Effect = policy.EffectDeny
	d.Statement[0].Action.Values[0] = "s3:*"
	require.Equal(t, policy.Allow, e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: testReport}))
}

// Requests on no resource ("*") are matched only by the resource "*", or
// by a NotResource that cannot exclude "*".
func TestResourceStar(t *testing.T) {
	tests := []struct {
		stmt string
		want policy.Decision
	}{
		{`{"Effect":"Allow","Action":"artifact:List*","Resource":"*"}`, policy.Allow},
		{`{"Effect":"Allow","Action":"artifact:List*","Resource":"arn:aws:artifact:*::report/*"}`, policy.ImplicitDeny},
		{`{"Effect":"Allow","Action":"artifact:List*","Resource":"arn:*"}`, policy.ImplicitDeny},
		{`{"Effect":"Allow","Action":"artifact:List*","Resource":"**"}`, policy.ImplicitDeny},
		{`{"Effect":"Allow","Action":"artifact:List*","NotResource":"arn:aws:artifact:*::report/*"}`, policy.Allow},
		{`{"Effect":"Allow","Action":"artifact:List*","NotResource":"*"}`, policy.ImplicitDeny},
	}
	for _, tt := range tests {
		e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc(t, policy.Identity, tt.stmt)}})
		require.NoError(t, err)
		require.Equal(t, tt.want, e.Decide(&policy.Request{Action: "artifact:ListReports", Resource: "*"}), tt.stmt)
	}
}

func TestResourceMatching(t *testing.T) {
	tests := []struct {
		pattern, target string
		want            bool
	}{
		{"arn:aws:artifact:*::report/*", "arn:aws:artifact:us-east-1::report/report-a:1", true},
		{"arn:aws:artifact:::report/*", "arn:aws:artifact:us-east-1::report/report-a:1", false},
		{"arn:aws:artifact:*::report/*:1", "arn:aws:artifact:us-east-1::report/report-a:1", true},
		{"arn:aws:artifact:*::report/*:1", "arn:aws:artifact:us-east-1::report/report-a:12", false},
		{"arn:aws:artifact:*::report/REPORT-A:*", "arn:aws:artifact:us-east-1::report/report-a:1", false},
		{"arn:aws:artifact:us-east-?::report/*", "arn:aws:artifact:us-east-1::report/x", true},
		{"arn:aws:artifact:*:*:*", "arn:aws:artifact::111122223333:customer-agreement/x", true},
		{"arn:*:artifact:*:*:*", "arn:aws-cn:artifact:cn-north-1::report/x:1", true},
		{"arn:aws:artifact:*:*:*agreement*", "arn:aws:artifact::111122223333:customer-agreement/x", true},
		// A wildcard in one component never spans a colon.
		{"arn:aws:artifact:*:report/*", "arn:aws:artifact:us-east-1::report/x", true},
		{"arn:aws:artifact:*::*", "arn:aws:artifact:us-east-1:111122223333:report/x", false},
		{"arn:aws:artifact:::agreement/*", "arn:aws:artifact:::agreement/agreement-x", true},
		{"arn:aws:artifact:::agreement/*", "arn:aws-cn:artifact:::agreement/agreement-x", false},
		{"arn:aws:s3:::*", "arn:aws:artifact:::agreement/agreement-x", false},
		{"arn:aws:artifact:::agreement/*", "not-an-arn", false},
		{"*", "not-an-arn", true},
		{"not-*", "not-an-arn", true},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" "+tt.target, func(t *testing.T) {
			e, err := policy.Compile(policy.Set{Identity: []*policy.Document{
				doc(t, policy.Identity, `{"Effect":"Allow","Action":"*","Resource":"`+tt.pattern+`"}`),
			}})
			require.NoError(t, err)
			got := e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: tt.target}) == policy.Allow
			require.Equal(t, tt.want, got)
		})
	}
}

// Many distinct patterns, conditions and keys: beyond the per-request memo
// and key cache the answers stay the same.
func TestLargePolicies(t *testing.T) {
	var stmts []string
	for i := range 100 {
		stmts = append(stmts, fmt.Sprintf(`{"Effect":"Allow","Action":"artifact:Get%d*","Resource":"arn:aws:artifact:*::report/r%d-*","Condition":{"StringEquals":{"aws:PrincipalTag/k%d":"v%d"}}}`, i, i, i, i))
	}
	stmts = append(stmts, `{"Effect":"Deny","Action":"artifact:GetReport","Resource":"arn:aws:artifact:*::report/r99-*","Condition":{"StringEquals":{"aws:PrincipalTag/k98":"v98"}}}`)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc(t, policy.Identity, stmts...)}})
	require.NoError(t, err)
	kv := map[string][]string{}
	for i := range 100 {
		kv[fmt.Sprintf("aws:PrincipalTag/k%d", i)] = []string{fmt.Sprintf("v%d", i)}
	}
	c := policy.NewContext(kv)
	for _, i := range []int{0, 5, 63, 64, 65, 99} {
		r := &policy.Request{Action: fmt.Sprintf("artifact:Get%dThing", i), Resource: fmt.Sprintf("arn:aws:artifact:us-east-1::report/r%d-x:1", i), Context: c}
		require.Equal(t, policy.Allow, e.Decide(r), "statement %d", i)
		require.Equal(t, policy.Allow, e.Explain(r).Decision)
		r.Context = c.With(fmt.Sprintf("aws:PrincipalTag/k%d", i), "other")
		require.Equal(t, policy.ImplicitDeny, e.Decide(r), "statement %d", i)
	}
	r := &policy.Request{Action: "artifact:GetReport", Resource: "arn:aws:artifact:us-east-1::report/r99-x:1", Context: c}
	require.Equal(t, policy.ExplicitDeny, e.Decide(r))
}

// Decide is safe for concurrent use (run with -race).
func TestConcurrentDecide(t *testing.T) {
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc(t, policy.Identity,
		`{"Effect":"Allow","Action":"artifact:Get*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`, denyTerminate)}})
	require.NoError(t, err)
	base := policy.NewContext(map[string][]string{"aws:MultiFactorAuthPresent": {"true"}})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				c := base.With("aws:PrincipalTag/n", fmt.Sprint(g, i))
				r := &policy.Request{Action: "artifact:GetReport", Resource: testReport, Context: c}
				if e.Decide(r) != policy.Allow || e.Explain(r).Decision != policy.Allow {
					t.Error("wrong decision")
					return
				}
			}
		}()
	}
	wg.Wait()
}

// Decide allocates nothing, whatever the request.
func TestDecideDoesNotAllocate(t *testing.T) {
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc(t, policy.Identity,
		`{"Effect":"Allow","Action":"artifact:Get*","Resource":"arn:aws:artifact:*::report/${aws:username}-*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"StringLike":{"aws:PrincipalTag/team":"${aws:username}*"},"DateLessThan":{"aws:CurrentTime":"2030-01-01"}}}`,
		`{"Effect":"Deny","NotAction":"artifact:Get*","Resource":"*","Condition":{"ForAnyValue:StringEqualsIgnoreCase":{"aws:TagKeys":["${aws:username}"]}}}`)},
		SCPs: [][]*policy.Document{{doc(t, policy.ServiceControl, allowAll)}}})
	require.NoError(t, err)
	c := policy.NewContext(map[string][]string{
		"aws:username": {"alice"}, "aws:SourceIp": {"10.1.2.3"}, "aws:PrincipalTag/team": {"alice-team"},
		"aws:CurrentTime": {"2026-01-01T00:00:00Z"}, "aws:TagKeys": {"a", "b"},
	})
	reqs := []*policy.Request{
		{Action: "artifact:GetReport", Resource: "arn:aws:artifact:us-east-1::report/alice-1:1", Context: c},
		{Action: "artifact:AcceptAgreement", Resource: testAgreement, Context: c},
		{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: c},
	}
	for _, r := range reqs {
		allocs := testing.AllocsPerRun(100, func() { e.Decide(r) })
		require.Zero(t, allocs, r.Action)
	}
	// A request built at the call site stays on the stack.
	allocs := testing.AllocsPerRun(100, func() {
		e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: "arn:aws:artifact:us-east-1::report/alice-1:1", Context: c})
	})
	require.Zero(t, allocs)
}

// Statements that repeat another's effect, resource and conditions are
// tested once by Decide, but Explain still lists each of them; statements
// that differ in any of these are not merged.
func TestRepeatedStatements(t *testing.T) {
	d := doc(t, policy.Identity,
		`{"Sid":"A","Effect":"Allow","Action":"artifact:Get*","Resource":"arn:aws:artifact:*::report/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`,
		`{"Sid":"B","Effect":"Allow","Action":"artifact:GetReport","Resource":"arn:aws:artifact:*::report/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`,
		`{"Sid":"C","Effect":"Allow","Action":"artifact:GetReport","NotResource":"arn:aws:artifact:*::report/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`,
		`{"Sid":"D","Effect":"Deny","Action":"artifact:GetReport","Resource":"arn:aws:artifact:*::report/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`,
		`{"Sid":"E","Effect":"Deny","Action":"artifact:*","Resource":"arn:aws:artifact:*::report/*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`,
		`{"Sid":"F","Effect":"Allow","Action":"artifact:GetReport","Resource":["arn:aws:artifact:*::report/*","arn:aws:artifact:*::report/*"],"Condition":{"Bool":{"aws:MultiFactorAuthPresent":["true"]}}}`,
	)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{d}})
	require.NoError(t, err)
	tests := []struct {
		name    string
		action  string
		res     string
		kv      map[string][]string
		want    policy.Decision
		matches []string
	}{
		{"all allows", "artifact:GetReport", testReport, ctx("aws:MultiFactorAuthPresent", "true", "aws:RequestedRegion", "us-east-1"), policy.Allow,
			[]string{"policy0.Statement[0](A)", "policy0.Statement[1](B)", "policy0.Statement[5](F)"}},
		{"both denies", "artifact:GetReport", testReport, ctx("aws:MultiFactorAuthPresent", "true", "aws:RequestedRegion", "eu-west-1"), policy.ExplicitDeny,
			[]string{"policy0.Statement[0](A)", "policy0.Statement[1](B)", "policy0.Statement[3](D)", "policy0.Statement[4](E)", "policy0.Statement[5](F)"}},
		{"no mfa", "artifact:GetReport", testReport, ctx("aws:MultiFactorAuthPresent", "false", "aws:RequestedRegion", "eu-west-1"), policy.ImplicitDeny, nil},
		{"not resource", "artifact:GetReport", testAgreement, ctx("aws:MultiFactorAuthPresent", "true", "aws:RequestedRegion", "eu-west-1"), policy.Allow,
			[]string{"policy0.Statement[2](C)"}},
		{"other action", "artifact:GetReportMetadata", testReport, ctx("aws:MultiFactorAuthPresent", "true", "aws:RequestedRegion", "eu-west-1"), policy.ExplicitDeny,
			[]string{"policy0.Statement[0](A)", "policy0.Statement[4](E)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &policy.Request{Action: tt.action, Resource: tt.res, Context: policy.NewContext(tt.kv)}
			require.Equal(t, tt.want, e.Decide(r))
			x := e.Explain(r)
			require.Equal(t, tt.want, x.Decision)
			var names []string
			for _, m := range x.Matches {
				names = append(names, m.String())
			}
			require.Equal(t, tt.matches, names)
		})
	}
}

// Many statements with conditions on the same few keys, as in workload
// W4: the conditions on a key are decided together when it is first looked
// up, whatever the order in which the statements need them.
func TestConditionsOnSharedKeys(t *testing.T) {
	stmt := func(effect, cond string) string {
		return `{"Effect":"` + effect + `","Action":"artifact:GetReport","Resource":"arn:aws:artifact:*::report/*","Condition":` + cond + `}`
	}
	d := doc(t, policy.Identity,
		stmt("Allow", `{"Bool":{"aws:MultiFactorAuthPresent":"true"},"IpAddress":{"aws:SourceIp":["10.0.0.0/16","2001:db8::/32"]}}`),
		stmt("Allow", `{"IpAddress":{"aws:SourceIp":"198.51.100.0/24"},"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}`),
		stmt("Deny", `{"Bool":{"aws:MultiFactorAuthPresent":"false"},"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`),
		stmt("Deny", `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","198.51.100.0/24","203.0.113.0/24","2001:db8::/32"]}}`),
		stmt("Allow", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"},"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`),
		stmt("Allow", `{"ForAnyValue:IpAddress":{"aws:SourceIp":"10.9.0.0/16"}}`),
	)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{d}})
	require.NoError(t, err)
	tests := []struct {
		name string
		kv   map[string][]string
		want policy.Decision
	}{
		{"last allow", ctx("aws:MultiFactorAuthPresent", "true", "aws:RequestedRegion", "us-east-1", "aws:SourceIp", "203.0.113.10"), policy.Allow},
		{"first allow", ctx("aws:MultiFactorAuthPresent", "true", "aws:SourceIp", "10.0.3.4"), policy.Allow},
		{"first allow ipv6", ctx("aws:MultiFactorAuthPresent", "true", "aws:SourceIp", "2001:db8::7"), policy.Allow},
		{"second allow", ctx("aws:MultiFactorAuthPresent", "false", "aws:RequestedRegion", "eu-west-1", "aws:SourceIp", "198.51.100.1"), policy.Allow},
		{"deny without mfa", ctx("aws:MultiFactorAuthPresent", "false", "aws:RequestedRegion", "us-east-1", "aws:SourceIp", "10.0.0.1"), policy.ExplicitDeny},
		{"deny other network", ctx("aws:MultiFactorAuthPresent", "true", "aws:SourceIp", "192.0.2.1"), policy.ExplicitDeny},
		{"deny other ipv6 network", ctx("aws:MultiFactorAuthPresent", "true", "aws:SourceIp", "2001:db9::1"), policy.ExplicitDeny},
		{"mfa absent", ctx("aws:SourceIp", "203.0.113.10"), policy.Allow},
		{"mfa not a boolean", ctx("aws:MultiFactorAuthPresent", "yes", "aws:SourceIp", "203.0.113.10"), policy.ImplicitDeny},
		{"address absent", ctx("aws:MultiFactorAuthPresent", "true"), policy.ExplicitDeny},
		{"not an address", ctx("aws:MultiFactorAuthPresent", "true", "aws:SourceIp", "here"), policy.ExplicitDeny},
		{"wrong network", ctx("aws:MultiFactorAuthPresent", "true", "aws:SourceIp", "10.1.0.1"), policy.ImplicitDeny},
		{"several addresses", map[string][]string{"aws:SourceIp": {"10.1.0.1", "10.9.0.1"}}, policy.Allow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &policy.Request{Action: "artifact:GetReport", Resource: testReport, Context: policy.NewContext(tt.kv)}
			require.Equal(t, tt.want, e.Decide(r))
			require.Equal(t, tt.want, e.Explain(r).Decision)
		})
	}
}
