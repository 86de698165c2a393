package policy

import (
	"encoding"
	"encoding/json"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// seedPolicies adds the policies of the conformance corpus and the
// workloads to a fuzz corpus.
func seedPolicies(f *testing.F, add func(doc []byte)) {
	data, err := os.ReadFile(filepath.Join("testdata", "cases.json"))
	if err != nil {
		f.Fatal(err)
	}
	var cases []struct {
		Policies []json.RawMessage `json:"policies"`
		SCPs     []json.RawMessage `json:"scps"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		for _, p := range append(c.Policies, c.SCPs...) {
			add(p)
		}
	}
	data, err = os.ReadFile(filepath.Join("testdata", "W4.json"))
	if err != nil {
		f.Fatal(err)
	}
	var w struct {
		Policies map[string]json.RawMessage `json:"policies"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		f.Fatal(err)
	}
	for _, p := range w.Policies {
		add(p)
	}
}

// FuzzParse: no input panics; Document.UnmarshalJSON agrees with Parse; a
// parsed document marshals to JSON that parses to the same document, and
// compiles.
func FuzzParse(f *testing.F) {
	seedPolicies(f, func(doc []byte) { f.Add(doc, uint8(0)) })
	f.Add([]byte(`{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":"*"}}`), uint8(2))
	f.Add([]byte(`{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NumericEquals":{"aws:x":1.50}}}]}`), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		kind := Kind(k % 3)
		d, err := Parse(data, kind)
		viaJSON := Document{Kind: kind}
		if jerr := viaJSON.UnmarshalJSON(data); (jerr == nil) != (err == nil) || err == nil && !cmp.Equal(*d, viaJSON, cmp.AllowUnexported(Condition{})) {
			t.Fatalf("UnmarshalJSON (%v) and Parse (%v) disagree", jerr, err)
		}
		if err != nil {
			if d != nil {
				t.Fatal("document with error")
			}
			return
		}
		out, err := d.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		d2, err := Parse(out, kind)
		if err != nil {
			t.Fatalf("reparse %s: %v", out, err)
		}
		if diff := cmp.Diff(d, d2, cmp.AllowUnexported(Condition{})); diff != "" {
			t.Fatalf("round trip changed the document (-first +second):\n%s", diff)
		}
		out2, _ := d2.MarshalJSON()
		if string(out) != string(out2) {
			t.Fatalf("marshal is not stable:\n%s\n%s", out, out2)
		}
		_ = Validate(d)
		if kind == Resource {
			return
		}
		set := Set{Identity: []*Document{d}}
		if kind == ServiceControl {
			set = Set{Root: true, SCPs: [][]*Document{{d}}}
		}
		e, err := Compile(set)
		if err != nil {
			t.Fatalf("compile: %v", err)
		}
		c := NewContext(map[string][]string{"aws:username": {"alice"}, "aws:SourceIp": {"10.0.0.1"}, "aws:TagKeys": {"a", "b"}})
		for _, r := range []*Request{
			{Action: "artifact:GetReport", Resource: "arn:aws:artifact:us-east-1::report/report-a:1", Context: c},
			{Action: "artifact:ListReports", Resource: "*", Context: c},
			{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"},
		} {
			if got, x := e.Decide(r), e.Explain(r); got != x.Decision {
				t.Fatalf("Decide %v, Explain %v", got, x.Decision)
			}
		}
	})
}

// FuzzGlob: the iterative matcher agrees with a simple reference matcher.
func FuzzGlob(f *testing.F) {
	for _, s := range [][2]string{
		{"a*b?c", "axxbyc"}, {"*a*a*a*b", "aaaaaaaa"}, {"?é*", "aé"}, {"*", ""},
		{"arn:aws:artifact:*::report/*", "arn:aws:artifact:us-east-1::report/x:1"}, {"Get*Report*", "getreportmetadata"},
	} {
		f.Add(s[0], s[1], false)
		f.Add(s[0], s[1], true)
	}
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(s) || len(pattern) > 64 || len(s) > 256 {
			return
		}
		g := compileGlob(pattern, globOptions{wild: true, fold: fold})
		if got, want := g.match(s, nil), refMatch(pattern, s, fold); got != want {
			t.Fatalf("match(%q, %q, fold=%v) = %v, reference %v", pattern, s, fold, got, want)
		}
	})
}

