package policy_test

import (
	"errors"
	"fmt"

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
	ctx := policy.NewContext(map[string][]string{"aws:MultiFactorAuthPresent": {"true"}})
	report := aws.ReportARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789", Version: 3}.String()

	// The service adds the report's series to the caller's context.
	get := &policy.Request{Action: "artifact:GetReport", Resource: report, Context: ctx.With("artifact:ReportSeries", "SOC")}
	fmt.Println(e.Decide(get))

	pci := &policy.Request{Action: "artifact:GetReport", Resource: report, Context: ctx.With("artifact:ReportSeries", "PCI")}
	fmt.Println(e.Decide(pci))

	list := &policy.Request{Action: "artifact:ListReports", Resource: "*"}
	fmt.Println(e.Decide(list))
	// Output:
	// allowed
	// implicitDeny
	// allowed
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
