package policy_test

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/policy"
)

// An auditor may read SOC reports, with MFA, but never terminate
// agreements.
const auditorPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadSOC", "Effect": "Allow",
     "Action": ["artifact:GetReport", "artifact:GetReportMetadata", "artifact:GetTermForReport"],
     "Resource": "arn:aws:artifact:*::report/*",
     "Condition": {"StringEquals": {"artifact:ReportSeries": "SOC"},
                   "Bool": {"aws:MultiFactorAuthPresent": "true"}}},
    {"Sid": "List", "Effect": "Allow", "Action": "artifact:List*", "Resource": "*"},
    {"Sid": "NoTerminate", "Effect": "Deny", "Action": "artifact:TerminateAgreement", "Resource": "*"}
  ]
}`

func Example() {
	doc, err := policy.Parse([]byte(auditorPolicy), policy.Identity)
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	if err != nil {
		fmt.Println(err)
		return
	}
	report := aws.ReportARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789", Version: 3}.String()

	// Each request carries its condition keys; the service adds the
	// report's series.
	for _, series := range []string{"SOC", "PCI"} {
		get := policy.Request{Action: "artifact:GetReport", Resource: report, Context: policy.ContextOf(
			policy.NewPair("aws:MultiFactorAuthPresent", "true"),
			policy.NewPair("artifact:ReportSeries", series),
		)}
		fmt.Println(e.Decide(&get))
	}

	list := policy.Request{Action: "artifact:ListReports", Resource: "*"}
	fmt.Println(e.Decide(&list))
	// Output:
	// allowed
	// implicitDeny
	// allowed
}

// A service decides each request: it finds the caller's Evaluator, builds
// the request's context from its condition keys, decides, and explains
// only a denial. Written so, the context costs a small multiple of the
// decision and nothing is allocated.
func ExampleContextOf() {
	e, _ := policy.Compile(policy.Set{Identity: []*policy.Document{policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Sid":"FromTheOffice","Effect":"Allow","Action":"artifact:GetReport","Resource":"*",
	   "Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"Bool":{"aws:SecureTransport":"true"}}}]}`), policy.Identity)}})
	evaluators := map[string]*policy.Evaluator{"arn:aws:iam::111122223333:user/alice": e}

	var times policy.TimeKeys // shared by every request
	decide := func(principal, clientIP string, tls bool, now time.Time) {
		current, epoch := times.At(now)
		req := policy.Request{
			Principal: principal,
			Action:    "artifact:GetReport",
			Resource:  "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1",
			Context: policy.ContextOf(
				policy.NewPair("aws:SourceIp", clientIP),
				policy.NewPair("aws:SecureTransport", strconv.FormatBool(tls)),
				current, epoch,
			),
		}
		eval := evaluators[principal] // nil, an implicit deny, for a stranger
		if eval.Decide(&req) == policy.Allow {
			fmt.Println("allowed")
			return
		}
		fmt.Println(eval.Explain(&req))
	}
	now := time.Date(2026, 12, 6, 21, 7, 41, 0, time.UTC)
	decide("arn:aws:iam::111122223333:user/alice", "203.0.113.7", true, now)
	decide("arn:aws:iam::111122223333:user/alice", "198.51.100.7", true, now)
	decide("arn:aws:iam::111122223333:user/mallory", "203.0.113.7", true, now)
	// Output:
	// allowed
	// implicitDeny (no statement of the identity layer allows the request)
	// implicitDeny (no statement of the identity layer allows the request)
}

