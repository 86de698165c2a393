package inquiry_test

import (
	"context"
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
	"github.com/artifactkit/artifactkit/report"
	reportmem "github.com/artifactkit/artifactkit/report/memstore"
)

// The catalogs of the package answer as sources.
var (
	_ inquiry.ReportSource       = (*report.Catalog)(nil)
	_ inquiry.AgreementSource    = (*agreement.Registry)(nil)
	_ inquiry.OrganizationSource = (*org.Directory)(nil)
)

// Which agreements an account can accept depends on where it stands in
// its organization: organization scope is the management account's, with
// all features and Artifact's trusted access (A2, A4, A5, A6).
func TestKnowledgeAnswererOrganizationScope(t *testing.T) {
	ctx := context.Background()
	dir := org.NewDirectory(orgmem.New(), org.WithClock(func() time.Time { return start }))
	const mgmt, member, loner, billing = "999988887777", "111122223333", "555566667777", "222233334444"
	_, err := dir.Create(ctx, "o-healthcare01", mgmt, org.AllFeatures)
	require.NoError(t, err)
	_, err = dir.Join(ctx, member, "o-healthcare01")
	require.NoError(t, err)
	_, err = dir.Create(ctx, "o-billingonly1", billing, org.ConsolidatedBilling)
	require.NoError(t, err)
	ans := inquiry.NewKnowledgeAnswerer(inquiry.Knowledge{Agreements: agreements{}, Organizations: dir})
	ask := func(acct aws.AccountID) string {
		out, err := ans.Answer(ctx, inquiry.Batch{Account: acct, At: start, Questions: []inquiry.Question{{Identifier: 1, Text: "Which agreements can we accept?"}}})
		require.NoError(t, err)
		return out[0].Response
	}
	require.Contains(t, ask(member), "AWS Business Associate Addendum: accepted at account scope; not at organization scope: only the management account of the organization accepts for it.")
	require.Contains(t, ask(loner), "AWS Business Associate Addendum: can be accepted at account scope; not at organization scope: the account is in no organization.")
	require.Contains(t, ask(billing), "not at organization scope: the organization must be enabled for all features.")
	require.Contains(t, ask(mgmt), "not at organization scope: the organization must enable AWS Artifact's trusted access.")
	_, err = dir.EnableTrustedAccess(ctx, "o-healthcare01", org.ArtifactServicePrincipal)
	require.NoError(t, err)
	require.Contains(t, ask(mgmt), "AWS Business Associate Addendum: can be accepted at account and organization scope.")
	require.NotContains(t, ask(mgmt), "management account.")
}

// catalog returns a report catalog of a SOC 2, an ISO 27001 and a PCI DSS
// report (the SOC 2 at two versions).
func catalog(t testing.TB) *report.Catalog {
	t.Helper()
	ctx := context.Background()
	cat, err := report.New(reportmem.New(), report.WithClock(func() time.Time { return start }))
	require.NoError(t, err)
	put := func(r report.Report) {
		t.Helper()
		r.Document = report.Document{SHA256: sha256.Sum256([]byte(r.Name)), Size: 1}
		r.Category, r.AcceptanceType, r.PublishedAt = "Certifications and Attestations", report.Explicit, start.Add(-time.Hour)
		_, err := cat.Put(ctx, r)
		require.NoError(t, err)
	}
	put(report.Report{ID: "report-soc2000000000001", Version: 1, Name: "SOC 2 Type 2 Report (Oct 2023 - Sep 2024)", Series: "SOC", Family: "SOC 2",
		PeriodStart: report.D(2023, 10, 1), PeriodEnd: report.D(2024, 9, 30),
		TrustCategories: []report.TrustCategory{report.Security, report.Availability},
		Scope:           report.MustScope([]string{"Amazon S3"}, []string{"us-east-1"})})
	put(report.Report{ID: "report-soc2000000000001", Version: 2, Name: "SOC 2 Type 2 Report (Oct 2024 - Sep 2025)", Series: "SOC", Family: "SOC 2",
		PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30),
		TrustCategories: []report.TrustCategory{report.Security, report.Availability, report.Confidentiality},
		Scope:           report.MustScope([]string{"Amazon S3", "Amazon EC2", "AWS Lambda"}, []string{"us-east-1", "eu-west-1"})})
	put(report.Report{ID: "report-iso2700100000001", Version: 1, Name: "ISO/IEC 27001:2022 Certificate", Series: "ISO", Family: "ISO 27001",
		PeriodStart: report.D(2024, 12, 1), PeriodEnd: report.D(2025, 11, 30),
		Scope: report.MustScope([]string{"Amazon S3"}, []string{"us-east-1"})})
	put(report.Report{ID: "report-pcidss0000000001", Version: 1, Name: "PCI DSS Attestation of Compliance", Series: "PCI", Family: "PCI DSS",
		PeriodStart: report.D(2024, 9, 1), PeriodEnd: report.D(2025, 8, 31)})
	return cat
}

