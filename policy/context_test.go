package policy_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

func TestContext(t *testing.T) {
	c := policy.NewContext(map[string][]string{
		"aws:TagKeys":  {"a"},
		"AWS:TagKeys":  {"b"},
		"aws:SourceIp": {"203.0.113.7"},
		"aws:Empty":    {},
	})
	require.Equal(t, 3, c.Len())
	v, ok := c.Lookup("aws:tagkeys")
	require.True(t, ok)
	require.ElementsMatch(t, []string{"a", "b"}, v)
	v, ok = c.Lookup("aws:empty")
	require.True(t, ok)
	require.Empty(t, v)
	_, ok = c.Lookup("aws:missing")
	require.False(t, ok)

	// With leaves the receiver alone.
	d := c.With("artifact:ReportSeries", "SOC")
	_, ok = c.Lookup("artifact:ReportSeries")
	require.False(t, ok)
	v, _ = d.Lookup("ARTIFACT:reportseries")
	require.Equal(t, []string{"SOC"}, v)
	e := d.With("aws:sourceip", "10.0.0.1")
	v, _ = d.Lookup("aws:SourceIp")
	require.Equal(t, []string{"203.0.113.7"}, v)
	v, _ = e.Lookup("aws:SourceIp")
	require.Equal(t, []string{"10.0.0.1"}, v)

	// Set and Delete change the receiver.
	d.Set("aws:SourceIp", "198.51.100.1", "198.51.100.2")
	v, _ = d.Lookup("aws:sourceip")
	require.Equal(t, []string{"198.51.100.1", "198.51.100.2"}, v)
	d.Delete("AWS:SOURCEIP")
	_, ok = d.Lookup("aws:SourceIp")
	require.False(t, ok)
	d.Delete("aws:never")
	require.Equal(t, []string{"AWS:TagKeys", "artifact:ReportSeries", "aws:Empty"}, d.Keys())

	var zero policy.Context
	require.Equal(t, 0, zero.Len())
	zero.Set("aws:username", "alice")
	v, _ = zero.Lookup("aws:username")
	require.Equal(t, []string{"alice"}, v)
}

// Contexts with many keys index them; lookups behave the same.
func TestContextManyKeys(t *testing.T) {
	kv := map[string][]string{}
	for i := range 40 {
		kv[fmt.Sprintf("aws:PrincipalTag/K%d", i)] = []string{fmt.Sprint(i)}
	}
	c := policy.NewContext(kv)
	for i := range 40 {
		v, ok := c.Lookup(fmt.Sprintf("aws:principaltag/k%d", i))
		require.True(t, ok)
		require.Equal(t, []string{fmt.Sprint(i)}, v)
	}
	c.Delete("aws:PrincipalTag/K3")
	_, ok := c.Lookup("aws:PrincipalTag/K3")
	require.False(t, ok)
	v, _ := c.Lookup("aws:PrincipalTag/K39")
	require.Equal(t, []string{"39"}, v)
	c.Set("aws:PrincipalTag/new", "x")
	c.Set("aws:PrincipalTag/K4", "four")
	d := c.With("aws:PrincipalTag/K5", "five")
	v, _ = d.Lookup("aws:PrincipalTag/K5")
	require.Equal(t, []string{"five"}, v)
	v, _ = c.Lookup("aws:PrincipalTag/K5")
	require.Equal(t, []string{"5"}, v)
	v, _ = c.Lookup("aws:PrincipalTag/K4")
	require.Equal(t, []string{"four"}, v)
	require.Equal(t, 40, c.Len())

	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/k39":"39","aws:PrincipalTag/new":"x"}}}]}`), policy.Identity)}})
	require.NoError(t, err)
	require.Equal(t, policy.Allow, e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: "*", Context: c}))
}