// Pools the evaluation fuzzer draws policies and requests from.
var (
	fuzzActions = []string{"artifact:GetReport", "artifact:Get*", "artifact:*", "*", "artifact:List*", "s3:*",
		"artifact:?etReport", "ARTIFACT:getreport", "artifact:*Agreement", "artifact:TerminateAgreement", "artifact:Get*Report*"}
	fuzzResources = []string{"*", "arn:aws:artifact:*::report/*", "arn:aws:artifact:::agreement/*",
		"arn:aws:artifact:us-east-1::report/report-a:*", "arn:aws:artifact::111122223333:customer-agreement/*",
		"arn:aws:artifact:*::report/${aws:username}-*", "arn:aws-cn:artifact:*::report/*", "arn:aws:artifact:*:*:*agreement*"}
	fuzzConditions = []string{"", `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`,
		`{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`, `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`,
		`{"StringNotEquals":{"aws:PrincipalTag/team":"${aws:username}"}}`, `{"ForAnyValue:StringLike":{"aws:TagKeys":"e*"}}`,
		`{"NumericLessThanIfExists":{"aws:MultiFactorAuthAge":"300"}}`, `{"Null":{"aws:username":"false"}}`,
		`{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]},"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`,
		`{"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}`, `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/${aws:username}"}}`}
	fuzzRequests = [][2]string{{"artifact:GetReport", "arn:aws:artifact:us-east-1::report/report-a:1"},
		{"artifact:GetReport", "arn:aws:artifact:eu-west-1::report/alice-soc:2"}, {"artifact:ListReports", "*"},
		{"artifact:AcceptAgreement", "arn:aws:artifact:::agreement/agreement-abcdef0123456789"},
		{"artifact:TerminateAgreement", "arn:aws:artifact::111122223333:customer-agreement/customer-agreement-x"},
		{"s3:GetObject", "arn:aws:s3:::bucket/key"}, {"artifact:getreportMETADATA", "arn:aws-cn:artifact:cn-north-1::report/r:1"}}
	fuzzContexts = []map[string][]string{{},
		{"aws:MultiFactorAuthPresent": {"true"}, "aws:RequestedRegion": {"us-east-1"}, "aws:SourceIp": {"10.1.2.3"}, "aws:username": {"alice"}},
		{"aws:MultiFactorAuthPresent": {"false"}, "aws:TagKeys": {"env", "team"}, "aws:PrincipalTag/team": {"alice"}, "aws:username": {"alice"},
			"aws:PrincipalArn": {"arn:aws:iam::111122223333:user/alice"}, "aws:CurrentTime": {"2025-06-01T00:00:00Z"}},
		{"aws:TagKeys": {}, "aws:MultiFactorAuthAge": {"100"}, "aws:SourceIp": {"2001:db8::1"}, "aws:PrincipalTag/team": {"dev"}}}
)

// fuzzGen draws choices from fuzz input.
type fuzzGen struct {
	data []byte
}

func (g *fuzzGen) pick(n int) int {
	if len(g.data) == 0 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return int(b) % n
}

func (g *fuzzGen) statement(effect string) string {
	var b strings.Builder
	b.WriteString(`{"Effect":"` + effect + `",`)
	act := "Action"
	if g.pick(5) == 0 {
		act = "NotAction"
	}
	acts := []string{fuzzActions[g.pick(len(fuzzActions))]}
	if g.pick(3) == 0 {
		acts = append(acts, fuzzActions[g.pick(len(fuzzActions))])
	}
	res := "Resource"
	if g.pick(5) == 0 {
		res = "NotResource"
	}
	ress := []string{fuzzResources[g.pick(len(fuzzResources))]}
	if g.pick(3) == 0 {
		ress = append(ress, fuzzResources[g.pick(len(fuzzResources))])
	}
	aj, _ := json.Marshal(acts)
	rj, _ := json.Marshal(ress)
	b.WriteString(`"` + act + `":` + string(aj) + `,"` + res + `":` + string(rj))
	if c := fuzzConditions[g.pick(len(fuzzConditions))]; c != "" {
		b.WriteString(`,"Condition":` + c)
	}
	b.WriteString("}")
	return b.String()
}

