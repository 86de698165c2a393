package policy_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

// conformanceCase is one labelled case of testdata/cases.json, in the
// format RULES.md describes (section "The policy corpus"). It is decoded
// strictly: a field the format does not define fails the corpus.
type conformanceCase struct {
	Name     string            `json:"name"`
	Policies []json.RawMessage `json:"policies"`
	SCPs     []json.RawMessage `json:"scps"`
	Request  struct {
		Principal string                     `json:"principal"`
		Action    string                     `json:"action"`
		Resource  string                     `json:"resource"`
		Context   map[string]json.RawMessage `json:"context"`
	} `json:"request"`
	Expect      string              `json:"expect"`
	Matched     map[string][]string `json:"matched"`
	ErrorNote   string              `json:"error_note"`
	LabelSource string              `json:"label_source"`

	// context is Request.Context, decoded by validation.
	context map[string][]string
}

// matchGroups are the groups of matched statements the format names: the
// layer and effect of the statements each holds.
var matchGroups = map[string]struct {
	layer  policy.Layer
	effect policy.Effect
	prefix string
}{
	"identity_allow": {policy.LayerIdentity, policy.EffectAllow, "policy"},
	"identity_deny":  {policy.LayerIdentity, policy.EffectDeny, "policy"},
	"scp_allow":      {policy.LayerSCP, policy.EffectAllow, "scp"},
	"scp_deny":       {policy.LayerSCP, policy.EffectDeny, "scp"},
}

// statementName is how the format names a statement: by position, and
// perhaps by Sid after it ("policy0.Statement[0](First)").
var statementName = regexp.MustCompile(`^(policy|scp)(\d+)\.Statement\[(\d+)\](\([^()]+\))?$`)

var decisionLabels = map[string]policy.Decision{
	"allow":         policy.Allow,
	"implicit_deny": policy.ImplicitDeny,
	"explicit_deny": policy.ExplicitDeny,
}

// loadCases decodes and checks a policy corpus.
func loadCases(data []byte) ([]conformanceCase, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var cases []conformanceCase
	if err := dec.Decode(&cases); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the corpus")
	}
	if len(cases) == 0 {
		return nil, errors.New("the corpus holds no case")
	}
	names := map[string]bool{}
	for i := range cases {
		c := &cases[i]
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("case %d (%q): %w", i, c.Name, err)
		}
		if names[c.Name] {
			return nil, fmt.Errorf("case %d: the name %q is taken", i, c.Name)
		}
		names[c.Name] = true
	}
	return cases, nil
}

