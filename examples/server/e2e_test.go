package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The end-to-end test drives the server with clients no one here wrote:
// the AWS CLI and boto3. Without them it is skipped, except under CI=true,
// where it fails: CI has both.

// need returns the path of a tool the test needs, or skips (fails under CI).
func need(t *testing.T, tool string, check ...string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err == nil && len(check) > 0 {
		err = exec.Command(path, check...).Run()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is needed by the end-to-end test and is missing under CI: %v", tool, err)
		}
		t.Skipf("%s is not installed (%v); CI=true makes this a failure", tool, err)
	}
	return path
}

// cliEnv is the environment of the AWS CLI and boto3: the test's own,
// less every AWS_ variable (a profile, a session token or an endpoint of
// the user's), plus one credential, the region, and configuration files
// that do not exist.
func cliEnv(t *testing.T, c printedCredential, region string) []string {
	dir := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	return append(env,
		"AWS_ACCESS_KEY_ID="+c.accessKeyID,
		"AWS_SECRET_ACCESS_KEY="+c.secret,
		"AWS_DEFAULT_REGION="+region,
		"AWS_CONFIG_FILE="+filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
		"AWS_MAX_ATTEMPTS=1",
	)
}

func TestEndToEndAWSCLI(t *testing.T) {
	aws := need(t, "aws", "--version")
	s := start(t, "-demo")
	byName := map[string]printedCredential{}
	for _, c := range s.creds {
		byName[c.name] = c
	}
	cli := func(as string, args ...string) (string, string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, aws, append(append([]string{"artifact"}, args...), "--endpoint-url", s.url, "--output", "json")...)
		cmd.Env = cliEnv(t, byName[as], "us-east-1")
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		return stdout.String(), stderr.String(), err
	}
	ok := func(as string, out any, args ...string) {
		t.Helper()
		stdout, stderr, err := cli(as, args...)
		require.NoError(t, err, "aws artifact %v: %s", args, stderr)
		require.NoError(t, json.Unmarshal([]byte(stdout), out), stdout)
	}

	// The CLI pages through every report with a page size of 2: three
	// ListReports requests, as the server's request log shows.
	reader := byName["reports-reader"].accessKeyID
	var list struct {
		Reports []struct {
			ID          string `json:"id"`
			Version     int64  `json:"version"`
			PeriodStart string `json:"periodStart"`
		} `json:"reports"`
	}
	ok("reports-reader", &list, "list-reports", "--page-size", "2")
	require.Len(t, list.Reports, 5)
	require.Regexp(t, `^\d{4}-\d{2}-\d{2}T00:00:00Z$`, list.Reports[0].PeriodStart)
	require.Equal(t, 3, s.waitRequests(t, "ListReports", reader, 3), "the CLI requested pages of 2, 2 and 1 reports")

	soc2 := "report-soc2000000000001"
	var versions struct {
		Reports []struct{ Version int64 } `json:"reports"`
	}
	ok("reports-reader", &versions, "list-report-versions", "--report-id", soc2, "--page-size", "1")
	require.GreaterOrEqual(t, len(versions.Reports), 4)
	require.Equal(t, len(versions.Reports), s.waitRequests(t, "ListReportVersions", reader, len(versions.Reports)),
		"the CLI requested one page per version")

	var meta struct {
		ReportDetails struct {
			ID      string `json:"id"`
			TermARN string `json:"termArn"`
		} `json:"reportDetails"`
	}
	ok("reports-reader", &meta, "get-report-metadata", "--report-id", soc2)
	require.Equal(t, soc2, meta.ReportDetails.ID)

	var term struct {
		TermToken string `json:"termToken"`
	}
	ok("reports-reader", &term, "get-term-for-report", "--report-id", soc2, "--report-version", "1")
	var got struct {
		URL string `json:"documentPresignedUrl"`
	}
	ok("reports-reader", &got, "get-report", "--report-id", soc2, "--report-version", "1", "--term-token", term.TermToken)
	require.Contains(t, got.URL, soc2)

	var settings struct {
		AccountSettings struct {
			Status string `json:"notificationSubscriptionStatus"`
		} `json:"accountSettings"`
	}
	ok("clinical-root", &settings, "put-account-settings", "--notification-subscription-status", "SUBSCRIBED")
	require.Equal(t, "SUBSCRIBED", settings.AccountSettings.Status)
	ok("clinical-root", &settings, "get-account-settings")
	require.Equal(t, "SUBSCRIBED", settings.AccountSettings.Status)

	var agreements struct {
		CustomerAgreements []any `json:"customerAgreements"`
	}
	ok("clinical-root", &agreements, "list-customer-agreements")
	require.Empty(t, agreements.CustomerAgreements)

	// A denied call and a bad report id, as the CLI reports them.
	_, stderr, err := cli("no-policy", "list-reports")
	require.Error(t, err)
	require.Contains(t, stderr, "An error occurred (AccessDeniedException) when calling the ListReports operation: "+
		"User: arn:aws:iam::999988887777:user/no-policy is not authorized to perform: artifact:ListReports on resource: *")
	_, stderr, err = cli("reports-reader", "get-report-metadata", "--report-id", "bogus")
	require.Error(t, err)
	require.Contains(t, stderr, "An error occurred (ValidationException) when calling the GetReportMetadata operation")
}

