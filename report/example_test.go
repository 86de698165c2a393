package report_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// exampleCatalog returns a catalog whose clock reads the given instant.
func exampleCatalog(now time.Time) *report.Catalog {
	cat, err := report.New(memstore.New(), report.WithClock(func() time.Time { return now }))
	if err != nil {
		panic(err)
	}
	return cat
}

// Publish a SOC 2 report, then download it the way AWS's API does: get the
// term token, present it (which accepts the EXPLICIT terms), and check the
// document against its SHA-256.
func Example() {
	ctx := context.Background()
	cat := exampleCatalog(time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC))

	pdf := "AWS SOC 2 Type II report, October 2024 - September 2025"
	sum, size, _ := report.DigestOf(strings.NewReader(pdf))
	r, err := cat.Put(ctx, report.Report{
		Name:            "SOC 2 Type II Report",
		Category:        "Certifications and Attestations",
		Series:          "SOC",
		Family:          "SOC 2",
		Type:            report.Type2,
		PeriodStart:     report.D(2024, 10, 1),
		PeriodEnd:       report.D(2025, 9, 30),
		AcceptanceType:  report.Explicit,
		TrustCategories: []report.TrustCategory{report.Security, report.Availability, report.Confidentiality, report.Privacy},
		Document:        report.Document{SHA256: sum, Size: size},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	const account = "111122223333"
	_, err = cat.Download(ctx, account, r.ID, 0, "")
	fmt.Println("without a token:", errors.Is(err, report.ErrTermsNotAccepted))

	tok, _ := cat.TermToken(ctx, account, r.ID, 0)
	got, err := cat.Download(ctx, account, r.ID, 0, tok.Value)
	fmt.Println("with the token:", err, "version", got.Version)
	fmt.Println("document intact:", got.Verify(strings.NewReader(pdf)) == nil)

	acc, _ := cat.Acceptances(ctx, account)
	fmt.Println("acceptances recorded:", len(acc), acc[0].At.Format(time.RFC3339))
	// Output:
	// without a token: true
	// with the token: <nil> version 1
	// document intact: true
	// acceptances recorded: 1 2026-01-05T10:00:00Z
}

// Which SOC 2 report covers a calendar-year audit, and what gap is left.
func ExampleCatalog_BestReport() {
	ctx := context.Background()
	cat := exampleCatalog(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	for _, end := range []report.Date{report.D(2025, 3, 31), report.D(2025, 9, 30)} {
		_, err := cat.Put(ctx, report.Report{
			Name: "SOC 2 Type II " + end.String(), Category: "Certifications and Attestations",
			Series: "SOC", Family: "SOC 2", Type: report.Type2,
			PeriodStart: end.AddDays(1).AddMonths(-12), PeriodEnd: end,
			AcceptanceType: report.Explicit, Document: report.Document{SHA256: report.Digest{1}},
			PublishedAt: end.AddDays(45).Start(),
		})
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	audit := report.Window{Start: report.D(2025, 1, 1), End: report.D(2025, 12, 31)}
	cov, ok, err := cat.BestReport(ctx, "SOC 2", audit, time.Time{})
	if err != nil || !ok {
		fmt.Println("no report", err)
		return
	}
	fmt.Println(cov.Report.Name)
	fmt.Println("gap after the period:", cov.GapAfterDays, "days,", cov.Gap)
	fmt.Println("stale:", cov.Stale)
	// Output:
	// SOC 2 Type II 2025-09-30
	// gap after the period: 92 days, letter
	// stale: false
}

// A chain of consecutive SOC 1 reports covers a two-year window.
func ExampleCatalog_CoveringChain() {
	ctx := context.Background()
	cat := exampleCatalog(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	for _, end := range []report.Date{report.D(2024, 6, 30), report.D(2024, 12, 31), report.D(2025, 9, 30)} {
		_, _ = cat.Put(ctx, report.Report{
			Name: "SOC 1 " + end.String(), Category: "Certifications and Attestations",
			Series: "SOC", Family: "SOC 1", Type: report.Type2,
			PeriodStart: end.AddDays(1).AddMonths(-12), PeriodEnd: end,
			AcceptanceType: report.Explicit, Document: report.Document{SHA256: report.Digest{1}},
			PublishedAt: end.AddDays(45).Start(),
		})
	}
	ch, _ := cat.CoveringChain(ctx, "SOC 1", report.Window{Start: report.D(2024, 1, 1), End: report.D(2025, 12, 31)}, time.Time{})
	for _, r := range ch.Reports {
		fmt.Println("report", r.Period())
	}
	for _, h := range ch.Holes {
		fmt.Println("hole  ", h)
	}
	// Output:
	// report 2024-01-01..2024-12-31
	// report 2024-10-01..2025-09-30
	// hole   2025-10-01..2025-12-31
}

// When to expect the next SOC reports (R3).
func ExampleCalendar_NextRelease() {
	cal := report.DefaultCalendar()
	at := time.Date(2025, 11, 19, 0, 0, 0, 0, time.UTC)
	for _, family := range []string{"SOC 1", "SOC 2"} {
		rel, _ := cal.NextRelease(family, at)
		fmt.Println(family, "period ending", rel.PeriodEnd, "expected", rel.Window)
	}
	// Output:
	// SOC 1 period ending 2025-12-31 expected 2026-02-11..2026-02-18
	// SOC 2 period ending 2026-03-31 expected 2026-05-12..2026-05-19
}

// A report that needs AWS's approval (R2).
func ExampleCatalog_RequestAccess() {
	ctx := context.Background()
	cat := exampleCatalog(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	r, _ := cat.Put(ctx, report.Report{
		Name: "PCI DSS Attestation of Compliance", Category: "Certifications and Attestations",
		Series: "PCI", Family: "PCI DSS", Type: report.Type2,
		PeriodStart: report.D(2024, 12, 1), PeriodEnd: report.D(2025, 11, 30),
		AcceptanceType: report.Passthrough, NeedsApproval: true,
		Document: report.Document{SHA256: report.Digest{1}},
	})
	const account = "444455556666"
	_, err := cat.Download(ctx, account, r.ID, 0, "")
	fmt.Println(errors.Is(err, report.ErrApprovalRequired))
	a, _ := cat.RequestAccess(ctx, account, r.ID)
	fmt.Println(a.State)
	a, _ = cat.Approve(ctx, account, r.ID)
	fmt.Println(a.State)
	_, err = cat.Download(ctx, account, r.ID, 0, "")
	fmt.Println(err)
	// Output:
	// true
	// PENDING
	// APPROVED
	// <nil>
}

// Which of a customer's services a report version does not cover (R5).
func ExampleScope_OutOfScope() {
	scope := report.MustScope(
		[]string{"Amazon EC2", "Amazon S3", "AWS Lambda"},
		[]string{"us-east-1", "eu-west-1"},
	)
	fmt.Println(scope.Contains("Amazon S3", "eu-west-1"))
	for _, u := range scope.OutOfScope([]report.Use{
		{Service: "Amazon S3", Region: "us-east-1"},
		{Service: "Amazon Bedrock", Region: "us-east-1"},
		{Service: "AWS Lambda", Region: "ap-south-1"},
	}) {
		fmt.Println("needs compensating controls:", u.Service, "in", u.Region)
	}
	// Output:
	// true
	// needs compensating controls: Amazon Bedrock in us-east-1
	// needs compensating controls: AWS Lambda in ap-south-1
}

// Which services must not hold PHI (H7).
func ExampleEligibility_NotEligible() {
	eligible := report.DefaultHIPAAEligible()
	fmt.Println(eligible.NotEligible([]string{"Amazon S3", "Amazon Lightsail", "Amazon DynamoDB"}))
	// Output:
	// [Amazon Lightsail]
}

// List the published reports of a series, a page at a time.
func ExampleCatalog_List() {
	ctx := context.Background()
	cat := exampleCatalog(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	for _, fam := range []string{"SOC 1", "SOC 2", "SOC 3", "ISO 27001"} {
		series := strings.Fields(fam)[0]
		_, _ = cat.Put(ctx, report.Report{
			Name: fam + " report", Category: "Certifications and Attestations", Series: series, Family: fam,
			Type: report.Type2, PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30),
			AcceptanceType: report.Explicit, Document: report.Document{SHA256: report.Digest{1}},
		})
	}
	var names []string
	page := report.Page{Limit: 2}
	for {
		rs, next, err := cat.List(ctx, report.Filter{Series: "SOC"}, page)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range rs {
			names = append(names, r.Name)
		}
		if next == "" {
			break
		}
		page.After = next
	}
	fmt.Println(len(names), "SOC reports")
	// Output:
	// 3 SOC reports
}
