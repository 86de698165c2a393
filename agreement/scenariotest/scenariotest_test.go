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

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
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
// FailNow ends f alone, and returns the recorder.
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

// corpus wraps steps in one scenario.
func corpus(steps string) string {
	return `[{"name": "s", "rules": ["A1"], "steps": [` + steps + `]}]`
}

// Corpora that break the format fail before any scenario runs, saying
// why (issue 13, item 15).
func TestMalformedCorporaFail(t *testing.T) {
	tests := []struct {
		name, corpus, want string
	}{
		{"not JSON", `[{`, "unexpected EOF"},
		{"no scenario", `[]`, "no scenario"},
		{"data after the corpus", `[{"name": "s", "rules": [], "steps": [{"op": "leave", "account": "111111111111"}]}] []`, "data after"},
		{"unknown scenario field", `[{"name": "s", "rules": [], "steps": [{"op": "leave", "account": "111111111111"}], "setup": 1}]`, `unknown field "setup"`},
		{"unknown step field", corpus(`{"op": "leave", "acount": "111111111111"}`), `unknown field "acount"`},
		{"unknown op", corpus(`{"op": "leave_organization", "account": "111111111111"}`), `unknown op "leave_organization"`},
		{"unknown agreement", corpus(`{"op": "accept_nda", "account": "111111111111", "agreement": "HIPAA"}`), `agreement "HIPAA" is not in the catalog`},
		{"unknown error code", corpus(`{"op": "leave", "account": "111111111111", "expect": "not_a_member"}`), `unknown error code "not_a_member"`},
		{"expect of the wrong type", corpus(`{"op": "leave", "account": "111111111111", "expect": {"error": "x"}}`), "expect"},
		{"unknown event kind", corpus(`{"op": "leave", "account": "111111111111", "events_include": [{"kind": "left", "account": "111111111111", "agreement": "BAA"}]}`), `unknown kind "left"`},
		{"unknown event field", corpus(`{"op": "leave", "account": "111111111111", "events_include": [{"kind": "coverage_lost", "acount": "111111111111", "agreement": "BAA"}]}`), `unknown field "acount"`},
		{"missing argument", corpus(`{"op": "join", "account": "111111111111"}`), `argument "org" missing`},
		{"argument the op does not take", corpus(`{"op": "leave", "account": "111111111111", "scope": "ACCOUNT"}`), `argument "scope" is not one of this op's`},
		{"malformed account", corpus(`{"op": "leave", "account": "1111"}`), "not 12 digits"},
		{"malformed organization", corpus(`{"op": "enable_all_features", "org": "org-1"}`), "is not o-"},
		{"unknown scope", corpus(`{"op": "check_state", "account": "111111111111", "agreement": "BAA", "scope": "OU", "expect": "NONE"}`), `scope "OU"`},
		{"unknown feature set", corpus(`{"op": "create_organization", "org": "o-exampleorg1", "management": "111111111111", "feature_set": "SOME"}`), `feature_set "SOME"`},
		{"time going back", corpus(`{"op": "leave", "account": "111111111111", "at": "2026-02-01T00:00:00Z"}, {"op": "leave", "account": "111111111111", "at": "2026-01-01T00:00:00Z"}`), "goes back"},
		{"a check without expect", corpus(`{"op": "check_hipaa", "account": "111111111111"}`), "needs its expect"},
		{"a check with events", corpus(`{"op": "check_hipaa", "account": "111111111111", "expect": true, "events_include": []}`), "no events_include"},
		{"coverage of an unknown basis", corpus(`{"op": "check_coverage", "account": "111111111111", "agreement": "BAA", "expect": {"scope": "MEMBER"}}`), "scope must be"},
		{"coverage with an unknown field", corpus(`{"op": "check_coverage", "account": "111111111111", "agreement": "BAA", "expect": {"scope": "NONE", "why": "x"}}`), `unknown field "why"`},
		{"an unknown state", corpus(`{"op": "check_state", "account": "111111111111", "agreement": "BAA", "scope": "ACCOUNT", "expect": "TERMINATED"}`), `state "TERMINATED"`},
		{"hipaa not a boolean", corpus(`{"op": "check_hipaa", "account": "111111111111", "expect": "yes"}`), "expect"},
		{"a scenario without steps", `[{"name": "s", "rules": [], "steps": []}]`, "no steps"},
		{"two scenarios of one name", `[{"name": "s", "rules": [], "steps": [{"op": "leave", "account": "111111111111"}]}, {"name": "s", "rules": [], "steps": [{"op": "leave", "account": "111111111111"}]}]`, "is taken"},
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
		require.NoError(t, writeFile(path, corpus(`{"op": "leave_organization", "account": "111111111111"}`)))
		t.Setenv(EnvCorpus, path)
		r := record(t, func(tb testing.TB) { loadFor(tb, "") })
		require.True(t, r.Failed())
		require.Contains(t, strings.Join(r.msgs, "\n"), `unknown op "leave_organization"`)
	})
}

