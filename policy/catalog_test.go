package policy_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/policy"
)

func TestActionsCatalog(t *testing.T) {
	all := policy.Actions()
	require.Len(t, all, 26)
	current := 0
	for _, a := range all {
		require.True(t, strings.HasPrefix(a.Name, "artifact:"), a.Name)
		require.True(t, a.AccessLevel.IsValid(), a.Name)
		for _, rt := range a.ResourceTypes {
			require.True(t, rt.IsValid(), a.Name)
		}
		if !a.Legacy {
			current++
		}
		got, ok := policy.LookupAction(strings.ToUpper(a.Name))
		require.True(t, ok, a.Name)
		require.Empty(t, cmp.Diff(a, got))
	}
	require.Equal(t, 24, current)

	_, ok := policy.LookupAction("artifact:GetReports")
	require.False(t, ok)
	_, ok = policy.LookupAction("s3:GetObject")
	require.False(t, ok)
	_, ok = policy.LookupAction("")
	require.False(t, ok)
}

func TestActionsAreCopies(t *testing.T) {
	a := policy.Actions()
	a[8].ConditionKeys[0] = "mutated"
	a[8].ResourceTypes[0] = "mutated"
	b, _ := policy.LookupAction(a[8].Name)
	require.Equal(t, "artifact:ReportCategory", b.ConditionKeys[0])
	require.Equal(t, policy.TypeReport, b.ResourceTypes[0])
}

func TestActionsTable(t *testing.T) {
	tests := []struct {
		name     string
		level    policy.AccessLevel
		types    []policy.ResourceType
		required bool
	}{
		{"artifact:AcceptAgreement", policy.AccessWrite, []policy.ResourceType{policy.TypeAgreement}, true},
		{"artifact:GetCustomerAgreement", policy.AccessRead, []policy.ResourceType{policy.TypeCustomerAgreement}, true},
		{"artifact:ListReports", policy.AccessList, nil, false},
		{"artifact:GetAccountSettings", policy.AccessRead, nil, false},
		{"artifact:PutAccountSettings", policy.AccessWrite, nil, false},
		{"artifact:TagResource", policy.AccessTaggingWrite, []policy.ResourceType{policy.TypeComplianceInquiry}, true},
		{"artifact:ListComplianceInquiryQueries", policy.AccessList, []policy.ResourceType{policy.TypeComplianceInquiry}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := policy.LookupAction(tt.name)
			require.True(t, ok)
			require.Equal(t, tt.level, a.AccessLevel)
			require.Empty(t, cmp.Diff(tt.types, a.ResourceTypes))
			require.Equal(t, tt.required, a.ResourceRequired)
		})
	}
}

// G6: the legacy actions artifact:Get (report packages) and
// artifact:DownloadAgreement (agreements, accepted or not) stay in the
// catalog, marked Legacy, next to the fine-grained actions.
func TestG6_LegacyActionsInCatalog(t *testing.T) {
	get, ok := policy.LookupAction("artifact:Get")
	require.True(t, ok)
	require.True(t, get.Legacy)
	require.Equal(t, policy.AccessRead, get.AccessLevel)
	require.Equal(t, []policy.ResourceType{policy.TypeReportPackage}, get.ResourceTypes)
	require.True(t, get.ResourceRequired)

	dl, ok := policy.LookupAction("artifact:downloadagreement")
	require.True(t, ok)
	require.True(t, dl.Legacy)
	require.Equal(t, []policy.ResourceType{policy.TypeAgreement, policy.TypeCustomerAgreement}, dl.ResourceTypes)
	require.False(t, dl.ResourceRequired)

	for _, a := range policy.Actions() {
		require.Equal(t, a.Name == "artifact:Get" || a.Name == "artifact:DownloadAgreement", a.Legacy, a.Name)
	}
}