func (g *fuzzGen) effect() string {
	if g.pick(3) == 0 {
		return "Deny"
	}
	return "Allow"
}

func mustDoc(t *testing.T, kind Kind, stmts []string) *Document {
	d, err := Parse([]byte(`{"Version":"2012-10-17","Statement":[`+strings.Join(stmts, ",")+`]}`), kind)
	if err != nil {
		t.Fatalf("generated policy: %v", err)
	}
	return d
}

// refDecide decides without the per-action index and without sharing the
// memo between statements: each statement is matched on its own.
func refDecide(e *Evaluator, r *Request) Decision {
	applies := func(s *stmt) bool {
		var q request
		var parsed [maxKeySlots]ctxValue
		q.v, q.entries, q.parsed = vars{&r.Context, r.Base}, r.Context.list(), &parsed
		e.prepare(&q, r, -1)
		return e.applies(s, &q)
	}
	for i := range e.layers {
		for j := range e.layers[i].stmts {
			if s := &e.layers[i].stmts[j]; s.deny && applies(s) {
				return ExplicitDeny
			}
		}
	}
	for i := range e.layers {
		l := &e.layers[i]
		if l.name == LayerIdentity && e.root {
			continue
		}
		allowed := false
		for j := range l.stmts {
			if s := &l.stmts[j]; !s.deny && applies(s) {
				allowed = true
			}
		}
		if !allowed {
			return ImplicitDeny
		}
	}
	return Allow
}

