// Command policycheck asks whether IAM policies allow one artifact:* request,
// and why, as AWS would answer it.
//
// Usage:
//
//	policycheck -policy FILE [-policy FILE ...] [-scp FILE ...] [-boundary FILE]
//	    -action ACTION -resource ARN [-context key=value ...] [-root]
//
// It reads the principal's identity policies (-policy, one or more), the
// service control policies of one organization level (-scp, any number; all
// of them form that level) and an optional permissions boundary (-boundary),
// evaluates the request, and prints the decision with every statement that
// matched it, then the findings of policy.Validate for each document.
//
// A condition key with several values is given by repeating it:
//
//	-context aws:TagKeys=env -context aws:TagKeys=team
//
// -root evaluates the request for the account's root user, which needs no
// identity policy; -policy may then be left out.
//
// The exit status is 0 when the request is allowed, 1 when it is denied
// (implicitly or explicitly) and 2 for a usage error or a policy that does not
// parse, whose JSON path is printed. -h is a usage error too, so that 0 always
// means allowed.
//
// For example, from the repository root:
//
//	go run ./examples/policycheck -policy examples/policycheck/testdata/some-reports.json \
//	    -action artifact:GetReport -resource arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1 \
//	    -context artifact:ReportSeries=SOC -context "artifact:ReportCategory=Certifications and Attestations"
package main
