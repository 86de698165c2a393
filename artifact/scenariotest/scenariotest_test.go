package scenariotest

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/notify"
	notifymem "github.com/artifactkit/artifactkit/artifact/notify/memstore"
	"github.com/artifactkit/artifactkit/org"
)

// recorder is a testing.TB that records failures instead of failing the
// test: the runner's verdict on a corpus that must fail.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	failed bool
	msgs   []string
}

func (r *recorder) Helper()                         {}
func (r *recorder) Log(args ...any)                 {}
func (r *recorder) Logf(format string, args ...any) {}
func (r *recorder) Error(args ...any)               { r.fail(fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) {
	r.fail(fmt.Sprintf(format, args...))
}
func (r *recorder) Fail()             { r.fail("") }
func (r *recorder) FailNow()          { r.fail(""); runtime.Goexit() }
func (r *recorder) Fatal(args ...any) { r.Error(args...); runtime.Goexit() }
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

func (r *recorder) fail(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = true
	if msg != "" {
		r.msgs = append(r.msgs, msg)
	}
}

// record runs f with a recorder on a goroutine of its own, so that a
// FailNow ends f alone.
func record(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

// The parts of a scenario the tests vary.
const (
	soc2 = `{"ref": "soc2", "id": "report-jRVRFP8HxUN5zpPh", "name": "SOC 2", "series": "SOC", "category": "Certifications and Attestations",
		"version": 1, "state": "PUBLISHED", "acceptance": "EXPLICIT", "period_start": "2024-10-01", "period_end": "2025-09-30",
		"published_at": "2025-11-14T18:00:00Z"}`
	gone  = `{"ref": "gone", "id": "report-DoesNotExist0001", "version": 1, "absent": true}`
	roots = `{"root": {"principal": "root", "policies": [], "scps": [], "context": {}},
		"nobody": {"principal": "arn:aws:iam::111122223333:user/nobody", "policies": [], "scps": [], "context": {}}}`
)

// scenarioOf builds a corpus of one scenario.
func scenarioOf(reports, callers, steps string) string {
	return `[{"name": "s", "rules": ["G1"], "reports": [` + reports + `], "callers": ` + callers + `, "steps": [` + steps + `]}]`
}

// steps builds a corpus of one scenario with the usual reports and
// callers.
func steps(s string) string { return scenarioOf(soc2+", "+gone, roots, s) }

// Corpora that break the format fail before any scenario runs, saying
// why (issue 13, item 15).
func TestMalformedCorporaFail(t *testing.T) {
	tests := []struct {
		name, corpus, want string
	}{
		{"not JSON", `[{`, "unexpected EOF"},
		{"no scenario", `[]`, "no scenario"},
		{"data after the corpus", steps(`{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`) + `x`, "data after"},
		{"unknown scenario field", `[{"name": "s", "rules": [], "reports": [], "callers": {}, "steps": [], "setup": 1}]`, `unknown field "setup"`},
		{"missing part", `[{"name": "s", "rules": [], "reports": [], "steps": [{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}]}]`, "all required"},
		{"unknown step field", steps(`{"op": "ListReports", "as": "root", "args": {}, "expect": "ok", "at": "2026-01-01T00:00:00Z"}`), `unknown field "at"`},
		{"unknown op", steps(`{"op": "ListReport", "as": "root", "args": {}, "expect": "ok"}`), `unknown op "ListReport"`},
		{"unknown caller", steps(`{"op": "ListReports", "as": "admin", "args": {}, "expect": "ok"}`), `caller "admin" is none`},
		{"unknown report", steps(`{"op": "GetReport", "as": "root", "args": {"report": "soc3"}, "expect": "ok"}`), `report "soc3" is none`},
		{"unknown agreement", steps(`{"op": "GetAgreement", "as": "root", "args": {"agreement": "HIPAA"}, "expect": "ok"}`), `agreement "HIPAA" is not in the catalog`},
		{"an argument the op does not take", steps(`{"op": "ListReports", "as": "root", "args": {"report": "soc2"}, "expect": "ok"}`), `argument "report" is not one of ListReports's`},
		{"a missing argument", steps(`{"op": "AcceptAgreement", "as": "root", "args": {"agreement": "BAA"}, "expect": "ok"}`), `argument "scope" missing`},
		{"args missing", steps(`{"op": "ListReports", "as": "root", "expect": "ok"}`), "args missing"},
		{"an argument not a string", steps(`{"op": "GetReport", "as": "root", "args": {"report": 1}, "expect": "ok"}`), `argument "report"`},
		{"organization scope", steps(`{"op": "AcceptAgreement", "as": "root", "args": {"agreement": "BAA", "scope": "ORGANIZATION"}, "expect": "ok"}`), "ACCOUNT scope only"},
		{"an unknown status", steps(`{"op": "PutAccountSettings", "as": "root", "args": {"status": "ON"}, "expect": "ok"}`), `status "ON"`},
		{"expect missing", steps(`{"op": "ListReports", "as": "root", "args": {}}`), "expect missing"},
		{"a string expect not ok", steps(`{"op": "ListReports", "as": "root", "args": {}, "expect": "denied"}`), `a string expect is "ok"`},
		{"an unknown error type", steps(`{"op": "ListReports", "as": "root", "args": {}, "expect": {"error": "AccessDenied"}}`), `unknown error type "AccessDenied"`},
		{"an unknown expect field", steps(`{"op": "ListReports", "as": "root", "args": {}, "expect": {"error": "ValidationException", "reason": "other"}}`), `unknown field "reason"`},
		{"a denial without its action", steps(`{"op": "ListReports", "as": "nobody", "args": {}, "expect": {"error": "AccessDeniedException"}}`), `names its "action"`},
		{"a report denial without its resource", steps(`{"op": "GetReport", "as": "nobody", "args": {"report": "soc2"}, "expect": {"error": "AccessDeniedException", "action": "artifact:GetReport"}}`), `names its "resource"`},
		{"an action without a denial", steps(`{"op": "ListReports", "as": "root", "args": {}, "expect": {"error": "ValidationException", "action": "artifact:ListReports"}}`), "go with an AccessDeniedException"},
		{"refs of an op that lists none", steps(`{"op": "ListAgreements", "as": "root", "args": {}, "expect": {"refs": []}}`), "lists no reports"},
		{"refs of an unknown report", steps(`{"op": "ListReports", "as": "root", "args": {}, "expect": {"refs": ["soc3"]}}`), `report "soc3" is none`},
		{"an empty expect", steps(`{"op": "ListReports", "as": "root", "args": {}, "expect": {}}`), `neither "error" nor "refs"`},
		{"a malformed report id", scenarioOf(`{"ref": "x", "id": "report-1", "version": 1, "absent": true}`, roots, `{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`), "is not report-"},
		{"an absent report with fields", scenarioOf(`{"ref": "x", "id": "report-DoesNotExist0001", "version": 1, "absent": true, "name": "x"}`, roots, `{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`), "an absent version has no name"},
		{"a report missing a field", scenarioOf(`{"ref": "x", "id": "report-DoesNotExist0001", "version": 1}`, roots, `{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`), "name missing"},
		{"two reports of one ref", scenarioOf(gone+", "+strings.Replace(gone, "report-DoesNotExist0001", "report-DoesNotExist0002", 1), roots, `{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`), `the ref "gone" is taken`},
		{"a report of an unknown state", scenarioOf(strings.Replace(soc2, `"PUBLISHED"`, `"LIVE"`, 1), roots, `{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`), `state "LIVE"`},
		{"a report of a malformed period", scenarioOf(strings.Replace(soc2, `"2024-10-01"`, `"2024-13-01"`, 1), roots, `{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`), "period_start"},
		{"an unknown caller field", scenarioOf(soc2, `{"root": {"principal": "root", "policies": [], "scps": [], "context": {}, "model": "legacy"}}`, `{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`), `unknown field "model"`},
		{"a policy that does not parse", scenarioOf(soc2, `{"root": {"principal": "root", "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", "Action": "*", "Resource": "*"}]}], "scps": [], "context": {}}}`, `{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`), "policy 0"},
		{"a context value of the wrong type", scenarioOf(soc2, `{"root": {"principal": "root", "policies": [], "scps": [], "context": {"aws:MultiFactorAuthPresent": true}}}`, `{"op": "ListReports", "as": "root", "args": {}, "expect": "ok"}`), "a string or an array"},
		{"a scenario without steps", scenarioOf(soc2, roots, ``), "no steps"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load([]byte(tc.corpus))
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("through Run", func(t *testing.T) {
		path := t.TempDir() + "/bad.json"
		require.NoError(t, os.WriteFile(path, []byte(steps(`{"op": "ListReport", "as": "root", "args": {}, "expect": "ok"}`)), 0o600))
		t.Setenv(EnvCorpus, path)
		r := record(t, func(tb testing.TB) { loadFor(tb, "") })
		require.True(t, r.Failed())
		require.Contains(t, strings.Join(r.msgs, "\n"), `unknown op "ListReport"`)
	})
}

// A service that answers wrong fails its scenario: every output the format
// defines is compared (issue 13, item 15).
func TestWrongAnswersFail(t *testing.T) {
	tests := []struct {
		name, steps, want string
	}{
		{"success expected, an error answered", `{"op": "GetReport", "as": "root", "args": {"report": "soc2"}, "expect": "ok"}`, "termToken"},
		{"an error expected, none answered", `{"op": "ListReports", "as": "root", "args": {}, "expect": {"error": "AccessDeniedException", "action": "artifact:ListReports"}}`, "want AccessDeniedException"},
		{"another error type", `{"op": "GetReport", "as": "root", "args": {"report": "gone"}, "expect": {"error": "ValidationException"}}`, "ResourceNotFoundException"},
		{"another action", `{"op": "ListReports", "as": "nobody", "args": {}, "expect": {"error": "AccessDeniedException", "action": "artifact:ListReportVersions"}}`, "the action the denial names"},
		{"another resource", `{"op": "GetReport", "as": "nobody", "args": {"report": "soc2"}, "expect": {"error": "AccessDeniedException", "action": "artifact:GetReport", "resource": "arn:aws:artifact:us-east-1::report/report-jRVRFP8HxUN5zpPh:2"}}`, "the resource the denial names"},
		{"a report missing from a listing", `{"op": "ListReports", "as": "root", "args": {}, "expect": {"refs": []}}`, "the reports listed"},
		{"a report too many in a listing", `{"op": "ListReports", "as": "root", "args": {}, "expect": {"refs": ["soc2", "gone"]}}`, "the reports listed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			scs, err := load([]byte(steps(tc.steps)))
			require.NoError(t, err)
			r := record(t, func(tb testing.TB) { runScenario(tb, scs[0], nil) })
			require.True(t, r.Failed(), "the runner lets a wrong answer pass")
			require.Contains(t, strings.Join(r.msgs, "\n"), tc.want)
		})
	}
	t.Run("a failed step that changes something", func(t *testing.T) {
		scs, err := load([]byte(steps(`{"op": "PutAccountSettings", "as": "root", "args": {"status": "SUBSCRIBED"}, "expect": {"error": "ValidationException"}}`)))
		require.NoError(t, err)
		r := record(t, func(tb testing.TB) {
			runScenario(tb, scs[0], func(testing.TB) Stores { return Stores{Settings: &leaky{Store: notifymem.New()}} })
		})
		require.True(t, r.Failed())
		require.Contains(t, strings.Join(r.msgs, "\n"), "a failed step changed something")
	})
}

// leaky stores settings and then refuses them as invalid, as a broken
// store would: the service answers a ValidationException after the write.
type leaky struct{ notify.Store }

func (s *leaky) Put(ctx context.Context, st notify.Settings) (notify.Settings, error) {
	if _, err := s.Store.Put(ctx, st); err != nil {
		return notify.Settings{}, err
	}
	return notify.Settings{}, fmt.Errorf("leaky: %w", org.ErrInvalidInput)
}

// The runner accepts every input the format allows: a report published
// after the runner's usual start is published when the steps run.
func TestLatePublication(t *testing.T) {
	late := strings.Replace(soc2, "2025-11-14T18:00:00Z", "2027-06-01T00:00:00Z", 1)
	scs, err := load([]byte(scenarioOf(late, roots, `{"op": "ListReports", "as": "root", "args": {}, "expect": {"refs": ["soc2"]}},
		{"op": "GetReportMetadata", "as": "root", "args": {"report": "soc2"}, "expect": "ok"}`)))
	require.NoError(t, err)
	r := record(t, func(tb testing.TB) { runScenario(tb, scs[0], nil) })
	require.False(t, r.Failed(), "%v", r.msgs)
}

// The kit's corpus passes on the in-memory stores, and Run takes a path.
func TestRun(t *testing.T) {
	Run(t, "testdata/service.json", func(testing.TB) Stores { return Stores{Settings: notifymem.New()} })
}