func TestEndToEndBoto3(t *testing.T) {
	python := need(t, "python3", "-c", "import boto3, botocore")
	s := start(t, "-demo")
	creds := map[string][2]string{}
	for _, c := range s.creds {
		creds[c.name] = [2]string{c.accessKeyID, c.secret}
	}
	b, err := json.Marshal(creds)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, filepath.Join("testdata", "e2e.py"), s.url, "us-east-1", string(b))
	cmd.Env = cliEnv(t, printedCredential{}, "us-east-1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "all ok", "%s", out)
	t.Logf("boto3:\n%s", out)

	// The paginators' pages were requests: the script's only successful
	// ListReports as reports-reader is the paginator's (5 reports by 2),
	// and its only ListReportVersions as reports-reader one page a version.
	reader := s.byName("reports-reader").accessKeyID
	require.Equal(t, 3, s.waitRequests(t, "ListReports", reader, 3), "boto3's paginator requested pages of 2, 2 and 1 reports")
	m := regexp.MustCompile(`ok list_report_versions of \S+: (\d+) versions in (\d+) pages`).FindStringSubmatch(string(out))
	require.NotNil(t, m, "%s", out)
	require.Equal(t, m[1], m[2], "one version a page")
	pages, err := strconv.Atoi(m[2])
	require.NoError(t, err)
	require.Greater(t, pages, 1)
	require.Equal(t, pages, s.waitRequests(t, "ListReportVersions", reader, pages), "boto3's paginator requested one page a version")
}

// byName returns the printed credential named name.
func (s *server) byName(name string) printedCredential {
	for _, c := range s.creds {
		if c.name == name {
			return c
		}
	}
	return printedCredential{}
}

// requests counts the successful requests of operation op signed with
// the access key id key in the server's request log.
func (s *server) requests(op, key string) int {
	n := 0
	for _, line := range strings.Split(s.stderr.String(), "\n") {
		var l struct {
			Msg         string  `json:"msg"`
			Operation   string  `json:"operation"`
			Status      float64 `json:"status"`
			AccessKeyID string  `json:"access_key_id"`
		}
		if json.Unmarshal([]byte(line), &l) == nil && l.Msg == "request" && l.Operation == op && l.AccessKeyID == key && l.Status == 200 {
			n++
		}
	}
	return n
}

// waitRequests waits until the server's request log counts at least n
// successful requests of op signed with key, and returns the count. A
// client has its answer before the server writes the request's log line,
// so the last lines of a client's calls may follow its exit closely. It
// gives up (returning the count it has) at a deadline that a passing run
// never reaches: a count short of n is a failure anyway.
func (s *server) waitRequests(t *testing.T, op, key string, n int) int {
	t.Helper()
	deadline := time.NewTimer(time.Until(testDeadline(t, 30*time.Second)))
	defer deadline.Stop()
	for {
		if got := s.requests(op, key); got >= n {
			return got
		}
		select {
		case <-s.stderr.writes():
		case <-deadline.C:
			return s.requests(op, key)
		}
	}
}
