package policy_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

// workload is one of the benchmark workloads of testdata/W*.json: identity
// policies by principal ARN and requests with
// the decision AWS makes.
type workload struct {
	Name     string                     `json:"name"`
	Policies map[string]json.RawMessage `json:"policies"`
	Cases    []struct {
		Name    string `json:"name"`
		Request struct {
			Principal string                     `json:"principal"`
			Action    string                     `json:"action"`
			Resource  string                     `json:"resource"`
			Context   map[string]json.RawMessage `json:"context"`
		} `json:"request"`
		Expect string `json:"expect"`
	} `json:"cases"`
}

// loadedWorkload holds a workload compiled once: one Evaluator per
// principal, found by ARN, so a request's cost does not grow with other
// principals' statements.
type loadedWorkload struct {
	byPrincipal map[string]*policy.Evaluator
	requests    []*policy.Request
	want        []policy.Decision
}

func loadWorkload(tb testing.TB, name string) *loadedWorkload {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	require.NoError(tb, err)
	var w workload
	require.NoError(tb, json.Unmarshal(data, &w))
	lw := &loadedWorkload{byPrincipal: make(map[string]*policy.Evaluator, len(w.Policies))}
	for arn, raw := range w.Policies {
		d, err := policy.Parse(raw, policy.Identity)
		require.NoError(tb, err, arn)
		e, err := policy.Compile(policy.Set{Identity: []*policy.Document{d}})
		require.NoError(tb, err, arn)
		lw.byPrincipal[arn] = e
	}
	for _, c := range w.Cases {
		kv := map[string][]string{}
		for k, v := range c.Request.Context {
			var s string
			require.NoError(tb, json.Unmarshal(v, &s))
			kv[k] = []string{s}
		}
		lw.requests = append(lw.requests, &policy.Request{
			Principal: c.Request.Principal, Action: c.Request.Action,
			Resource: c.Request.Resource, Context: policy.NewContext(kv),
		})
		lw.want = append(lw.want, decisionLabels[c.Expect])
	}
	return lw
}

// decide evaluates r against its principal's Evaluator; a principal with
// no policies is implicitly denied.
func (lw *loadedWorkload) decide(r *policy.Request) policy.Decision {
	return lw.byPrincipal[r.Principal].Decide(r)
}

// benchmarkWorkload asserts every case's decision, then times the first
// case. With byPrincipal the principal's Evaluator is looked up by ARN in
// the timed loop (W2, W3: many principals); otherwise the workload has one
// principal and its Evaluator is resolved once (W1, W4).
func benchmarkWorkload(b *testing.B, name string, byPrincipal bool) {
	lw := loadWorkload(b, name)
	for i, r := range lw.requests {
		require.Equal(b, lw.want[i], lw.decide(r), "%s case %d", name, i)
	}
	r := lw.requests[0]
	want := lw.want[0]
	b.ReportAllocs()
	if byPrincipal {
		b.ResetTimer()
		for b.Loop() {
			if lw.decide(r) != want {
				b.Fatal("wrong decision")
			}
		}
		return
	}
	e := lw.byPrincipal[r.Principal]
	b.ResetTimer()
	for b.Loop() {
		if e.Decide(r) != want {
			b.Fatal("wrong decision")
		}
	}
}

func BenchmarkW1(b *testing.B) { benchmarkWorkload(b, "W1", false) }
func BenchmarkW2(b *testing.B) { benchmarkWorkload(b, "W2", true) }
func BenchmarkW3(b *testing.B) { benchmarkWorkload(b, "W3", true) }
func BenchmarkW4(b *testing.B) { benchmarkWorkload(b, "W4", false) }

// TestWorkloads checks the decisions of every workload case, so that a
// plain "go test" covers them too.
func TestWorkloads(t *testing.T) {
	for _, name := range []string{"W1", "W2", "W3", "W4"} {
		t.Run(name, func(t *testing.T) {
			lw := loadWorkload(t, name)
			for i, r := range lw.requests {
				require.Equal(t, lw.want[i], lw.decide(r), "case %d", i)
			}
		})
	}
}
