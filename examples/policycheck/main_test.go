package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

const (
	reportARN = "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1"
	inquiry   = "arn:aws:artifact:us-east-1:111122223333:compliance-inquiry/compliance-inquiry-abcdef0123456789"
)

// The policies the cases below refer to by file name.
var policies = map[string]string{
	"reader.json": `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "ReadSOC", "Effect": "Allow", "Action": "artifact:GetReport", "Resource": "*",
	   "Condition": {"StringEquals": {"artifact:ReportSeries": "SOC"}}}]}`,
	"everything.json": `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "All", "Effect": "Allow", "Action": "artifact:*", "Resource": "*"}]}`,
	"no-pci.json": `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "DenyPCI", "Effect": "Deny", "Action": "artifact:Get*", "Resource": "*",
	   "Condition": {"StringEquals": {"artifact:ReportSeries": "PCI"}}}]}`,
	"scp-list-only.json": `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "ListOnly", "Effect": "Allow", "Action": "artifact:List*", "Resource": "*"}]}`,
	"boundary-get.json": `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "GetOnly", "Effect": "Allow", "Action": "artifact:GetReport", "Resource": "*"}]}`,
	"tagger.json": `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "TagEnvAndTeam", "Effect": "Allow", "Action": "artifact:TagResource", "Resource": "*",
	   "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}}}]}`,
	"typo.json": `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Action": "artifact:GetReports", "Resource": "*"}]}`,
	"bad-effect.json": `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Action": "artifact:ListReports", "Resource": "*"},
	  {"Effect": "allow", "Action": "artifact:GetReport", "Resource": "*"}]}`,
	"not-json.json": `{"Version": "2012-10-17", "Statement": [`,
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	for name, body := range policies {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
	}
	t.Chdir(dir)

	tests := []struct {
		name string
		args []string
		code int
		// out and errOut are fragments the output must contain, in order.
		out, errOut []string
	}{
		{
			name: "allowed",
			args: []string{"-policy", "reader.json", "-action", "artifact:GetReport", "-resource", reportARN,
				"-context", "artifact:ReportSeries=SOC"},
			code: exitAllowed,
			out: []string{"request: artifact:GetReport on " + reportARN, "decision: allowed",
				"Allow policy0.Statement[0](ReadSOC) in reader.json", "reader.json: none"},
		},
		{
			name: "implicit deny",
			args: []string{"-policy", "reader.json", "-action", "artifact:GetReport", "-resource", reportARN,
				"-context", "artifact:ReportSeries=PCI"},
			code: exitDenied,
			out: []string{"decision: implicitDeny (no statement of the identity layer allows the request)",
				"matching statements:\n  none"},
		},
		{
			name: "explicit deny names the statement",
			args: []string{"-policy", "everything.json", "-policy", "no-pci.json", "-action", "artifact:GetReport",
				"-resource", reportARN, "-context", "artifact:ReportSeries=PCI"},
			code: exitDenied,
			out: []string{"decision: explicitDeny", "Allow policy0.Statement[0](All) in everything.json",
				"Deny  policy1.Statement[0](DenyPCI) in no-pci.json"},
		},
		{
			name: "the deny does not apply",
			args: []string{"-policy", "everything.json", "-policy", "no-pci.json", "-action", "artifact:GetReport",
				"-resource", reportARN, "-context", "artifact:ReportSeries=SOC"},
			code: exitAllowed,
			out:  []string{"decision: allowed"},
		},
		{
			name: "an SCP limits",
			args: []string{"-policy", "everything.json", "-scp", "scp-list-only.json", "-action", "artifact:GetReport",
				"-resource", reportARN},
			code: exitDenied,
			out: []string{"decision: implicitDeny (no statement of the scp layer allows the request)",
				"Allow policy0.Statement[0](All) in everything.json", "scp-list-only.json: none"},
		},
		{
			name: "an SCP allows",
			args: []string{"-policy", "everything.json", "-scp", "scp-list-only.json", "-action", "artifact:ListReports",
				"-resource", "*"},
			code: exitAllowed,
			out: []string{"decision: allowed", "Allow policy0.Statement[0](All) in everything.json",
				"Allow scp0.Statement[0](ListOnly) in scp-list-only.json"},
		},
		{
			name: "the root user needs no identity policy but SCPs bind it",
			args: []string{"-root", "-scp", "scp-list-only.json", "-action", "artifact:ListReports", "-resource", "*"},
			code: exitAllowed,
			out:  []string{"decision: allowed", "Allow scp0.Statement[0](ListOnly) in scp-list-only.json"},
		},
		{
			name: "a permissions boundary limits",
			args: []string{"-policy", "everything.json", "-boundary", "boundary-get.json", "-action", "artifact:ListReports",
				"-resource", "*"},
			code: exitDenied,
			out:  []string{"decision: implicitDeny (no statement of the boundary layer allows the request)"},
		},
		{
			name: "a permissions boundary allows",
			args: []string{"-policy", "everything.json", "-boundary", "boundary-get.json", "-action", "artifact:GetReport",
				"-resource", reportARN},
			code: exitAllowed,
			out:  []string{"decision: allowed", "Allow boundary.Statement[0](GetOnly) in boundary-get.json"},
		},
		{
			name: "a repeated context key has several values",
			args: []string{"-policy", "tagger.json", "-action", "artifact:TagResource", "-resource", inquiry,
				"-context", "aws:TagKeys=env", "-context", "aws:TagKeys=team"},
			code: exitAllowed,
			out:  []string{"decision: allowed", "Allow policy0.Statement[0](TagEnvAndTeam) in tagger.json"},
		},
		{
			name: "every value of a repeated key counts",
			args: []string{"-policy", "tagger.json", "-action", "artifact:TagResource", "-resource", inquiry,
				"-context", "aws:TagKeys=env", "-context", "aws:TagKeys=owner"},
			code: exitDenied,
			out:  []string{"decision: implicitDeny"},
		},
		{
			name: "validation finding",
			args: []string{"-policy", "typo.json", "-action", "artifact:GetReport", "-resource", reportARN},
			code: exitDenied,
			out: []string{"decision: implicitDeny", "typo.json:\n",
				"ERROR UNKNOWN_ACTION Statement[0].Action: ", "artifact:GetReports"},
		},
		{
			name: "an action Artifact does not have",
			args: []string{"-policy", "typo.json", "-action", "artifact:GetReports", "-resource", reportARN},
			code: exitAllowed,
			out:  []string{"note: artifact:GetReports is not an action of AWS Artifact", "decision: allowed"},
		},
		{
			name:   "malformed policy",
			args:   []string{"-policy", "bad-effect.json", "-action", "artifact:GetReport", "-resource", reportARN},
			code:   exitUsage,
			errOut: []string{"policycheck: bad-effect.json: invalid policy: Statement[1].Effect: "},
		},
		{
			name:   "malformed SCP",
			args:   []string{"-policy", "everything.json", "-scp", "bad-effect.json", "-action", "artifact:GetReport", "-resource", reportARN},
			code:   exitUsage,
			errOut: []string{"policycheck: bad-effect.json: invalid policy: Statement[1].Effect: "},
		},
		{
			name:   "not JSON",
			args:   []string{"-policy", "not-json.json", "-action", "artifact:GetReport", "-resource", reportARN},
			code:   exitUsage,
			errOut: []string{"policycheck: not-json.json: invalid policy"},
		},
		{
			name:   "missing file",
			args:   []string{"-policy", "nowhere.json", "-action", "artifact:GetReport", "-resource", reportARN},
			code:   exitUsage,
			errOut: []string{"policycheck: open nowhere.json: "},
		},
		{
			name:   "no policy",
			args:   []string{"-action", "artifact:GetReport", "-resource", reportARN},
			code:   exitUsage,
			errOut: []string{"at least one -policy is needed", "usage: policycheck"},
		},
		{
			name:   "no action",
			args:   []string{"-policy", "reader.json", "-resource", reportARN},
			code:   exitUsage,
			errOut: []string{"-action is required"},
		},
		{
			name:   "no resource",
			args:   []string{"-policy", "reader.json", "-action", "artifact:GetReport"},
			code:   exitUsage,
			errOut: []string{"-resource is required"},
		},
		{
			name:   "context without a value",
			args:   []string{"-policy", "reader.json", "-action", "artifact:GetReport", "-resource", reportARN, "-context", "artifact:ReportSeries"},
			code:   exitUsage,
			errOut: []string{`want key=value, got "artifact:ReportSeries"`},
		},
		{
			name:   "stray argument",
			args:   []string{"-policy", "reader.json", "-action", "artifact:GetReport", "-resource", reportARN, "extra"},
			code:   exitUsage,
			errOut: []string{`unexpected argument "extra"`},
		},
		{
			name:   "help",
			args:   []string{"-h"},
			code:   exitUsage,
			errOut: []string{"usage: policycheck"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			require.Equal(t, tt.code, code, "stdout:\n%s\nstderr:\n%s", &stdout, &stderr)
			containsInOrder(t, stdout.String(), tt.out)
			containsInOrder(t, stderr.String(), tt.errOut)
			if tt.code == exitUsage {
				require.Empty(t, stdout.String(), "a usage error reports nothing on stdout")
			} else {
				require.Empty(t, stderr.String())
			}
		})
	}
}

