package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The walkthrough runs without error, tells the story the README promises,
// and prints the same every time.
func TestWalkthrough(t *testing.T) {
	var first, second bytes.Buffer
	require.NoError(t, run(&first))
	require.NoError(t, run(&second))
	require.Equal(t, first.String(), second.String(), "the output is deterministic")
	out := first.String()
	for _, want := range []string{
		"your organization must be enabled for all features",                       // A4
		"decided by the Deny statement policy0.Statement[7](CorporateNetworkOnly)", // corporate network
		"decided by the Deny statement policy0.Statement[6](RequireMFA)",           // MFA
		"accepted for the organization",                                            // A1, H2
		"event: COVERAGE_GAINED imaging (ORGANIZATION)",                            // A3
		">> notification to analytics",                                             // A10, S2
		"analytics: not a HIPAA Account: left o-medtechglobal1 on 2026-02-18",      // A10, H4
		"patient-records: a HIPAA Account: account agreement",                      // A9, H3
		"was analytics a HIPAA Account on 2026-02-01? true",                        // history
		`gap class "letter"`, // R4
		"It leaves 92 days after its period end uncovered", // R4
		"downloads it: https://artifact-documents.invalid/report/report-Soc2Type2Sep2025/1",
		"not authorized to perform: artifact:GetReportMetadata on resource: arn:aws:artifact:us-east-1::report/report-Iso27001Cert2025",
		"not authorized to perform: artifact:ListCustomerAgreements",
		"after the audit (aws:CurrentTime): denied",
		"the hash chain verifies: true",
	} {
		require.True(t, strings.Contains(out, want), "the walkthrough lacks %q", want)
	}
}