// agreements is an AgreementSource with a BAA (accepted by account at
// account scope) and an account-only custom agreement.
type agreements struct{}

func (agreements) List(context.Context, agreement.Page) ([]agreement.Agreement, string, error) {
	both := []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}
	return []agreement.Agreement{
		{ID: "agreement-acctonly00000001", ARN: "arn:aws:artifact:::agreement/agreement-acctonly00000001", Name: "Custom Data Processing Agreement",
			Kind: agreement.KindCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}},
		{ID: "agreement-baa0000000000001", ARN: "arn:aws:artifact:::agreement/agreement-baa0000000000001", Name: "AWS Business Associate Addendum",
			Description: "The addendum that makes accounts HIPAA Accounts.", Kind: agreement.KindBAA, Subjects: both},
	}, "", nil
}

func (agreements) Lookup(_ context.Context, acct aws.AccountID, id agreement.ID, scope agreement.Scope) (agreement.CustomerAgreement, error) {
	if acct == account && id == "agreement-baa0000000000001" && scope == agreement.ScopeAccount {
		return agreement.CustomerAgreement{State: agreement.Active}, nil
	}
	return agreement.CustomerAgreement{}, agreement.ErrCustomerAgreementNotFound
}

func knowledge(t testing.TB) inquiry.Answerer {
	return inquiry.NewKnowledgeAnswerer(inquiry.Knowledge{Reports: catalog(t), Agreements: agreements{}, HIPAAEligible: report.DefaultHIPAAEligible()})
}

func TestKnowledgeAnswerer(t *testing.T) {
	ans := knowledge(t)
	soc2v2 := "arn:aws:artifact:us-east-1::report/report-soc2000000000001:2"
	iso := "arn:aws:artifact:us-east-1::report/report-iso2700100000001:1"
	pci := "arn:aws:artifact:us-east-1::report/report-pcidss0000000001:1"
	baa := "arn:aws:artifact:::agreement/agreement-baa0000000000001"
	custom := "arn:aws:artifact:::agreement/agreement-acctonly00000001"
	cases := []struct {
		q         string
		contains  []string
		citations []string // links, in order
	}{
		{"Do you have a SOC 2 Type II report?", []string{"Yes: SOC 2 Type 2 Report (Oct 2024 - Sep 2025) (report-soc2000000000001, version 2) covers 2024-10-01 to 2025-09-30."}, []string{soc2v2}},
		{"Please provide your SOC2 report", []string{"version 2"}, []string{soc2v2}},
		{"Are you ISO/IEC 27001 certified?", []string{"ISO/IEC 27001:2022 Certificate", "version 1"}, []string{iso}},
		{"Are you PCI compliant?", []string{"PCI DSS Attestation of Compliance"}, []string{pci}},
		{"Which SOC reports do you have?", []string{"SOC 2 Type 2"}, []string{soc2v2}},
		{"Does your SOC 2 cover confidentiality and processing integrity?", []string{"examines Confidentiality but not Processing Integrity"}, []string{soc2v2}},
		{"Is availability in scope of your audit?", []string{"examines Availability"}, []string{soc2v2}},
		{"Is Amazon EC2 in scope?", []string{"In scope of SOC 2 Type 2 Report (Oct 2024 - Sep 2025) (version 2): Amazon EC2.", "Not in scope of ISO/IEC 27001:2022 Certificate (version 1): Amazon EC2."}, []string{iso, soc2v2}},
		{"Is S3 in scope of your ISO 27001 certification in eu-west-1?", []string{"Not in scope of ISO/IEC 27001:2022 Certificate (version 1): Amazon S3 in eu-west-1."}, []string{iso}},
		{"Is Lambda covered in Ireland for SOC 2?", []string{"In scope of SOC 2 Type 2 Report (Oct 2024 - Sep 2025) (version 2): AWS Lambda in eu-west-1."}, []string{soc2v2}},
		{"Which reports cover us-east-1?", []string{"In scope of SOC 2", "In scope of ISO/IEC 27001:2022 Certificate (version 1): us-east-1."}, []string{iso, soc2v2}},
		{"Is Amazon S3 HIPAA eligible?", []string{"Yes: Amazon S3 is a HIPAA Eligible Service", "Your account has accepted the AWS Business Associate Addendum (account scope)"}, []string{inquiry.HIPAAReference, baa}},
		{"Can we store PHI in AWS Lambda?", []string{"No: AWS Lambda is not on the list of HIPAA Eligible Services"}, []string{inquiry.HIPAAReference, baa}},
		{"Can we keep PHI in Amazon Lightsail or AWS Elastic Beanstalk?", []string{"No: Amazon Lightsail is not on the list of HIPAA Eligible Services",
			"No: AWS Elastic Beanstalk is not on the list"}, []string{inquiry.HIPAAReference, baa}},
		{"Which services are HIPAA eligible?", []string{"16 services are HIPAA eligible: AWS KMS, AWS Snowball, Amazon API Gateway"}, []string{inquiry.HIPAAReference, baa}},
		{"Which agreements can we accept?", []string{"Custom Data Processing Agreement: can be accepted at account scope.",
			"AWS Business Associate Addendum: accepted at account scope; can also be accepted at organization scope.",
			"Organization scope is accepted by the organization's management account."}, []string{custom, baa}},
		{"Are you FedRAMP authorized?", []string{"The report catalog holds no FedRAMP report. FedRAMP is limited to us-east-1"}, nil},
		{"Do you encrypt data at rest?", []string{"None of the sources"}, nil},
		{"Is security tested?", []string{"None of the sources"}, nil},
	}
	b := inquiry.Batch{Account: account, Inquiry: "compliance-inquiry-abcdefghijklmnop"}
	for i, c := range cases {
		b.Questions = append(b.Questions, inquiry.Question{Identifier: i + 1, Text: c.q})
	}
	out, err := ans.Answer(context.Background(), b)
	require.NoError(t, err)
	require.Len(t, out, len(cases))
	for i, c := range cases {
		t.Run(c.q, func(t *testing.T) {
			a := out[i]
			for _, s := range c.contains {
				require.Contains(t, a.Response, s)
			}
			var links []string
			for _, cit := range a.Citations {
				links = append(links, cit.SourceLink)
				require.NotEmpty(t, cit.SourceLabel)
				require.NotContains(t, cit.SourceLabel, "(")
			}
			require.Equal(t, c.citations, links)
			require.LessOrEqual(t, len([]rune(a.Response)), inquiry.MaxLongString)
			require.False(t, strings.ContainsAny(a.Response, "<>"))
		})
	}
}