// FuzzEvaluate checks properties of evaluation on generated policies:
// Decide, Explain and a plain reference agree; reordering statements or
// policies never changes the decision; adding a Deny never turns a deny
// into an allow.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{3, 1, 1, 0, 2, 2, 2, 1, 0, 4, 4, 1, 5, 9, 2, 6})
	f.Add([]byte("policy evaluation is deterministic and order independent"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &fuzzGen{data: data}
		var policies [][]string
		for range 1 + g.pick(3) {
			var stmts []string
			for range 1 + g.pick(4) {
				stmts = append(stmts, g.statement(g.effect()))
			}
			policies = append(policies, stmts)
		}
		var scps [][]string
		if g.pick(2) == 0 {
			scps = append(scps, []string{`{"Effect":"Allow","Action":"*","Resource":"*"}`, g.statement(g.effect())})
		}
		extra := g.statement("Deny")
		rq := fuzzRequests[g.pick(len(fuzzRequests))]
		r := &Request{Action: rq[0], Resource: rq[1], Context: NewContext(fuzzContexts[g.pick(len(fuzzContexts))])}
		root := g.pick(4) == 0

		build := func(pols [][]string, reverse bool) *Evaluator {
			set := Set{Root: root}
			for _, p := range pols {
				stmts := append([]string(nil), p...)
				if reverse {
					for i, j := 0, len(stmts)-1; i < j; i, j = i+1, j-1 {
						stmts[i], stmts[j] = stmts[j], stmts[i]
					}
				}
				set.Identity = append(set.Identity, mustDoc(t, Identity, stmts))
			}
			if reverse {
				for i, j := 0, len(set.Identity)-1; i < j; i, j = i+1, j-1 {
					set.Identity[i], set.Identity[j] = set.Identity[j], set.Identity[i]
				}
			}
			for _, p := range scps {
				set.SCPs = append(set.SCPs, []*Document{mustDoc(t, ServiceControl, p)})
			}
			e, err := Compile(set)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}

		e := build(policies, false)
		got := e.Decide(r)
		if x := e.Explain(r); x.Decision != got {
			t.Fatalf("Decide %v, Explain %v\n%v", got, x.Decision, policies)
		}
		if ref := refDecide(e, r); ref != got {
			t.Fatalf("Decide %v, reference %v\n%v %v", got, ref, policies, rq)
		}
		// The same context built from Pairs, its values read only when
		// a condition looks their key up, decides the same, whether the
		// keys are spelled as the policies spell them or in upper case.
		var pairs []Pair
		upper := g.pick(2) == 0
		for _, k := range r.Context.Keys() {
			v, _ := r.Context.Lookup(k)
			if upper {
				k = upperASCII(k)
			}
			pairs = append(pairs, NewPair(k, v...))
		}
		viaPairs := *r
		viaPairs.Context = ContextOf(pairs...)
		if d := e.Decide(&viaPairs); d != got || e.Explain(&viaPairs).Decision != got {
			t.Fatalf("Decide %v, from pairs %v\n%v %v", got, d, policies, rq)
		}
		// And with some of its keys in a Base, shadowed by the others.
		half := len(pairs) / 2
		basePairs := pairs[half:len(pairs):len(pairs)]
		if _, ok := r.Context.Lookup("aws:username"); ok {
			basePairs = append(basePairs, NewPair("AWS:UserName", "mallory"))
		}
		base := ContextOf(basePairs...)
		viaBase := *r
		viaBase.Context, viaBase.Base = ContextOf(pairs[:half]...), &base
		if _, ok := r.Context.Lookup("aws:username"); ok {
			v, _ := r.Context.Lookup("aws:username")
			viaBase.Context = viaBase.Context.Extend(NewPair("aws:username", v...))
		}
		if d := e.Decide(&viaBase); d != got || e.Explain(&viaBase).Decision != got {
			t.Fatalf("Decide %v, with a base %v\n%v %v", got, d, policies, rq)
		}
		if rev := build(policies, true).Decide(r); rev != got {
			t.Fatalf("reordering changed %v to %v\n%v", got, rev, policies)
		}
		more := append([][]string(nil), policies...)
		more[0] = append(append([]string(nil), more[0]...), extra)
		after := build(more, false).Decide(r)
		if got != Allow && after == Allow || got == ExplicitDeny && after != ExplicitDeny {
			t.Fatalf("adding %s turned %v into %v", extra, got, after)
		}
	})
}

// FuzzContextValue: request values of any shape parse without panicking,
// deterministically, and as the reference reading does: a number as
// strconv.ParseFloat reads the IAM number syntax, a date as parseDate, a
// boolean, an IP address as netip.ParseAddr (unmapped, without its zone).
func FuzzContextValue(f *testing.F) {
	for _, s := range []string{"2025-01-01T00:00:00Z", "1735689600", "10.0.0.1", "::1", "true", "1e3", "2025-01-01T00:00:00.5+01:00",
		"-0", "+5", ".5", "5.", "1e400", "010.0.0.1", "1.2.3.256", "::ffff:10.0.0.1", "fe80::1%eth0", "1234567890123456789", "FALSE", "0x10",
		"0.0.0.0", "255.255.255.255", "1.2.3.4.5", "1.2.3", "00.1.2.3", "1..2.3", "1.2.3.4 ", "9.99.199.255", "1.2.3.0400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, b := parseValue(s), parseValue(s)
		if a != b {
			t.Fatalf("parseValue(%q) is not deterministic", s)
		}
		_, _ = parsePrefix(s)

		num, isNum := refNumber(s)
		if got := a.isNum(); got != isNum || isNum && math.Float64bits(a.num()) != math.Float64bits(num) {
			t.Fatalf("parseValue(%q) number %v %v, want %v %v", s, a.num(), got, num, isNum)
		}
		d, isDate := parseDate(s)
		if got := a.isTime(); got != isDate || isDate && a.time() != d {
			t.Fatalf("parseValue(%q) date %v %v, want %v %v", s, a.time(), got, d, isDate)
		}
		bv, isBool := parseBool(s)
		if got, ok := a.boolean(); ok != isBool || got != (isBool && bv) {
			t.Fatalf("parseValue(%q) boolean %v %v, word %x", s, got, ok, a.word)
		}
		var ip netip.Addr
		if maybeIP(s) {
			if addr, err := netip.ParseAddr(s); err == nil {
				ip = addr.Unmap().WithZone("")
			}
		}
		if a.addr() != ip {
			t.Fatalf("parseValue(%q) address %v, want %v", s, a.addr(), ip)
		}
		if four, ok, done := parseIPv4(s); done {
			addr, err := netip.ParseAddr(s)
			if ok != (err == nil) || ok && netip.AddrFrom4([4]byte{byte(four >> 24), byte(four >> 16), byte(four >> 8), byte(four)}) != addr {
				t.Fatalf("parseIPv4(%q) = %x %v, netip %v %v", s, four, ok, addr, err)
			}
		}
	})
}

