package policy_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

// conformanceCase is one labelled case of testdata/cases.json (the format
// of ../shared/conformance/policy/README.md).
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
	Expect    string              `json:"expect"`
	Matched   map[string][]string `json:"matched"`
	ErrorNote string              `json:"error_note"`
}

// loadCases reads the corpus: $POLICY_CASES when set, else
// testdata/cases.json.
func loadCases(t *testing.T) []conformanceCase {
	t.Helper()
	path := os.Getenv("POLICY_CASES")
	if path == "" {
		path = filepath.Join("testdata", "cases.json")
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var cases []conformanceCase
	require.NoError(t, json.Unmarshal(data, &cases))
	require.NotEmpty(t, cases)
	return cases
}

// contextOf converts the corpus context (a string or an array of strings
// per key) to a policy.Context.
func contextOf(t *testing.T, raw map[string]json.RawMessage) policy.Context {
	t.Helper()
	kv := make(map[string][]string, len(raw))
	for k, v := range raw {
		var one string
		if err := json.Unmarshal(v, &one); err == nil {
			kv[k] = []string{one}
			continue
		}
		var many []string
		require.NoError(t, json.Unmarshal(v, &many), "context key %s", k)
		kv[k] = many
	}
	return policy.NewContext(kv)
}

var decisionLabels = map[string]policy.Decision{
	"allow":         policy.Allow,
	"implicit_deny": policy.ImplicitDeny,
	"explicit_deny": policy.ExplicitDeny,
}

// TestConformance runs every labelled case of the policy corpus as its own
// subtest: the decision must equal the label, invalid documents must be
// refused, and the explanation must name at least the statements the label
// lists as matched.
func TestConformance(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.Name, func(t *testing.T) {
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
				require.Error(t, parseErr, "want an invalid policy (%s)", c.ErrorNote)
				require.True(t, errors.Is(parseErr, policy.ErrInvalidPolicy))
				var pe *policy.ParseError
				require.True(t, errors.As(parseErr, &pe))
				return
			}
			require.NoError(t, parseErr)
			want, ok := decisionLabels[c.Expect]
			require.True(t, ok, "unknown label %q", c.Expect)

			e, err := policy.Compile(set)
			require.NoError(t, err)
			req := &policy.Request{
				Principal: c.Request.Principal,
				Action:    c.Request.Action,
				Resource:  c.Request.Resource,
				Context:   contextOf(t, c.Request.Context),
			}
			require.Equal(t, want, e.Decide(req), "decision")

			x := e.Explain(req)
			require.Equal(t, want, x.Decision, "explained decision")
			got := map[string]bool{}
			for _, m := range x.Matches {
				got[m.String()] = true
			}
			for group, names := range c.Matched {
				for _, n := range names {
					require.True(t, got[n], "%s: explanation %v lacks %s", group, x.Matches, n)
				}
			}
		})
	}
}