// The same question gets the same answer: the answerer is deterministic.
func TestKnowledgeAnswererDeterministic(t *testing.T) {
	ans := knowledge(t)
	b := inquiry.Batch{Account: account, Questions: []inquiry.Question{{Identifier: 1, Text: "Is Amazon S3 in scope in us-east-1?"}}}
	first, err := ans.Answer(context.Background(), b)
	require.NoError(t, err)
	for i := 0; i < 5; i++ {
		again, err := ans.Answer(context.Background(), b)
		require.NoError(t, err)
		require.Equal(t, first, again)
	}
}

// Long answers are cut within AWS's 2048 characters, saying how much was
// left out; with no sources the answerer knows nothing.
func TestKnowledgeAnswererLimits(t *testing.T) {
	ctx := context.Background()
	var services []string
	for i := 0; i < 300; i++ {
		services = append(services, "Amazon Service Number "+strings.Repeat("x", i%7)+string(rune('A'+i%26))+string(rune('a'+i/26)))
	}
	ans := inquiry.NewKnowledgeAnswerer(inquiry.Knowledge{HIPAAEligible: report.NewEligibility(services...)})
	out, err := ans.Answer(ctx, inquiry.Batch{Questions: []inquiry.Question{{Identifier: 1, Text: "Which services are HIPAA eligible?"}}})
	require.NoError(t, err)
	require.LessOrEqual(t, len([]rune(out[0].Response)), inquiry.MaxLongString)
	require.Contains(t, out[0].Response, "more not listed")
	require.LessOrEqual(t, len([]rune(out[0].Citations[0].SourceContent)), inquiry.MaxLongString)

	none := inquiry.NewKnowledgeAnswerer(inquiry.Knowledge{})
	out, err = none.Answer(ctx, inquiry.Batch{Questions: []inquiry.Question{{Identifier: 1, Text: "Which agreements can we accept?"}, {Identifier: 2, Text: "Do you have a SOC 2 report?"}}})
	require.NoError(t, err)
	require.Contains(t, out[0].Response, "None of the sources")
	require.Contains(t, out[1].Response, "no SOC 2 report")
}

// Every answer of the knowledge answerer is one AWS's model can carry, so
// it never fails a query.
func TestKnowledgeAnswerThroughTheAssistant(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newAssistant(t, inquiry.WithAnswerer(knowledge(t)))
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "Vendor", File: &inquiry.FileContent{Content: []byte(csvFile)}})
	require.NoError(t, err)
	got, err := a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.MsgComplete, got.StatusMessage)
	qs := allQueries(t, a, in.ID)
	require.Contains(t, qs[0].Response, "SOC 2 Type 2 Report")
	require.Equal(t, "arn:aws:artifact:us-east-1::report/report-soc2000000000001:2", qs[0].Citations[0].SourceLink)
	require.Contains(t, qs[2].Response, "Amazon S3 is a HIPAA Eligible Service")
}