// refNumber is the reading of an IAM number the package had before it
// checked the syntax itself: strconv.ParseFloat of a string of digits,
// signs, dots and exponents.
func refNumber(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("0123456789+-.eE", s[i]) < 0 {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// FuzzContextKeys: key names fold as strings.ToLower folds them, whether
// a context holds their pair as made (NewPair) or read (SharedPair).
func FuzzContextKeys(f *testing.F) {
	for _, s := range [][2]string{{"aws:SourceIp", "AWS:sourceip"}, {"aws:PrincipalTag/\u212a", "aws:PrincipalTag/k"}, {"", ""},
		{"aws:PrincipalTag/Équipe", "aws:principaltag/équipe"}, {"a\xffb", "A\xfeB"}, {"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"},
		{"aws:RequestedRegion", "aws:SecureTransport"}, {"aws:PrincipalTag/K1", "aws:PrincipalTag/k1"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		la, lb := strings.ToLower(a), strings.ToLower(b)
		// A key's pair as a context holds it, made per request and read.
		held := func(p Pair) *Pair {
			c := ContextOf(p)
			return &c.list()[0]
		}
		as := []*Pair{held(NewPair(a, "1")), held(SharedPair(a, "1"))}
		bs := []*Pair{held(NewPair(b, "2")), held(SharedPair(b, "2"))}
		for _, p := range as {
			if p.raw() && !isASCII(p.key) {
				t.Fatalf("raw pair of %q held with a key not ASCII", a)
			}
			if !p.is(la) || p.lower() != la {
				t.Fatalf("pair of %q: is(%q) %v, lower %q", a, la, p.is(la), p.lower())
			}
		}
		for _, x := range as {
			for _, y := range bs {
				if got := sameKey(x, y); got != (la == lb) || x.is(lb) != (la == lb) || sameKey(y, x) != got {
					t.Fatalf("sameKey(%q, %q) = %v, is %v; lower-cased %q and %q", a, b, got, x.is(lb), la, lb)
				}
				c := ContextOf(*x, *y)
				if want := 2 - btoi(la == lb); c.Len() != want {
					t.Fatalf("ContextOf(%q, %q) has %d keys", a, b, c.Len())
				}
				if vs, ok := valuesOf(&c, la); !ok || len(vs) != 1 || vs[0].s != map[bool]string{true: "2", false: "1"}[la == lb] {
					t.Fatalf("lookup of %q in ContextOf(%q, %q): %v %v", la, a, b, vs, ok)
				}
			}
		}
	})
}

// upperASCII upper-cases the ASCII letters of s.
func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// FuzzParseOperator: condition operator names parse without panicking; an
// accepted name is ASCII, and its canonical spelling and its upper-case
// spelling parse to the same operator.
func FuzzParseOperator(f *testing.F) {
	for _, s := range []string{"StringEquals", "ForAnyValue:StringLikeIfExists", "forallvalues:ipaddress", "NullIfExists",
		"Bool:", ":Bool", "IfExists", "ForAnyValue:", "StringEqual\u017f", "ArnNotLikeIFEXISTS"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		op, ok := parseOperator(name)
		if !ok {
			return
		}
		for i := 0; i < len(name); i++ {
			if name[i] >= utf8.RuneSelf {
				t.Fatalf("parseOperator(%q) accepts a non-ASCII name", name)
			}
		}
		canon := baseOpNames[op.base]
		if op.ifExists {
			canon += "IfExists"
		}
		switch op.set {
		case setAnyValue:
			canon = "ForAnyValue:" + canon
		case setAllValues:
			canon = "ForAllValues:" + canon
		}
		for _, n := range []string{canon, strings.ToUpper(name), strings.ToLower(name)} {
			if got, ok := parseOperator(n); !ok || got != op {
				t.Fatalf("parseOperator(%q) = %v, %v; parseOperator(%q) = %v", n, got, ok, name, op)
			}
		}
	})
}

// FuzzLookupAction: actionID and LookupAction agree with a linear search
// of the catalog ignoring ASCII case.
func FuzzLookupAction(f *testing.F) {
	for _, a := range catalog {
		f.Add(a.Name)
	}
	f.Add("ARTIFACT:getreport")
	f.Add("artifact:Ge\u212At")
	f.Add("artifact:")
	f.Fuzz(func(t *testing.T, name string) {
		want := -1
		for i := range catalog {
			if equalFoldASCII(catalog[i].Name, name) {
				want = i
			}
		}
		if got := actionID(name); got != want {
			t.Fatalf("actionID(%q) = %d, want %d", name, got, want)
		}
		a, ok := LookupAction(name)
		if ok != (want >= 0) || ok && a.Name != catalog[want].Name {
			t.Fatalf("LookupAction(%q) = %v, %v", name, a.Name, ok)
		}
	})
}

// FuzzEnumText: the enumerations' UnmarshalText never panics, and what it
// accepts marshals back to the same text.
func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"identity", "service-control", "resource", "Allow", "Deny", "allowed", "implicitDeny",
		"explicitDeny", "identity", "scp", "boundary", "Read", "Tagging, Write", "report", "customer-agreement", "ERROR", "allow", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var k Kind
		var e Effect
		var d Decision
		var l Layer
		var a AccessLevel
		var r ResourceType
		var v Severity
		for _, x := range []interface {
			encoding.TextUnmarshaler
			encoding.TextMarshaler
		}{&k, &e, &d, &l, &a, &r, &v} {
			if x.UnmarshalText([]byte(s)) != nil {
				continue
			}
			out, err := x.MarshalText()
			if err != nil || string(out) != s {
				t.Fatalf("%T: UnmarshalText(%q) then MarshalText = %q, %v", x, s, out, err)
			}
		}
	})
}