// A library that answers wrong fails its scenario: each kind of output the
// format defines is compared (issue 13, item 15).
func TestWrongAnswersFail(t *testing.T) {
	setup := `{"op": "create_organization", "org": "o-exampleorg1", "management": "111111111111", "feature_set": "ALL"},
		{"op": "enable_trusted_access", "org": "o-exampleorg1"},
		{"op": "join", "account": "222222222222", "org": "o-exampleorg1"},
		{"op": "accept_nda", "account": "222222222222", "agreement": "BAA"},
		{"op": "accept_agreement", "account": "222222222222", "agreement": "BAA", "scope": "ACCOUNT"}, `
	tests := []struct {
		name, steps, want string
	}{
		{"an error expected, none answered", `{"op": "leave", "account": "222222222222", "expect": "not_in_organization"}`, "not_in_organization"},
		{"success expected, an error answered", `{"op": "accept_agreement", "account": "222222222222", "agreement": "BAA", "scope": "ACCOUNT"}`, "already_active"},
		{"another error answered", `{"op": "accept_agreement", "account": "222222222222", "agreement": "BAA", "scope": "ACCOUNT", "expect": "nda_required"}`, "already_active"},
		{"an event missing", `{"op": "leave", "account": "222222222222", "events_include": [{"kind": "coverage_lost", "account": "222222222222", "agreement": "BAA"}]}`, "no coverage_lost event"},
		{"the wrong coverage", `{"op": "check_coverage", "account": "222222222222", "agreement": "BAA", "expect": {"scope": "ORGANIZATION"}}`, "ORGANIZATION"},
		{"the wrong HIPAA status", `{"op": "check_hipaa", "account": "222222222222", "expect": false}`, "false"},
		{"the wrong state", `{"op": "check_state", "account": "222222222222", "agreement": "BAA", "scope": "ACCOUNT", "expect": "CUSTOMER_TERMINATED"}`, "CUSTOMER_TERMINATED"},
		{"the wrong organization", `{"op": "check_organization", "account": "222222222222", "expect": null}`, "in o-exampleorg1"},
		{"an organization expected, none", `{"op": "check_organization", "account": "333333333333", "expect": "o-exampleorg1"}`, "o-exampleorg1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			scs, err := load([]byte(corpus(setup + tc.steps)))
			require.NoError(t, err)
			r := record(t, func(tb testing.TB) { runScenario(tb, scs[0], nil) })
			require.True(t, r.Failed(), "the runner lets a wrong answer pass")
			require.Contains(t, strings.Join(r.msgs, "\n"), tc.want)
		})
	}
	t.Run("a failed step that changes something", func(t *testing.T) {
		scs, err := load([]byte(corpus(setup + `{"op": "accept_nda", "account": "222222222222", "agreement": "ANDB"},
			{"op": "accept_agreement", "account": "222222222222", "agreement": "ANDB", "scope": "ACCOUNT", "expect": "already_active"}`)))
		require.NoError(t, err)
		r := record(t, func(tb testing.TB) {
			runScenario(tb, scs[0], func(testing.TB) Stores { return Stores{Agreement: &leaky{Store: agmem.New()}} })
		})
		require.True(t, r.Failed())
		require.Contains(t, strings.Join(r.msgs, "\n"), "a failed step changed something")
	})
}

// leaky stores a customer agreement of ANDB and then says it could not,
// as a broken store would.
type leaky struct{ agreement.Store }

func (s *leaky) InsertCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	got, err := s.Store.InsertCustomerAgreement(ctx, c)
	if err != nil || c.Agreement != "agreement-andb000000000001" {
		return got, err
	}
	return agreement.CustomerAgreement{}, fmt.Errorf("leaky: %w", agreement.ErrAlreadyActive)
}

// The runner accepts every input the format allows: a scenario may start
// at any instant, and look back before it (issue 13, item 15).
func TestAnyFirstInstant(t *testing.T) {
	for _, at := range []string{"2019-05-01T12:00:00Z", "2026-01-01T00:00:00Z", "2031-12-31T23:59:59Z"} {
		scs, err := load([]byte(corpus(`{"op": "accept_nda", "account": "222222222222", "agreement": "BAA", "at": "` + at + `"},
			{"op": "accept_agreement", "account": "222222222222", "agreement": "BAA", "scope": "ACCOUNT",
			 "events_include": [{"kind": "coverage_gained", "account": "222222222222", "agreement": "BAA"}]},
			{"op": "check_hipaa", "account": "222222222222", "expect": true},
			{"op": "check_hipaa", "account": "222222222222", "as_of": "2000-01-01T00:00:00Z", "expect": false}`)))
		require.NoError(t, err)
		r := record(t, func(tb testing.TB) { runScenario(tb, scs[0], nil) })
		require.False(t, r.Failed(), "first instant %s: %v", at, r.msgs)
	}
}

// The kit's corpus passes on the in-memory stores, and Run takes a path.
func TestRun(t *testing.T) {
	Run(t, "testdata/agreements.json", func(testing.TB) Stores { return Stores{Org: nil, Agreement: agmem.New()} })
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o600) }