// A caller's own keys make a base context, built once and shared by its
// requests: each request holds only its own keys, and the Base the rest.
func ExampleRequest_base() {
	e, _ := policy.Compile(policy.Set{Identity: []*policy.Document{policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"artifact:GetReport","Resource":"*",
	   "Condition":{"StringEquals":{"aws:PrincipalTag/team":"grc"},"Bool":{"aws:SecureTransport":"true"}}}]}`), policy.Identity)}})
	caller := policy.ContextOf(
		policy.SharedPair("aws:PrincipalArn", "arn:aws:iam::111122223333:role/auditor"),
		policy.SharedPair("aws:PrincipalTag/team", "grc"),
	)
	for _, tls := range []string{"true", "false"} {
		req := policy.Request{
			Action:   "artifact:GetReport",
			Resource: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1",
			Base:     &caller,
			Context:  policy.ContextOf(policy.NewPair("aws:SecureTransport", tls)),
		}
		fmt.Println(e.Decide(&req))
	}
	// Output:
	// allowed
	// implicitDeny
}

// Extend copies a context with keys added, leaving it as it was.
func ExampleContext_Extend() {
	caller := policy.ContextOf(
		policy.NewPair("aws:PrincipalArn", "arn:aws:iam::111122223333:role/auditor"),
		policy.NewPair("aws:PrincipalTag/team", "grc"),
	)
	req := caller.Extend(
		policy.NewPair("aws:SourceIp", "203.0.113.7"),
		policy.NewPair("aws:SecureTransport", "true"),
	)
	fmt.Println(caller.Keys())
	fmt.Println(req.Keys())
	// Output:
	// [aws:PrincipalArn aws:PrincipalTag/team]
	// [aws:PrincipalArn aws:PrincipalTag/team aws:SecureTransport aws:SourceIp]
}

func ExampleTimeKeys() {
	var times policy.TimeKeys
	current, epoch := times.At(time.Date(2026, 12, 6, 21, 7, 41, 500_000_000, time.UTC))
	fmt.Println(current.Key(), current.Value())
	fmt.Println(epoch.Key(), epoch.Value())
	// Output:
	// aws:CurrentTime 2026-12-06T21:07:41Z
	// aws:EpochTime 1796591261
}

// A principal of the organization's management account is not limited by
// SCPs: its evaluator derives from the compiled one.
func ExampleEvaluator_ExemptFromSCPs() {
	identity := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"artifact:*","Resource":"*"}}`), policy.Identity)
	scp := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"*","Resource":"*"},
	  {"Effect":"Deny","Action":"artifact:AcceptAgreement","Resource":"*"}]}`), policy.ServiceControl)
	e, _ := policy.Compile(policy.Set{Identity: []*policy.Document{identity}, SCPs: [][]*policy.Document{{scp}}})
	accept := policy.Request{Action: "artifact:AcceptAgreement", Resource: "arn:aws:artifact:::agreement/agreement-abcdef0123456789"}
	fmt.Println(e.Decide(&accept), e.ExemptFromSCPs().Decide(&accept))
	// Output:
	// explicitDeny allowed
}

func ExampleParse() {
	_, err := policy.Parse([]byte(`{
	  "Version": "2012-10-17",
	  "Statement": [
	    {"Effect": "Allow", "Action": "artifact:GetReport", "Resource": "*"},
	    {"Effect": "Allow", "Action": "artifact:GetReport", "Resource": "*",
	     "Condition": {"StringEqualz": {"aws:RequestedRegion": "us-east-1"}}}
	  ]}`), policy.Identity)
	var pe *policy.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Path)
		fmt.Println(errors.Is(err, policy.ErrInvalidPolicy))
	}
	// Output:
	// Statement[1].Condition.StringEqualz
	// true
}

func ExampleDocument_MarshalJSON() {
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["artifact:GetReport"],"Resource":"*"}}`), policy.Identity)
	out, _ := doc.MarshalJSON()
	fmt.Println(string(out))
	// Output:
	// {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["artifact:GetReport"],"Resource":"*"}}
}

func ExampleEvaluator_Explain() {
	identity := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Sid":"All","Effect":"Allow","Action":"artifact:*","Resource":"*"}]}`), policy.Identity)
	scp := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"*","Resource":"*"},
	  {"Effect":"Deny","Action":"artifact:TerminateAgreement","Resource":"*"}]}`), policy.ServiceControl)
	e, _ := policy.Compile(policy.Set{
		Identity: []*policy.Document{identity},
		SCPs:     [][]*policy.Document{{scp}},
	})
	x := e.Explain(&policy.Request{
		Action:   "artifact:TerminateAgreement",
		Resource: "arn:aws:artifact::111122223333:customer-agreement/customer-agreement-abcdef0123456789",
	})
	fmt.Println(x)
	// Output:
	// explicitDeny
	// policy0.Statement[0](All) Allow
	// scp0.Statement[0] Allow
	// scp0.Statement[1] Deny
}

func ExampleValidate() {
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":["artifact:GetReports","artifact:ListReports"],"Resource":"*",
	   "Condition":{"StringEquals":{"artifact:ReportSeries":"SOC"}}}]}`), policy.Identity)
	for _, f := range policy.Validate(doc) {
		fmt.Println(f.Code, f.Path)
	}
	// Output:
	// UNKNOWN_ACTION Statement[0].Action[0]
	// UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.artifact:ReportSeries
}

func ExampleLookupAction() {
	a, ok := policy.LookupAction("ARTIFACT:getreport")
	fmt.Println(ok, a.Name, a.AccessLevel, a.ResourceTypes, a.ConditionKeys)
	legacy, _ := policy.LookupAction("artifact:DownloadAgreement")
	fmt.Println(legacy.Legacy)
	// Output:
	// true artifact:GetReport Read [report] [artifact:ReportCategory artifact:ReportSeries]
	// true
}

func ExampleContext_With() {
	base := policy.NewContext(map[string][]string{"aws:SourceIp": {"203.0.113.7"}})
	req := base.With("artifact:ReportCategory", "Certifications and Attestations")
	fmt.Println(base.Keys(), req.Keys())
	// Output:
	// [aws:SourceIp] [artifact:ReportCategory aws:SourceIp]
}

// A service that adds keys only some policies test (a resource's tags)
// asks which keys the compiled policies refer to.
func ExampleEvaluator_ConditionKeys() {
	p := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"artifact:GetComplianceInquiryMetadata",
	  "Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}}`), policy.Identity)
	e, _ := policy.Compile(policy.Set{Identity: []*policy.Document{p}})
	fmt.Println(e.ConditionKeys())
	// Output:
	// [aws:principaltag/team aws:resourcetag/team]
}