func (c *conformanceCase) check() error {
	switch {
	case c.Name == "":
		return errors.New("no name")
	case c.Policies == nil || c.SCPs == nil:
		return errors.New("policies and scps are required ([] for none)")
	case c.Request.Principal == "" || c.Request.Action == "" || c.Request.Resource == "":
		return errors.New("the request needs its principal, action and resource")
	}
	if _, ok := decisionLabels[c.Expect]; !ok && c.Expect != "error" {
		return fmt.Errorf("unknown label %q", c.Expect)
	}
	if c.ErrorNote != "" && c.Expect != "error" {
		return errors.New("an error_note goes with the label error")
	}
	c.context = map[string][]string{}
	for k, v := range c.Request.Context {
		var one string
		if err := json.Unmarshal(v, &one); err == nil {
			c.context[k] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(v, &many); err != nil {
			return fmt.Errorf("context key %s: a string or an array of strings", k)
		}
		c.context[k] = many
	}
	for group, names := range c.Matched {
		g, ok := matchGroups[group]
		if !ok {
			return fmt.Errorf("matched: unknown group %q", group)
		}
		for _, n := range names {
			m := statementName.FindStringSubmatch(n)
			if m == nil || m[1] != g.prefix {
				return fmt.Errorf("matched: %s: %q does not name a statement of a %s", group, n, g.prefix)
			}
			i, _ := strconv.Atoi(m[2])
			count := len(c.Policies)
			if g.prefix == "scp" {
				count = len(c.SCPs)
			}
			if i >= count {
				return fmt.Errorf("matched: %s: %q names a policy the case does not have", group, n)
			}
		}
	}
	return nil
}

// corpusCases reads the corpus the tests run: POLICY_CASES, or
// testdata/cases.json.
func corpusCases(tb testing.TB) []conformanceCase {
	tb.Helper()
	path := os.Getenv("POLICY_CASES")
	if path == "" {
		path = filepath.Join("testdata", "cases.json")
	}
	data, err := os.ReadFile(path)
	require.NoError(tb, err)
	cases, err := loadCases(data)
	require.NoError(tb, err, "%s does not follow the policy corpus format", path)
	return cases
}

// TestConformance runs every labelled case of the policy corpus as its own
// subtest: the decision must equal the label, invalid documents must be
// refused, and the explanation must name, in the group the label gives
// each (identity_allow, identity_deny, scp_allow, scp_deny), at least the
// statements the label lists. POLICY_CASES names another corpus to run
// instead of testdata/cases.json.
func TestConformance(t *testing.T) {
	for _, c := range corpusCases(t) {
		t.Run(c.Name, func(t *testing.T) { runCase(t, c) })
	}
}

func runCase(tb testing.TB, c conformanceCase) {
	tb.Helper()
	var set policy.Set
	var parseErr error
	for _, raw := range c.Policies {
		d, err := policy.Parse(raw, policy.Identity)
		if err != nil {
			parseErr = err
			break
		}
		set.Identity = append(set.Identity, d)
	}
	if parseErr == nil && len(c.SCPs) > 0 {
		var level []*policy.Document
		for _, raw := range c.SCPs {
			d, err := policy.Parse(raw, policy.ServiceControl)
			if err != nil {
				parseErr = err
				break
			}
			level = append(level, d)
		}
		set.SCPs = [][]*policy.Document{level}
	}
	if c.Expect == "error" {
		require.Error(tb, parseErr, "want an invalid policy (%s)", c.ErrorNote)
		require.True(tb, errors.Is(parseErr, policy.ErrInvalidPolicy))
		var pe *policy.ParseError
		require.True(tb, errors.As(parseErr, &pe))
		return
	}
	require.NoError(tb, parseErr)
	want := decisionLabels[c.Expect]

	e, err := policy.Compile(set)
	require.NoError(tb, err)
	req := &policy.Request{
		Principal: c.Request.Principal,
		Action:    c.Request.Action,
		Resource:  c.Request.Resource,
		Context:   policy.NewContext(c.context),
	}
	require.Equal(tb, want, e.Decide(req), "decision")

	x := e.Explain(req)
	require.Equal(tb, want, x.Decision, "explained decision")
	got := map[string]map[string]bool{}
	for group, g := range matchGroups {
		got[group] = map[string]bool{}
		for _, m := range x.Matches {
			if m.Layer == g.layer && m.Effect == g.effect && m.Level == 0 {
				// By position, or by position and Sid.
				got[group][m.Position()] = true
				got[group][m.String()] = true
			}
		}
	}
	for group, names := range c.Matched {
		for _, n := range names {
			if !got[group][n] {
				var have []string
				for h := range got[group] {
					have = append(have, h)
				}
				sort.Strings(have)
				tb.Fatalf("matched %s: the explanation names %v there, not %s (all: %v)", group, have, n, x.Matches)
			}
		}
	}
}

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

// policyCase builds a corpus of one case from its parts.
func policyCase(policies, scps, expect, matched string) string {
	return `[{"name": "c", "policies": [` + policies + `], "scps": [` + scps + `],
		"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "artifact:GetReport",
		            "resource": "arn:aws:artifact:us-east-1::report/report-abc123:1", "context": {"aws:TagKeys": ["env"]}},
		"expect": "` + expect + `"` + matched + `, "label_source": "test"}]`
}

const (
	allowGets     = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "artifact:Get*", "Resource": "*"}]}`
	withSid       = `{"Version": "2012-10-17", "Statement": [{"Sid": "Reports", "Effect": "Allow", "Action": "artifact:Get*", "Resource": "*"}]}`
	denyGetReport = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "artifact:GetReport", "Resource": "*"}]}`
)