// containsInOrder requires s to contain each of parts, one after the other.
func containsInOrder(t *testing.T, s string, parts []string) {
	t.Helper()
	rest := s
	for _, p := range parts {
		i := strings.Index(rest, p)
		require.GreaterOrEqual(t, i, 0, "missing %q in:\n%s", p, s)
		rest = rest[i+len(p):]
	}
}

// TestSamples runs the command on the sample policies of testdata and
// compares its whole output.
func TestSamples(t *testing.T) {
	someReports := filepath.Join("testdata", "some-reports.json")
	oneStatement := filepath.Join("testdata", "one-statement.json")
	category := "artifact:ReportCategory=Certifications and Attestations"
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{
			name: "some reports: SOC report",
			args: []string{"-policy", someReports, "-action", "artifact:GetReport", "-resource", reportARN,
				"-context", "artifact:ReportSeries=SOC", "-context", category},
			code: exitAllowed,
			out: `request: artifact:GetReport on ` + reportARN + `
decision: allowed
matching statements:
  Allow policy0.Statement[1](GetSomeReports) in ` + someReports + `
findings:
  ` + someReports + `: none
`,
		},
		{
			name: "some reports: HIPAA report",
			args: []string{"-policy", someReports, "-action", "artifact:GetReport", "-resource", reportARN,
				"-context", "artifact:ReportSeries=HIPAA", "-context", category},
			code: exitDenied,
			out: `request: artifact:GetReport on ` + reportARN + `
decision: implicitDeny (no statement of the identity layer allows the request)
matching statements:
  none
findings:
  ` + someReports + `: none
`,
		},
		{
			name: "some reports: list",
			args: []string{"-policy", someReports, "-action", "artifact:ListReports", "-resource", "*"},
			code: exitAllowed,
			out: `request: artifact:ListReports on *
decision: allowed
matching statements:
  Allow policy0.Statement[0](ListReports) in ` + someReports + `
findings:
  ` + someReports + `: none
`,
		},
		{
			// The conditions on the reportARN's series and category never
			// hold for ListReports, whose requests have no such keys
			// (rule G7), and Validate says so.
			name: "one statement: list",
			args: []string{"-policy", oneStatement, "-action", "artifact:ListReports", "-resource", "*"},
			code: exitDenied,
			out: `request: artifact:ListReports on *
decision: implicitDeny (no statement of the identity layer allows the request)
matching statements:
  none
findings:
  ` + oneStatement + `:
    WARNING UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.artifact:ReportSeries: artifact:ListReports does not support condition key artifact:ReportSeries: the key is absent from its requests
    WARNING UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.artifact:ReportCategory: artifact:ListReports does not support condition key artifact:ReportCategory: the key is absent from its requests
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			require.Equal(t, tt.code, run(tt.args, &stdout, &stderr), "stderr:\n%s", &stderr)
			require.Empty(t, cmp.Diff(tt.out, stdout.String()))
			require.Empty(t, stderr.String())
		})
	}
}

func Example() {
	code := run([]string{
		"-policy", "testdata/some-reports.json",
		"-action", "artifact:GetReport",
		"-resource", "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1",
		"-context", "artifact:ReportSeries=PCI",
		"-context", "artifact:ReportCategory=Certifications and Attestations",
	}, os.Stdout, os.Stderr)
	fmt.Println("exit status", code)
	// Output:
	// request: artifact:GetReport on arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1
	// decision: allowed
	// matching statements:
	//   Allow policy0.Statement[1](GetSomeReports) in testdata/some-reports.json
	// findings:
	//   testdata/some-reports.json: none
	// exit status 0
}
