package policy_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

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

// benchmarkPerRequest times the first case of a workload as a service
// evaluates a request: it finds the principal's Evaluator by ARN, builds
// the request's context from its condition keys (the workload's three,
// plus the keys an HTTP endpoint adds to every request: aws:SecureTransport
// and the time keys of the request's second) and decides. The request has
// six keys; the Request stays on the stack and nothing is allocated.
func benchmarkPerRequest(b *testing.B, name string) {
	lw := loadWorkload(b, name)
	r0, want := lw.requests[0], lw.want[0]
	mfa, region, ip := requestKey(b, r0, "aws:MultiFactorAuthPresent"), requestKey(b, r0, "aws:RequestedRegion"), requestKey(b, r0, "aws:SourceIp")
	require.Equal(b, 3, r0.Context.Len(), "the workload's request keys")
	var times policy.TimeKeys
	now := time.Date(2026, 12, 6, 21, 7, 41, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		current, epoch := times.At(now)
		r := policy.Request{
			Principal: r0.Principal,
			Action:    r0.Action,
			Resource:  r0.Resource,
			Context: policy.ContextOf(
				policy.NewPair("aws:MultiFactorAuthPresent", mfa),
				policy.NewPair("aws:RequestedRegion", region),
				policy.NewPair("aws:SourceIp", ip),
				policy.NewPair("aws:SecureTransport", "true"),
				current, epoch),
		}
		e := lw.byPrincipal[r.Principal]
		if e.Decide(&r) != want {
			b.Fatal("wrong decision")
		}
	}
}

// requestKey returns the one value of key in r's context.
func requestKey(tb testing.TB, r *policy.Request, key string) string {
	tb.Helper()
	v, ok := r.Context.Lookup(key)
	require.True(tb, ok, key)
	require.Len(tb, v, 1, key)
	return v[0]
}

func BenchmarkW1PerRequest(b *testing.B) { benchmarkPerRequest(b, "W1") }
func BenchmarkW2PerRequest(b *testing.B) { benchmarkPerRequest(b, "W2") }
func BenchmarkW3PerRequest(b *testing.B) { benchmarkPerRequest(b, "W3") }
func BenchmarkW4PerRequest(b *testing.B) { benchmarkPerRequest(b, "W4") }

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