// Corpora that break the format fail before any case runs (issue 13, item
// 15).
func TestMalformedPolicyCorporaFail(t *testing.T) {
	tests := []struct {
		name, corpus, want string
	}{
		{"not JSON", `[{`, "unexpected EOF"},
		{"no case", `[]`, "no case"},
		{"data after the corpus", policyCase(allowGets, ``, "allow", ``) + `]`, "data after"},
		{"unknown case field", strings.Replace(policyCase(allowGets, ``, "allow", ``), `"label_source"`, `"labels": 1, "label_source"`, 1), `unknown field "labels"`},
		{"unknown request field", strings.Replace(policyCase(allowGets, ``, "allow", ``), `"context"`, `"region": "us-east-1", "context"`, 1), `unknown field "region"`},
		{"unknown label", policyCase(allowGets, ``, "deny", ``), `unknown label "deny"`},
		{"unknown group", policyCase(allowGets, ``, "allow", `, "matched": {"allow": ["policy0.Statement[0]"]}`), `unknown group "allow"`},
		{"a statement of the wrong layer", policyCase(allowGets, ``, "allow", `, "matched": {"identity_allow": ["scp0.Statement[0]"]}`), "does not name a statement of a policy"},
		{"a malformed statement name", policyCase(allowGets, ``, "allow", `, "matched": {"identity_allow": ["policy0.Stmt[0]"]}`), "does not name a statement"},
		{"a policy the case lacks", policyCase(allowGets, ``, "allow", `, "matched": {"identity_allow": ["policy1.Statement[0]"]}`), "a policy the case does not have"},
		{"a context value of the wrong type", strings.Replace(policyCase(allowGets, ``, "allow", ``), `["env"]`, `3`, 1), "a string or an array"},
		{"a request without its action", strings.Replace(policyCase(allowGets, ``, "allow", ``), `"artifact:GetReport"`, `""`, 1), "principal, action and resource"},
		{"an error note without an error", strings.Replace(policyCase(allowGets, ``, "allow", ``), `"label_source"`, `"error_note": "x", "label_source"`, 1), "error_note"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadCases([]byte(tc.corpus))
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

// An evaluator that answers wrong fails its case: the decision, the
// refusal of an invalid document, and each group of matched statements by
// its key (issue 13, item 15).
func TestPolicyRunnerVerdicts(t *testing.T) {
	tests := []struct {
		name, corpus string
		fails        bool
	}{
		{"the label", policyCase(allowGets, ``, "allow", `, "matched": {"identity_allow": ["policy0.Statement[0]"]}`), false},
		{"another decision", policyCase(allowGets, ``, "implicit_deny", ``), true},
		{"an error expected", policyCase(allowGets, ``, "error", ``), true},
		{"an allow named as a deny", policyCase(allowGets, ``, "allow", `, "matched": {"identity_deny": ["policy0.Statement[0]"]}`), true},
		{"a deny named as an allow", policyCase(allowGets+", "+denyGetReport, ``, "explicit_deny", `, "matched": {"identity_allow": ["policy1.Statement[0]"]}`), true},
		{"the deny in its group", policyCase(allowGets+", "+denyGetReport, ``, "explicit_deny", `, "matched": {"identity_deny": ["policy1.Statement[0]"], "identity_allow": ["policy0.Statement[0]"]}`), false},
		{"an identity statement named as an SCP's", policyCase(allowGets, allowGets, "allow", `, "matched": {"scp_allow": ["scp0.Statement[0]"], "identity_allow": ["policy0.Statement[0]"]}`), false},
		{"an SCP's deny named as an allow", policyCase(allowGets, denyGetReport, "explicit_deny", `, "matched": {"scp_allow": ["scp0.Statement[0]"]}`), true},
		{"a statement named by its Sid", policyCase(withSid, ``, "allow", `, "matched": {"identity_allow": ["policy0.Statement[0](Reports)"]}`), false},
		{"another Sid", policyCase(withSid, ``, "allow", `, "matched": {"identity_allow": ["policy0.Statement[0](Agreements)"]}`), true},
		{"a statement that did not match", policyCase(denyGetReport+", "+allowGets, ``, "explicit_deny", `, "matched": {"identity_allow": ["policy0.Statement[0]"]}`), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cases, err := loadCases([]byte(tc.corpus))
			require.NoError(t, err)
			r := record(t, func(tb testing.TB) { runCase(tb, cases[0]) })
			require.Equal(t, tc.fails, r.Failed(), "%v", r.msgs)
		})
	}
	require.Empty(t, cmp.Diff([]string{"identity_allow", "identity_deny", "scp_allow", "scp_deny"}, groupNames()))
}

func groupNames() []string {
	var out []string
	for g := range matchGroups {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}
