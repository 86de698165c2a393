package artifact_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// The README's "In code", which the README quotes from here: an auditor's
// role downloads the latest SOC 2 report through its terms (N2), a
// principal without the permission is denied and told which one (G4), and
// an auditor's questions go to the read-only views.
func Example_inCode() {
	ctx := context.Background()
	// A Service with two years of reports, the agreements and an
	// organization, on in-memory stores and a test clock.
	world, err := artifacttest.NewWorld(artifacttest.Options{})
	if err != nil {
		log.Fatal(err)
	}
	svc := world.Service
	soc2 := world.Latest(artifacttest.FamilySOC2)

	auditor, err := artifact.NewCaller(artifact.Identity{
		Account:   "111122223333",
		Principal: "arn:aws:iam::111122223333:role/Auditor",
		Policies:  []*policy.Document{policy.MustParse([]byte(artifacttest.ReportsReadOnlyPolicy), policy.Identity)},
		Context:   map[string][]string{"aws:MultiFactorAuthPresent": {"true"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	term, err := svc.GetTermForReport(ctx, auditor, artifact.GetTermForReportInput{ReportID: soc2.ID})
	if err != nil {
		log.Fatal(err)
	}
	got, err := svc.GetReport(ctx, auditor, artifact.GetReportInput{ReportID: soc2.ID, TermToken: term.TermToken})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("downloaded", got.Report.ID, "version", got.Report.Version)

	intern, err := artifact.NewCaller(artifact.Identity{Account: "111122223333", Principal: "arn:aws:iam::111122223333:user/intern"})
	if err != nil {
		log.Fatal(err)
	}
	_, err = svc.GetTermForReport(ctx, intern, artifact.GetTermForReportInput{ReportID: soc2.ID})
	var denied *artifact.AccessDeniedException
	if errors.As(err, &denied) {
		fmt.Println(denied.Message)
	}

	// The account's root user accepts the BAA, through its NDA and tokens:
	// the account is a HIPAA Account from then on (H1).
	if _, err := world.AcceptAgreement(ctx, world.Root("111122223333"), artifacttest.BAA, agreement.ScopeAccount); err != nil {
		log.Fatal(err)
	}
	hipaa, err := svc.Agreements().IsHIPAA(ctx, "111122223333", world.Clock.Now())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("HIPAA Account:", hipaa.HIPAA)
	window := report.Window{Start: report.D(2025, 1, 1), End: report.D(2025, 12, 31)}
	best, ok, err := svc.Reports().BestReport(ctx, artifacttest.FamilySOC2, window, world.Clock.Now())
	if err != nil || !ok {
		log.Fatal("no SOC 2 report covers 2025: ", err)
	}
	fmt.Println("for 2025:", best.Report.PeriodStart, "to", best.Report.PeriodEnd, "then a gap of", best.GapAfterDays, "days:", best.Gap)
	// Output:
	// downloaded report-soc2000000000001 version 4
	// User: arn:aws:iam::111122223333:user/intern is not authorized to perform: artifact:GetTermForReport on resource: arn:aws:artifact:us-east-1::report/report-soc2000000000001
	// HIPAA Account: true
	// for 2025: 2024-10-01 to 2025-09-30 then a gap of 92 days: letter
}