// FuzzGlobVariables: patterns with policy variables never panic, and when
// the variables' values hold no wildcards, matching is matching the
// pattern with the values written in.
func FuzzGlobVariables(f *testing.F) {
	f.Add("report/${aws:username}-*", "alice", "report/alice-1")
	f.Add("${aws:username, 'anon'}?${*}", "", "anonx*")
	f.Add("*${aws:username}*${aws:username}", "ab", "xabyab")
	f.Add("${ aws:username }${$}{x}", "al", "al${x}")
	f.Add("${aws:username", "a", "${aws:username")
	f.Fuzz(func(t *testing.T, pattern, value, s string) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(s) || len(pattern) > 64 || len(s) > 256 {
			return
		}
		if tok, n, ok := parseVariable("${" + pattern); ok && (n < 3 || n > len(pattern)+2 || tok.kind == tokVar && tok.key == "") {
			t.Fatalf("parseVariable(%q) = %+v, %d", "${"+pattern, tok, n)
		}
		ctx := NewContext(map[string][]string{"aws:username": {value}})
		g := compileGlob(pattern, globOptions{wild: true, vars: true})
		got := g.match(s, &vars{ctx: &ctx})
		if strings.ContainsAny(value, "*?$") || strings.Contains(pattern, "'") || !utf8.ValidString(value) {
			return
		}
		// Write the value in for each well-formed variable (ignoring
		// defaults, as the variable has a value), and the special
		// variables as their characters, escaped for refMatch by
		// checking that they stay literal.
		var b strings.Builder
		literalStar := false
		for i := 0; i < len(pattern); {
			if strings.HasPrefix(pattern[i:], "${") {
				if tok, n, ok := parseVariable(pattern[i:]); ok {
					switch {
					case tok.kind == tokLit && tok.lit != "$":
						literalStar = true // ${*} or ${?}: a literal wildcard character
					case tok.kind == tokLit:
						b.WriteString("$")
					case tok.key == "aws:username":
						b.WriteString(value)
					default:
						if got { // another key, absent from ctx
							t.Fatalf("match(%q, %q) with an unresolved variable = true", pattern, s)
						}
						return
					}
					i += n
					continue
				}
			}
			b.WriteByte(pattern[i])
			i++
		}
		if literalStar {
			return
		}
		if want := refMatch(b.String(), s, false); got != want {
			t.Fatalf("match(%q with aws:username=%q, %q) = %v, reference %v", pattern, value, s, got, want)
		}
	})
}