// ContextOf holds its pairs; keys fold case, a later pair replaces an
// earlier one of the same key, and the zero Pair is ignored.
func TestContextOf(t *testing.T) {
	c := policy.ContextOf(
		policy.NewPair("aws:SourceIp", "203.0.113.7"),
		policy.NewPair("aws:TagKeys", "a", "b"),
		policy.NewPair("aws:Empty"),
		policy.Pair{},
		policy.NewPair("AWS:SOURCEIP", "198.51.100.1"),
	)
	require.Equal(t, 3, c.Len())
	v, ok := c.Lookup("aws:sourceip")
	require.True(t, ok)
	require.Equal(t, []string{"198.51.100.1"}, v)
	v, _ = c.Lookup("aws:TagKeys")
	require.Equal(t, []string{"a", "b"}, v)
	v, ok = c.Lookup("aws:empty")
	require.True(t, ok)
	require.Empty(t, v)
	require.Equal(t, []string{"AWS:SOURCEIP", "aws:Empty", "aws:TagKeys"}, c.Keys(), "a key is named as its last pair names it")
	empty, zero := policy.ContextOf(), policy.ContextOf(policy.Pair{})
	require.Equal(t, 0, empty.Len())
	require.Equal(t, 0, zero.Len())

	p := policy.NewPair("aws:CalledVia", "athena.amazonaws.com", "glue.amazonaws.com")
	require.Equal(t, "aws:CalledVia", p.Key())
	require.Equal(t, "athena.amazonaws.com", p.Value())
	require.Equal(t, []string{"athena.amazonaws.com", "glue.amazonaws.com"}, p.Values())
	require.Equal(t, "", policy.NewPair("aws:Empty").Value())
	require.Empty(t, policy.Pair{}.Values())
	// The empty key is a key like any other.
	blank := policy.ContextOf(policy.NewPair("", "x"))
	require.Equal(t, 1, blank.Len())
}

// A context keeps the same answers whatever its size: up to eight keys
// inline, more on the heap, more than twelve indexed. Deriving one with
// With or Extend never changes the original.
func TestContextSizes(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 12, 13, 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var pairs []policy.Pair
			kv := map[string][]string{}
			for i := range n {
				pairs = append(pairs, policy.NewPair(fmt.Sprintf("aws:PrincipalTag/K%d", i), fmt.Sprint(i)))
				kv[fmt.Sprintf("aws:PrincipalTag/K%d", i)] = []string{fmt.Sprint(i)}
			}
			for _, c := range []policy.Context{policy.ContextOf(pairs...), policy.NewContext(kv), policy.Context{}.Extend(pairs...)} {
				require.Equal(t, n, c.Len())
				for i := range n {
					v, ok := c.Lookup(fmt.Sprintf("AWS:PRINCIPALTAG/k%d", i))
					require.True(t, ok)
					require.Equal(t, []string{fmt.Sprint(i)}, v)
				}
				_, ok := c.Lookup("aws:PrincipalTag/missing")
				require.False(t, ok)

				// Extend: new keys and a replaced one; c is unchanged.
				d := c.Extend(policy.NewPair("aws:SourceIp", "10.0.0.1"), policy.NewPair("aws:PrincipalTag/K0", "zero"))
				require.Equal(t, n, c.Len())
				_, ok = c.Lookup("aws:SourceIp")
				require.False(t, ok)
				v, _ := d.Lookup("aws:sourceip")
				require.Equal(t, []string{"10.0.0.1"}, v)
				if n > 0 {
					require.Equal(t, n+1, d.Len())
					v, _ = d.Lookup("aws:PrincipalTag/K0")
					require.Equal(t, []string{"zero"}, v)
					v, _ = c.Lookup("aws:PrincipalTag/K0")
					require.Equal(t, []string{"0"}, v)
				}

				// With, Set and Delete on a derived context leave c alone.
				e := d.With("aws:PrincipalTag/K1", "one")
				e.Set("aws:SourceIp", "10.0.0.2")
				e.Delete("aws:PrincipalTag/K2")
				v, _ = d.Lookup("aws:SourceIp")
				require.Equal(t, []string{"10.0.0.1"}, v)
				if n > 2 {
					v, _ = d.Lookup("aws:PrincipalTag/K2")
					require.Equal(t, []string{"2"}, v)
					_, ok = e.Lookup("aws:PrincipalTag/K2")
					require.False(t, ok)
					v, _ = e.Lookup("aws:PrincipalTag/K1")
					require.Equal(t, []string{"one"}, v)
					v, _ = c.Lookup("aws:PrincipalTag/K1")
					require.Equal(t, []string{"1"}, v)
				}
			}
		})
	}
}

