package artifact_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// exampleService returns a service with a fixed clock, one SOC 2 report and
// the BAA.
func exampleService() *artifact.Service {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	svc, _ := artifact.New(artifact.WithClock(func() time.Time { return now }))
	_, _ = svc.PublishReport(ctx, report.Report{
		ID: "report-jRVRFP8HxUN5zpPh", Name: "SOC 2 Type 2 Report", Series: "SOC", Family: "SOC 2",
		Category: "Certifications and Attestations", PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30),
		AcceptanceType: report.Explicit, PublishedAt: now.Add(-24 * time.Hour),
		Document: report.Document{SHA256: sha256.Sum256([]byte("the SOC 2 report"))},
	})
	_, _ = svc.DefineAgreement(ctx, agreement.Spec{
		ID: "agreement-baa0000000000001", Name: "AWS Business Associate Addendum", Kind: agreement.KindBAA,
		Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization},
		Revision: agreement.RevisionSpec{Document: []byte("BAA"), NDA: []byte("NDA")},
	})
	return svc
}

// An auditor with the published read-only reports policy downloads a report:
// first its terms and term token, then the document (N2).
func Example() {
	ctx := context.Background()
	svc := exampleService()
	auditor, err := artifact.NewCaller(artifact.Identity{
		Account:   "111122223333",
		Principal: "arn:aws:iam::111122223333:user/auditor",
		Policies: []*policy.Document{policy.MustParse([]byte(`{"Version": "2012-10-17", "Statement": [{
			"Effect": "Allow",
			"Action": ["artifact:ListReports", "artifact:GetReportMetadata", "artifact:GetTermForReport", "artifact:GetReport"],
			"Resource": "*"}]}`), policy.Identity)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	list, _ := svc.ListReports(ctx, auditor, artifact.ListReportsInput{})
	r := list.Reports[0]
	fmt.Println("listed:", r.Name, r.Version)

	term, _ := svc.GetTermForReport(ctx, auditor, artifact.GetTermForReportInput{ReportID: r.ID})
	got, err := svc.GetReport(ctx, auditor, artifact.GetReportInput{ReportID: r.ID, TermToken: term.TermToken})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("downloaded:", got.DocumentPresignedURL)

	_, err = svc.GetNdaForAgreement(ctx, auditor, artifact.GetNdaForAgreementInput{AgreementID: "agreement-baa0000000000001"})
	var denied *artifact.AccessDeniedException
	if errors.As(err, &denied) {
		fmt.Println(denied.Message)
	}
	// Output:
	// listed: SOC 2 Type 2 Report 1
	// downloaded: https://artifact-documents.invalid/report/report-jRVRFP8HxUN5zpPh/1
	// User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: artifact:GetNdaForAgreement on resource: arn:aws:artifact:::agreement/agreement-baa0000000000001
}

// The root user accepts the BAA through the token chain of T1: NDA, accept
// the NDA, read the agreement, accept it. The account is then a HIPAA
// Account (H1).
func ExampleService_AcceptAgreement() {
	ctx := context.Background()
	svc := exampleService()
	root, _ := artifact.NewCaller(artifact.Identity{Account: "111122223333"})
	id := agreement.ID("agreement-baa0000000000001")

	nda, _ := svc.GetNdaForAgreement(ctx, root, artifact.GetNdaForAgreementInput{AgreementID: id})
	acc, _ := svc.AcceptNdaForAgreement(ctx, root, artifact.AcceptNdaForAgreementInput{
		AgreementID: id, AgreementRevisionID: nda.AgreementRevisionID, NdaToken: nda.AcceptNdaForAgreementToken})
	view, _ := svc.GetAgreement(ctx, root, artifact.GetAgreementInput{AgreementID: id, NdaToken: acc.GetAgreementToken})
	out, err := svc.AcceptAgreement(ctx, root, artifact.AcceptAgreementInput{
		AgreementID: id, AgreementRevisionID: view.AgreementRevisionID,
		AcceptanceTermsToken: view.AcceptanceTermsToken, ExecuteAgreementToken: view.ExecuteAgreementToken,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.CustomerAgreement.Name, out.CustomerAgreement.State, out.CustomerAgreement.Scope)
	for _, e := range out.Events {
		fmt.Println(e.Kind, e.Account)
	}
	h, _ := svc.Agreements().IsHIPAA(ctx, "111122223333", svc.Now())
	fmt.Println("HIPAA Account:", h.HIPAA)
	// Output:
	// AWS Business Associate Addendum ACTIVE ACCOUNT
	// AGREEMENT_ACCEPTED 111122223333
	// COVERAGE_GAINED 111122223333
	// HIPAA Account: true
}

// Every call leaves a record in the hash-chained audit trail (G5).
func ExampleService_Audit() {
	ctx := context.Background()
	svc := exampleService()
	intern, _ := artifact.NewCaller(artifact.Identity{Account: "111122223333", Principal: "arn:aws:iam::111122223333:user/intern"})
	_, _ = svc.ListReports(ctx, intern, artifact.ListReportsInput{})

	recs, _ := svc.Audit().Query(ctx, audit.Filter{Principal: intern.Principal()})
	for _, r := range recs {
		fmt.Println(r.Seq, r.EventName, r.Action, r.Decision, r.ErrorCode)
	}
	fmt.Println("intact:", svc.Audit().Verify(ctx) == nil)
	// Output:
	// 3 ListReports artifact:ListReports Denied AccessDeniedException
	// intact: true
}
