package artifacttest_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/report"
)

// A downstream test builds the world in one call (in a test, w :=
// artifacttest.New(t)), then drives the service as the world's principals.
func Example() {
	ctx := context.Background()
	w, err := artifacttest.NewWorld(artifacttest.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println("now:", w.Clock.Now().Format(time.RFC3339))

	// The reports reader lists the reports and downloads the latest SOC 2.
	list, err := w.Service.ListReports(ctx, w.Caller(artifacttest.ReportsReader), artifact.ListReportsInput{})
	if err != nil {
		panic(err)
	}
	for _, r := range list.Reports {
		fmt.Printf("%s v%d %s\n", r.ID, r.Version, r.Name)
	}
	soc2 := w.Latest(artifacttest.FamilySOC2)
	got, err := w.DownloadReport(ctx, w.Caller(artifacttest.ReportsReader), soc2.ID, soc2.Version)
	if err != nil {
		panic(err)
	}
	fmt.Println("downloaded:", got.DocumentPresignedURL)

	// A principal without a policy is denied.
	_, err = w.Service.ListReports(ctx, w.Caller(artifacttest.NoPolicy), artifact.ListReportsInput{})
	var denied *artifact.AccessDeniedException
	fmt.Println(errors.As(err, &denied), denied.Action)
	// Output:
	// now: 2026-03-01T09:00:00Z
	// report-iso2700100000001 v2 ISO/IEC 27001:2022 Certificate (Dec 2024 - Nov 2025)
	// report-pcidss0000000001 v2 PCI DSS Attestation of Compliance (Sep 2024 - Aug 2025)
	// report-soc1000000000001 v8 SOC 1 Type 2 Report (Jan 2025 - Dec 2025)
	// report-soc2000000000001 v4 SOC 2 Type 2 Report (Oct 2024 - Sep 2025)
	// report-soc3000000000001 v4 SOC 3 Report (Oct 2024 - Sep 2025)
	// downloaded: https://artifact-documents.invalid/report/report-soc2000000000001/4
	// true artifact:ListReports
}

// The agreements admin of the management account accepts the BAA for the
// whole organization: every account in it becomes a HIPAA Account (H2).
func ExampleWorld_AcceptAgreement() {
	ctx := context.Background()
	w, err := artifacttest.NewWorld(artifacttest.Options{})
	if err != nil {
		panic(err)
	}
	out, err := w.AcceptAgreement(ctx, w.Caller(artifacttest.AgreementsAdmin), artifacttest.BAA, agreement.ScopeOrganization)
	if err != nil {
		panic(err)
	}
	fmt.Println(out.CustomerAgreement.Name, out.CustomerAgreement.Scope, out.CustomerAgreement.State)
	hipaa, err := w.Service.Agreements().HIPAAAccounts(ctx, artifacttest.OrgID, w.Clock.Now())
	if err != nil {
		panic(err)
	}
	for _, h := range hipaa {
		fmt.Println(h.Account, h.HIPAA)
	}
	// Output:
	// AWS Business Associate Addendum ORGANIZATION ACTIVE
	// 111122223333 true
	// 222233334444 true
	// 333344445555 true
	// 999988887777 true
}

// The clock moves only when told: here past the term token's lifetime, so
// the download is refused.
func ExampleClock() {
	ctx := context.Background()
	w, err := artifacttest.NewWorld(artifacttest.Options{})
	if err != nil {
		panic(err)
	}
	auditor := w.Caller(artifacttest.Auditor)
	term, err := w.Service.GetTermForReport(ctx, auditor, artifact.GetTermForReportInput{ReportID: artifacttest.SOC2ReportID})
	if err != nil {
		panic(err)
	}
	fmt.Println("token expires:", term.Expires.Format(time.RFC3339))
	w.Clock.Advance(2 * time.Hour)
	_, err = w.Service.GetReport(ctx, auditor, artifact.GetReportInput{ReportID: artifacttest.SOC2ReportID, TermToken: term.TermToken})
	fmt.Println(errors.Is(err, report.ErrInvalidToken), err)
	// Output:
	// token expires: 2026-03-01T10:00:00Z
	// true ValidationException: report: invalid term token: expired
}