// Key names fold as strings.ToLower folds them, ASCII or not.
func TestContextKeyCase(t *testing.T) {
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
	  "Condition":{"StringEquals":{"aws:PrincipalTag/Équipe":"audit","aws:PrincipalTag/k":"kelvin"}}}]}`), policy.Identity)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	require.NoError(t, err)
	for _, c := range []policy.Context{
		policy.ContextOf(policy.NewPair("AWS:PRINCIPALTAG/éQUIPE", "audit"), policy.NewPair("aws:principaltag/\u212a", "kelvin")),
		policy.ContextOf(policy.NewPair("aws:PrincipalTag/équipe", "audit"), policy.NewPair("aws:PrincipalTag/K", "kelvin")),
		policy.NewContext(map[string][]string{"aws:principaltag/ÉQUIPE": {"audit"}, "aws:PrincipalTag/\u212a": {"kelvin"}}),
	} {
		require.Equal(t, policy.Allow, e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: "*", Context: c}), c.Keys())
	}
	// The Kelvin sign and K are one key, as strings.ToLower has it.
	c := policy.ContextOf(policy.NewPair("aws:PrincipalTag/\u212a", "1"), policy.NewPair("aws:PrincipalTag/k", "2"))
	require.Equal(t, 1, c.Len())
}

// TimeKeys formats the time keys of a second once, in AWS's forms.
func TestTimeKeys(t *testing.T) {
	var k policy.TimeKeys
	at := time.Date(2026, 12, 6, 22, 7, 41, 999_999_999, time.FixedZone("CET", 3600))
	current, epoch := k.At(at)
	require.Equal(t, "aws:CurrentTime", current.Key())
	require.Equal(t, "2026-12-06T21:07:41Z", current.Value())
	require.Equal(t, "aws:EpochTime", epoch.Key())
	require.Equal(t, "1796591261", epoch.Value())
	c2, e2 := k.At(at.Add(-time.Millisecond))
	require.Equal(t, current, c2)
	require.Equal(t, epoch, e2)
	c3, e3 := k.At(at.Add(time.Nanosecond))
	require.Equal(t, "2026-12-06T21:07:42Z", c3.Value())
	require.Equal(t, "1796591262", e3.Value())
	c4, e4 := k.At(time.Unix(-1, 500))
	require.Equal(t, "1969-12-31T23:59:59Z", c4.Value())
	require.Equal(t, "-1", e4.Value())

	// The pairs are dates for the Date operators.
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
	  "Condition":{"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"},"DateGreaterThan":{"aws:EpochTime":"2026-12-06T21:07:40Z"}}}]}`), policy.Identity)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	require.NoError(t, err)
	require.Equal(t, policy.Allow, e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: "*", Context: policy.ContextOf(current, epoch)}))
}

// A context built with ContextOf decides every request of the
// conformance corpus as one built with NewContext.
func TestContextOfAgreesWithNewContext(t *testing.T) {
	for _, c := range corpusCases(t) {
		if c.Expect == "error" {
			continue
		}
		e := compileCase(t, c)
		r := caseRequest(t, c)
		var pairs []policy.Pair
		for _, k := range r.Context.Keys() {
			v, _ := r.Context.Lookup(k)
			pairs = append(pairs, policy.NewPair(k, v...))
		}
		viaPairs := *r
		viaPairs.Context = policy.ContextOf(pairs...)
		require.Equal(t, e.Decide(r), e.Decide(&viaPairs), c.Name)
		require.Equal(t, e.Explain(r), e.Explain(&viaPairs), c.Name)
	}
}

// compileCase compiles the policies of a valid corpus case.
func compileCase(t *testing.T, c conformanceCase) *policy.Evaluator {
	t.Helper()
	return compileCaseSet(t, c, false)
}

