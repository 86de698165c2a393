package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
)

// TestRun: the walkthrough says what the auditor may and may not do, in
// this order (G3, G4, G5).
func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	got := out.String()
	want := []string{
		"On 1 March 2026 at 09:00 UTC the auditor of calendar year 2025 (2025-01-01..2025-12-31)",
		"The best is SOC 2 Type 2 Report (Oct 2024 - Sep 2025), version 4 of report-soc2000000000001",
		"leaves the last 92 days of the window uncovered, a gap that AWS's SOC continued operations letter answers.",
		"The auditor's principal is arn:aws:iam::999988887777:user/external-auditor.",
		`"arn:aws:artifact:us-east-1::report/report-soc2000000000001:*"`,
		"What the auditor can do:",
		"  - It reads the metadata of SOC 2 Type 2 Report (Oct 2024 - Sep 2025): period 2024-10-01..2025-09-30, EXPLICIT terms, examining Security, Availability, Confidentiality and Privacy.",
		"  - It gets the report's terms",
		"  - It downloads the report from https://artifact-documents.invalid/report/report-soc2000000000001/4, accepting its terms;",
		"matches the document it receives.",
		"What the auditor cannot do:",
		"  - It cannot read another report, the SOC 1 report (report-soc1000000000001):",
		"      AccessDeniedException: User: arn:aws:iam::999988887777:user/external-auditor is not authorized to perform: artifact:GetReportMetadata on resource: arn:aws:artifact:us-east-1::report/report-soc1000000000001",
		"      Console: You don't have the permissions to download this report.",
		"  - It cannot list the reports:",
		"is not authorized to perform: artifact:ListReports on resource: *",
		"      Console: You don't have the permissions to list reports.",
		"  - It cannot list the agreements:",
		"is not authorized to perform: artifact:ListAgreements on resource: *",
		"  - It cannot read the NDA of the Business Associate Addendum:",
		"is not authorized to perform: artifact:GetNdaForAgreement on resource: arn:aws:artifact:::agreement/agreement-baa0000000000001",
		"      Console: You don't have the permissions to download the agreement.",
		"The audit trail holds the auditor's 7 calls: 3 allowed, 4 denied.",
	}
	rest := got
	for _, line := range want {
		i := strings.Index(rest, line)
		require.GreaterOrEqual(t, i, 0, "missing, or out of order: %q\nin:\n%s", line, got)
		rest = rest[i+len(line):]
	}
	require.NotContains(t, got, "does not match")
}

// TestRunIsRepeatable: with the fixture's fixed clock and seed, every run
// prints the same.
func TestRunIsRepeatable(t *testing.T) {
	var first, second bytes.Buffer
	require.NoError(t, run(context.Background(), &first))
	require.NoError(t, run(context.Background(), &second))
	require.Equal(t, first.String(), second.String())
}

func TestCategories(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"Security"}, "Security"},
		{[]string{"Security", "Privacy"}, "Security and Privacy"},
		{[]string{"Security", "Availability", "Privacy"}, "Security, Availability and Privacy"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			cs := make([]report.TrustCategory, len(tt.in))
			for i, s := range tt.in {
				cs[i] = report.TrustCategory(s)
			}
			require.Equal(t, tt.want, categories(cs))
		})
	}
}
