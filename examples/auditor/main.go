package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/report"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "auditor:", err)
		os.Exit(1)
	}
}

// auditorUser is the auditor's IAM user in the management account.
const auditorUser = "external-auditor"

// window is the audit's window: calendar year 2025.
var window = report.Window{Start: report.D(2025, 1, 1), End: report.D(2025, 12, 31)}

// run is the walkthrough; it writes what happens to w.
func run(ctx context.Context, w io.Writer) error {
	world, err := artifacttest.NewWorld(artifacttest.Options{})
	if err != nil {
		return err
	}
	now := world.Clock.Now()
	fmt.Fprintln(w, "Rule G3: an auditor is given a principal of its own whose policy allows only the reports of its audit.")
	fmt.Fprintln(w)

	// The report the audit needs (R4).
	cov, ok, err := world.Service.Reports().BestReport(ctx, artifacttest.FamilySOC2, window, now)
	if err != nil {
		return fmt.Errorf("finding the soc 2 report: %w", err)
	}
	if !ok {
		return errors.New("no soc 2 report covers the window")
	}
	soc2 := cov.Report
	fmt.Fprintf(w, "On %s the auditor of calendar year 2025 (%s) asks for the SOC 2 report that covers it.\n",
		now.Format("2 January 2006 at 15:04 UTC"), window)
	fmt.Fprintf(w, "The best is %s, version %d of %s: its period %s leaves the last %d days of the window uncovered, %s.\n",
		soc2.Name, soc2.Version, soc2.ID, soc2.Period(), cov.GapAfterDays, gapWords(cov.Gap))
	fmt.Fprintln(w)

	// The auditor's own principal, holding one policy (G3).
	doc := artifacttest.OneReportPolicy(soc2.ID)
	auditor, err := artifacttest.NewCaller(artifacttest.ManagementAccount, auditorUser, doc)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "The auditor's principal is %s. Its one policy is the user guide's one-report policy:\n", auditor.Principal())
	fmt.Fprintln(w, indent(doc, "  "))
	fmt.Fprintln(w)

	fmt.Fprintln(w, "What the auditor can do:")
	if err := allowed(ctx, w, world, auditor, soc2); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "What the auditor cannot do:")
	if err := denied(ctx, w, world, auditor); err != nil {
		return err
	}
	fmt.Fprintln(w)

	// G5: every call, allowed or denied, is in the audit trail.
	recs, err := world.Service.Audit().Query(ctx, audit.Filter{Principal: auditor.Principal()})
	if err != nil {
		return err
	}
	var refused int
	for _, r := range recs {
		if r.Decision == audit.Denied {
			refused++
		}
	}
	fmt.Fprintf(w, "The audit trail holds the auditor's %d calls: %d allowed, %d denied.\n", len(recs), len(recs)-refused, refused)
	return nil
}

// allowed makes the calls the auditor's policy allows: read the version,
// get its terms, download it.
func allowed(ctx context.Context, w io.Writer, world *artifacttest.World, auditor *artifact.Caller, r report.Report) error {
	s := world.Service
	meta, err := s.GetReportMetadata(ctx, auditor, artifact.GetReportMetadataInput{ReportID: r.ID, ReportVersion: new(r.Version)})
	if err != nil {
		return fmt.Errorf("reading the metadata: %w", err)
	}
	d := meta.ReportDetails
	fmt.Fprintf(w, "  - It reads the metadata of %s: period %s, %s terms, examining %s.\n",
		d.Name, d.Period(), d.AcceptanceType, categories(d.TrustCategories))

	term, err := s.GetTermForReport(ctx, auditor, artifact.GetTermForReportInput{ReportID: r.ID, ReportVersion: new(r.Version)})
	if err != nil {
		return fmt.Errorf("getting the terms: %w", err)
	}
	fmt.Fprintf(w, "  - It gets the report's terms (%s) and a term token valid until %s.\n",
		term.DocumentPresignedURL, term.Expires.Format("15:04 UTC"))

	got, err := s.GetReport(ctx, auditor, artifact.GetReportInput{ReportID: r.ID, ReportVersion: new(r.Version), TermToken: term.TermToken})
	if err != nil {
		return fmt.Errorf("downloading: %w", err)
	}
	// R6: the document it receives is the one recorded.
	verdict := "matches the document it receives"
	if err := got.Document.Verify(bytes.NewReader(world.ReportDocument(got.Report))); err != nil {
		verdict = "does not match the document it receives: " + err.Error()
	}
	fmt.Fprintf(w, "  - It downloads the report from %s, accepting its terms; the SHA-256 %s %s.\n",
		got.DocumentPresignedURL, got.Document.SHA256, verdict)
	return nil
}

// denied makes calls outside the auditor's policy and prints each denial.
func denied(ctx context.Context, w io.Writer, world *artifacttest.World, auditor *artifact.Caller) error {
	s := world.Service
	soc1 := world.Latest(artifacttest.FamilySOC1)
	attempts := []struct {
		what string
		call func() error
	}{
		{fmt.Sprintf("read another report, the %s report (%s)", soc1.Family, soc1.ID), func() error {
			_, err := s.GetReportMetadata(ctx, auditor, artifact.GetReportMetadataInput{ReportID: soc1.ID})
			return err
		}},
		{"list the reports", func() error {
			_, err := s.ListReports(ctx, auditor, artifact.ListReportsInput{})
			return err
		}},
		{"list the agreements", func() error {
			_, err := s.ListAgreements(ctx, auditor, artifact.ListAgreementsInput{})
			return err
		}},
		{"read the NDA of the Business Associate Addendum", func() error {
			_, err := s.GetNdaForAgreement(ctx, auditor, artifact.GetNdaForAgreementInput{AgreementID: artifacttest.BAA})
			return err
		}},
	}
	for _, a := range attempts {
		err := a.call()
		var ad *artifact.AccessDeniedException
		if !errors.As(err, &ad) {
			return fmt.Errorf("%s: want an AccessDeniedException, got %v", a.what, err)
		}
		fmt.Fprintf(w, "  - It cannot %s:\n", a.what)
		fmt.Fprintf(w, "      %s\n", ad.Error())
		fmt.Fprintf(w, "      Console: %s\n", ad.Console)
	}
	return nil
}

// gapWords says what a gap class asks of the auditor (R4).
func gapWords(g report.GapClass) string {
	switch g {
	case report.GapNone:
		return "no gap"
	case report.GapLetter:
		return "a gap that AWS's SOC continued operations letter answers"
	case report.GapExtraProcedures:
		return "a gap that needs extra audit procedures"
	}
	return "a gap that makes the report weak evidence"
}

// categories lists Trust Services categories in prose: "A, B and C".
func categories(cs []report.TrustCategory) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = string(c)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// indent prefixes every line of s with prefix.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