func compileCaseSet(t *testing.T, c conformanceCase, exempt bool) *policy.Evaluator {
	t.Helper()
	set := policy.Set{SCPExempt: exempt}
	for _, raw := range c.Policies {
		set.Identity = append(set.Identity, policy.MustParse(raw, policy.Identity))
	}
	if len(c.SCPs) > 0 {
		var level []*policy.Document
		for _, raw := range c.SCPs {
			level = append(level, policy.MustParse(raw, policy.ServiceControl))
		}
		set.SCPs = [][]*policy.Document{level}
	}
	e, err := policy.Compile(set)
	require.NoError(t, err, c.Name)
	return e
}

// caseRequest returns the request of a corpus case.
func caseRequest(t *testing.T, c conformanceCase) *policy.Request {
	t.Helper()
	return &policy.Request{
		Principal: c.Request.Principal,
		Action:    c.Request.Action,
		Resource:  c.Request.Resource,
		Context:   policy.NewContext(c.context),
	}
}

// A context built from Pairs reads a value only when a condition looks its
// key up, whatever the number of keys the policies name (past the sixteen
// whose lookups are remembered per request), and decides as NewContext's.
func TestContextOfManyConditionKeys(t *testing.T) {
	var conds []string
	kv := map[string][]string{}
	for i := range 20 {
		k := fmt.Sprintf("aws:PrincipalTag/k%d", i)
		conds = append(conds, fmt.Sprintf(`"StringEquals":{%q:"v%d"}`, k, i))
		kv[k] = []string{fmt.Sprint("v", i)}
	}
	kv["aws:SourceIp"] = []string{"10.1.2.3"}
	kv["aws:MultiFactorAuthAge"] = []string{"300"}
	kv["aws:CurrentTime"] = []string{"2026-12-06T21:07:41Z"}
	kv["aws:SecureTransport"] = []string{"TRUE"}
	var stmts []string
	for i, c := range conds {
		stmts = append(stmts, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Action":"artifact:GetReport","Resource":"*","Condition":{%s}}`, i, c))
	}
	stmts = append(stmts, `{"Sid":"Typed","Effect":"Allow","Action":"artifact:ListReports","Resource":"*","Condition":{
	  "IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"},
	  "DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"},"Bool":{"aws:SecureTransport":"true"}}}`,
		`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/k19":"v19"},"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`)
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[`+strings.Join(stmts, ",")+`]}`), policy.Identity)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	require.NoError(t, err)

	for _, drop := range []string{"", "aws:PrincipalTag/k19", "aws:SourceIp", "aws:CurrentTime"} {
		parsed := policy.NewContext(kv)
		parsed.Delete(drop)
		var pairs []policy.Pair
		for k, v := range kv {
			if k != drop {
				pairs = append(pairs, policy.NewPair(k, v...))
			}
		}
		for _, action := range []string{"artifact:GetReport", "artifact:ListReports", "artifact:GetAgreement"} {
			want := e.Explain(&policy.Request{Action: action, Resource: "*", Context: parsed})
			r := policy.Request{Action: action, Resource: "*", Context: policy.ContextOf(pairs...)}
			require.Equal(t, want.Decision, e.Decide(&r), "%s without %s", action, drop)
			require.Equal(t, want, e.Explain(&r), "%s without %s", action, drop)
		}
	}
}

// A request with a Base decides as one whose Context holds the Base's keys
// extended with its own: its own replace the Base's of the same name.
func TestRequestBase(t *testing.T) {
	for _, c := range corpusCases(t) {
		if c.Expect == "error" {
			continue
		}
		e := compileCase(t, c)
		r := caseRequest(t, c)
		keys := r.Context.Keys()
		for split := 0; split <= len(keys); split++ {
			// The Base holds the keys before split, read (NewContext)
			// or not (ContextOf); the request's Context the others, and
			// a key of the Base with a wrong value, which its own
			// replaces.
			baseKV := map[string][]string{}
			var basePairs, own []policy.Pair
			for i, k := range keys {
				v, _ := r.Context.Lookup(k)
				if i < split {
					baseKV[k] = v
					basePairs = append(basePairs, policy.NewPair(k, v...))
					continue
				}
				own = append(own, policy.NewPair(k, v...))
				if i == split {
					baseKV[strings.ToUpper(k)] = []string{"shadowed"}
					basePairs = append(basePairs, policy.NewPair(strings.ToUpper(k), "shadowed"))
				}
			}
			for _, base := range []policy.Context{policy.NewContext(baseKV), policy.ContextOf(basePairs...)} {
				withBase := policy.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Base: &base, Context: policy.ContextOf(own...)}
				require.Equal(t, e.Decide(r), e.Decide(&withBase), "%s, split at %d", c.Name, split)
				require.Equal(t, e.Explain(r), e.Explain(&withBase), "%s, split at %d", c.Name, split)
			}
		}
	}
}

// Policy variables read the Base's keys, and a request's own replace them.
func TestRequestBaseVariables(t *testing.T) {
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:GetReport",
	  "Resource":"arn:aws:artifact:*::report/${aws:username}-*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"${aws:username}"}}}]}`), policy.Identity)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	require.NoError(t, err)
	base := policy.ContextOf(policy.NewPair("aws:username", "alice"), policy.NewPair("aws:PrincipalTag/team", "alice"))
	r := policy.Request{Action: "artifact:GetReport", Resource: "arn:aws:artifact:us-east-1::report/alice-1:1", Base: &base}
	require.Equal(t, policy.Allow, e.Decide(&r))
	r.Context = policy.ContextOf(policy.NewPair("AWS:USERNAME", "bob"))
	require.Equal(t, policy.ImplicitDeny, e.Decide(&r), "the request's own aws:username replaces the base's")
	r.Resource = "arn:aws:artifact:us-east-1::report/bob-1:1"
	r.Context = policy.ContextOf(policy.NewPair("aws:username", "bob"), policy.NewPair("aws:PrincipalTag/team", "bob"))
	require.Equal(t, policy.Allow, e.Decide(&r))
	require.Zero(t, testing.AllocsPerRun(100, func() { e.Decide(&r) }))
}