// G6: a legacy policy (artifact:Get on report packages) is still evaluated
// as written, and the validator flags the deprecated actions.
func TestG6_LegacyPolicyEvaluatesAndIsFlagged(t *testing.T) {
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"artifact:Get","Resource":"arn:aws:artifact:::report-package/Certifications and Attestations/SOC/*"},
	  {"Effect":"Allow","Action":"artifact:DownloadAgreement","Resource":"*"}]}`), policy.Identity)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	require.NoError(t, err)
	pkg, err := aws.NewReportPackageARN("aws", "Certifications and Attestations", "SOC", "AWS SOC 2 Report")
	require.NoError(t, err)
	require.Equal(t, policy.Allow, e.Decide(&policy.Request{Action: "artifact:Get", Resource: pkg.String()}))
	pci, _ := aws.NewReportPackageARN("aws", "Certifications and Attestations", "PCI", "AWS PCI DSS")
	require.Equal(t, policy.ImplicitDeny, e.Decide(&policy.Request{Action: "artifact:Get", Resource: pci.String()}))
	// The legacy action does not grant the fine-grained one.
	report := aws.ReportARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789", Version: 1}.String()
	require.Equal(t, policy.ImplicitDeny, e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: report}))

	var codes []string
	for _, f := range policy.Validate(doc) {
		codes = append(codes, f.Code+" "+f.Path)
	}
	require.Equal(t, []string{
		"LEGACY_ACTION Statement[0].Action",
		"LEGACY_ACTION Statement[1].Action",
	}, codes)
}

// G7: the report condition keys artifact:ReportSeries and
// artifact:ReportCategory exist only for actions on a report resource;
// ListReports and ListReportVersions have none.
func TestG7_ReportConditionKeysOnlyOnReportActions(t *testing.T) {
	for _, a := range policy.Actions() {
		onReport := len(a.ResourceTypes) == 1 && a.ResourceTypes[0] == policy.TypeReport
		for _, key := range []string{"artifact:ReportSeries", "artifact:ReportCategory", "ARTIFACT:reportseries"} {
			require.Equal(t, onReport, a.SupportsConditionKey(key), "%s %s", a.Name, key)
		}
	}
	list, _ := policy.LookupAction("artifact:ListReports")
	require.False(t, list.SupportsConditionKey("artifact:ReportSeries"))
	require.True(t, list.SupportsConditionKey("aws:SourceIp"))
	require.False(t, list.SupportsConditionKey("aws:ResourceTag/team"))
	tag, _ := policy.LookupAction("artifact:TagResource")
	require.True(t, tag.SupportsConditionKey("aws:RequestTag/team"))
	require.True(t, tag.SupportsConditionKey("aws:ResourceTag/Team"))
	require.True(t, tag.SupportsConditionKey("aws:TagKeys"))
	require.False(t, tag.SupportsConditionKey("aws:ResourceTag/"))
	untag, _ := policy.LookupAction("artifact:UntagResource")
	require.False(t, untag.SupportsConditionKey("aws:RequestTag/team"))
}

// G7: a StringEquals on artifact:ReportSeries never grants ListReports,
// whose requests have no such key (RULES.md G7), and the validator
// says so.
func TestG7_ReportSeriesConditionDoesNotGrantListReports(t *testing.T) {
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":["artifact:ListReports","artifact:GetReport"],"Resource":"*",
	   "Condition":{"StringEquals":{"artifact:ReportSeries":["SOC","PCI","ISO"],
	                                "artifact:ReportCategory":"Certifications and Attestations"}}}]}`), policy.Identity)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	require.NoError(t, err)
	require.Equal(t, policy.ImplicitDeny, e.Decide(&policy.Request{Action: "artifact:ListReports", Resource: "*"}))
	report := aws.ReportARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789", Version: 1}.String()
	ctx := policy.NewContext(map[string][]string{
		"artifact:ReportSeries":   {"SOC"},
		"artifact:ReportCategory": {"Certifications and Attestations"},
	})
	require.Equal(t, policy.Allow, e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: report, Context: ctx}))

	var got []string
	for _, f := range policy.Validate(doc) {
		got = append(got, f.Code+" "+f.Path)
	}
	require.Equal(t, []string{
		"UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.artifact:ReportSeries",
		"UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.artifact:ReportCategory",
	}, got)
}

func TestEnumText(t *testing.T) {
	type textEnum interface {
		MarshalText() ([]byte, error)
	}
	good := []struct {
		v    textEnum
		text string
	}{
		{policy.Identity, "identity"},
		{policy.ServiceControl, "service-control"},
		{policy.Resource, "resource"},
		{policy.Allow, "allowed"},
		{policy.ExplicitDeny, "explicitDeny"},
		{policy.ImplicitDeny, "implicitDeny"},
		{policy.EffectAllow, "Allow"},
		{policy.EffectDeny, "Deny"},
		{policy.LayerSCP, "scp"},
		{policy.AccessTaggingWrite, "Tagging, Write"},
		{policy.TypeCustomerAgreement, "customer-agreement"},
		{policy.SeverityWarning, "WARNING"},
	}
	for _, g := range good {
		b, err := g.v.MarshalText()
		require.NoError(t, err)
		require.Equal(t, g.text, string(b))
	}
	bad := []textEnum{policy.Kind(7), policy.Decision(-1), policy.Effect("allow"), policy.Layer("x"),
		policy.AccessLevel("read"), policy.ResourceType("term"), policy.Severity("INFO")}
	for _, v := range bad {
		_, err := v.MarshalText()
		require.Error(t, err, "%v", v)
	}

	var k policy.Kind
	require.NoError(t, k.UnmarshalText([]byte("service-control")))
	require.Equal(t, policy.ServiceControl, k)
	require.Error(t, k.UnmarshalText([]byte("scp")))
	require.Equal(t, "Kind(9)", policy.Kind(9).String())
	var d policy.Decision
	require.NoError(t, d.UnmarshalText([]byte("explicitDeny")))
	require.Equal(t, policy.ExplicitDeny, d)
	require.Error(t, d.UnmarshalText([]byte("deny")))
	require.Equal(t, "Decision(5)", policy.Decision(5).String())
	var e policy.Effect
	require.NoError(t, e.UnmarshalText([]byte("Deny")))
	require.Error(t, e.UnmarshalText([]byte("DENY")))
	var l policy.Layer
	require.NoError(t, l.UnmarshalText([]byte("boundary")))
	require.Error(t, l.UnmarshalText([]byte("Boundary")))
	var a policy.AccessLevel
	require.NoError(t, a.UnmarshalText([]byte("List")))
	require.Error(t, a.UnmarshalText([]byte("list")))
	var rt policy.ResourceType
	require.NoError(t, rt.UnmarshalText([]byte("report-package")))
	require.Error(t, rt.UnmarshalText([]byte("term")))
	var s policy.Severity
	require.NoError(t, s.UnmarshalText([]byte("ERROR")))
	require.Error(t, s.UnmarshalText([]byte("error")))
}
