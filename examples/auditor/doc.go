// Command auditor shows rule G3 of AWS Artifact: an auditor is given a
// principal of its own whose policy allows only the reports of its audit,
// and nothing else is readable by it.
//
// The world is the artifacttest fixture's: a healthcare organization with
// two years of SOC, ISO and PCI reports, dated by a fixed clock (1 March
// 2026), so every run prints the same. The auditor of calendar year 2025
// gets an IAM user whose one policy is the user guide's one-report policy
// (GetReportMetadata, GetTermForReport and GetReport on
// arn:aws:artifact:us-east-1::report/<id>:*) for the SOC 2 report. The
// program prints what the auditor can do (read the SOC 2 version that
// covers its window, get its terms, download it) and what it cannot
// (another report, ListReports, the agreements), each denial with its
// AccessDeniedException and the console's words.
//
// Run it from the repository root:
//
//	go run ./examples/auditor
package main