// A request's context of six keys, built with ContextOf and decided,
// allocates nothing, whatever the case of its keys; a key given twice in
// other cases is one key. Only a key that is not ASCII is read, and
// allocates, when it is added.
func TestContextOfAllocatesNothing(t *testing.T) {
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:GetReport","Resource":"*",
	  "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true","aws:SecureTransport":"true"},"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},
	  "StringEquals":{"aws:RequestedRegion":"us-east-1","aws:PrincipalTag/Équipe":"audit"},"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}}]}`), policy.Identity)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	require.NoError(t, err)
	var times policy.TimeKeys
	now := time.Date(2026, 12, 6, 21, 7, 41, 0, time.UTC)
	decide := func(mfa, region, ip, team string) policy.Decision {
		current, epoch := times.At(now)
		r := policy.Request{Action: "artifact:GetReport", Resource: "*", Context: policy.ContextOf(
			policy.NewPair("aws:MultiFactorAuthPresent", mfa),
			policy.NewPair(region, "us-east-1"),
			policy.NewPair("aws:SourceIp", ip),
			policy.NewPair("AWS:SECURETRANSPORT", "true"),
			current, epoch,
			policy.NewPair(team, "audit"),
			policy.NewPair("aws:requestedregion", "us-east-1"),
		)}
		return e.Decide(&r)
	}
	require.Equal(t, policy.Allow, decide("true", "aws:RequestedRegion", "203.0.113.7", "aws:principaltag/équipe"))
	require.Equal(t, policy.Allow, decide("TRUE", "AWS:REQUESTEDREGION", "203.0.113.7", "aws:PrincipalTag/ÉQUIPE"))
	require.Equal(t, policy.ImplicitDeny, decide("true", "aws:RequestedRegion", "198.51.100.7", "aws:principaltag/équipe"))
	require.Equal(t, policy.ImplicitDeny, decide("true", "aws:RequestedRegion", "203.0.113.7", "aws:principaltag/other"))
	require.LessOrEqual(t, testing.AllocsPerRun(100, func() { decide("true", "aws:RequestedRegion", "203.0.113.7", "aws:principaltag/équipe") }), 2.0,
		"the key that is not ASCII is read (one entry, one lower-cased key)")
	require.Zero(t, testing.AllocsPerRun(100, func() { decide("true", "aws:RequestedRegion", "203.0.113.7", "aws:PrincipalTag/team") }))
}