// FuzzCheck: Compile's check of a document, parsed and then changed in
// any of the ways a caller might change it, agrees with Parse of the
// document written as JSON.
func FuzzCheck(f *testing.F) {
	seedPolicies(f, func(doc []byte) { f.Add(doc, []byte{0, 17, 34}) })
	f.Add([]byte(`{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":"*"}}`), []byte{2, 9})
	f.Fuzz(func(t *testing.T, data []byte, ops []byte) {
		var d *Document
		for _, k := range []Kind{Identity, ServiceControl, Resource} {
			if p, err := Parse(data, k); err == nil {
				d = p
				break
			}
		}
		if d == nil || len(ops) > 16 {
			return
		}
		for _, op := range ops {
			if len(d.Statement) == 0 {
				d.Statement = append(d.Statement, Statement{Effect: EffectDeny, Action: Strings("*"), Resource: Strings("*")})
			}
			s := &d.Statement[int(op>>4)%len(d.Statement)]
			switch op % 16 {
			case 0:
				s.Effect = ""
			case 1:
				s.Effect = "allow"
			case 2:
				s.Action, s.NotAction = List{Values: []string{}}, List{}
			case 3:
				s.Action, s.NotAction = List{}, List{}
			case 4:
				s.Action, s.NotAction = Strings("*"), Strings("s3:*")
			case 5:
				s.Resource, s.NotResource = Strings("*", ""), List{}
			case 6:
				s.Condition = append(s.Condition, Condition{Operator: "StringEqualz", Key: "aws:x", Values: []string{"a"}})
			case 7:
				s.Condition = append(s.Condition, Condition{Operator: "StringEquals", Key: "nokey", Values: []string{"a"}})
			case 8:
				if len(s.Condition) > 0 {
					c := s.Condition[0]
					s.Condition = append(s.Condition, Condition{Operator: c.Operator, Key: c.Key, Values: []string{"dup"}})
				}
			case 9:
				s.Condition = append(s.Condition, Condition{Operator: "Bool", Key: "aws:SecureTransport"})
			case 10:
				s.Principal, s.NotPrincipal = &Principal{Wildcard: true}, nil
			case 11:
				d.Version = "2012-10-18"
			case 12:
				d.Statement = nil
			case 13:
				s.Principal, s.NotPrincipal = nil, nil
			case 14:
				s.Condition = append(s.Condition, Condition{Operator: "stringequals", Key: "aws:X", Values: []string{"1"}})
			case 15:
				s.Resource, s.NotResource = List{Values: []string{}}, List{}
			}
		}
		checkErr := d.check()
		out, err := d.MarshalJSON()
		if err != nil {
			if checkErr == nil {
				t.Fatalf("check accepts a document that does not marshal: %v", err)
			}
			return
		}
		if _, parseErr := Parse(out, d.Kind); (parseErr == nil) != (checkErr == nil) {
			t.Fatalf("check: %v; Parse of %s: %v", checkErr, out, parseErr)
		}
	})
}
