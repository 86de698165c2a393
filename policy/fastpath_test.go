package policy

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// general returns c without its fast form, so that it is evaluated by
// matchValue on each policy value.
func general(c cond) cond {
	c.fast, c.words, c.lits = fastNone, nil, nil
	return c
}

// valuesOf returns the values of the lower-cased key lk in c, read, and
// whether c has the key.
func valuesOf(c *Context, lk string) ([]ctxValue, bool) {
	p := c.pair(lk)
	switch {
	case p == nil:
		return nil, false
	case p.e == nil:
		return []ctxValue{parseValue(p.s)}, true
	}
	return p.e.values(), true
}

// checkFastForms compiles a condition and checks, for the request values
// rv (present or not), that its fast form, the general form and the key
// group decided by Evaluator.resolve all agree.
func checkFastForms(t *testing.T, op, key string, vals []string, rv []string, present bool) {
	t.Helper()
	c, ok := compileCond(Condition{Operator: op, Key: key, Values: vals}, true)
	if !ok {
		return
	}
	ctx := Context{}
	if present {
		ctx = NewContext(map[string][]string{key: rv})
	}
	vs, _ := valuesOf(&ctx, c.key.lower)
	g := general(c)
	want := g.evalValues(vs, present, &vars{ctx: &ctx})
	require.Equal(t, want, c.evalValues(vs, present, &vars{ctx: &ctx}), "%s %s %q, request %q (present %v): fast form", op, key, vals, rv, present)

	// Decided with the other conditions on the key when it is looked up.
	e := &Evaluator{conds: []cond{c}}
	if c.fast == fastWords {
		grp := &e.byKey[0]
		grp.conds = 1
		if c.neg {
			grp.neg = 1
		}
		for _, w := range c.words {
			grp.tests = append(grp.tests, keyTest{wordTest: w, bit: 1})
		}
	}
	q := request{v: vars{ctx: &ctx}, entries: ctx.list(), parsed: new([maxKeySlots]ctxValue)}
	got := e.evalCond(0, &q)
	require.Equal(t, want, got, "%s %s %q, request %q (present %v): evalCond", op, key, vals, rv, present)
	if c.fast == fastWords && present && len(rv) == 1 {
		require.Equal(t, uint64(1), q.condDone, "the key group decides the condition")
		require.Equal(t, want, q.condVal == 1, "%s %s %q, request %q: key group", op, key, vals, rv)
	}
}

// The fast forms (word tests for Bool and IPv4 blocks, string comparison
// for StringEquals) and the key groups give the general form's answers.
func TestFastFormsAgreeWithGeneral(t *testing.T) {
	ops := map[string][]string{
		"aws:SecureTransport": {"Bool", "BoolIfExists", "ForAnyValue:Bool", "ForAllValues:Bool"},
		"aws:SourceIp": {"IpAddress", "NotIpAddress", "IpAddressIfExists", "NotIpAddressIfExists",
			"ForAnyValue:IpAddress", "ForAllValues:NotIpAddress"},
		"aws:RequestedRegion": {"StringEquals", "StringNotEquals", "StringEqualsIfExists",
			"ForAnyValue:StringEquals", "ForAllValues:StringNotEquals"},
	}
	policyValues := map[string][][]string{
		"aws:SecureTransport": {{"true"}, {"false"}, {"TRUE"}, {"true", "false"}, {"yes"}, {"yes", "false"}},
		"aws:SourceIp": {{"10.0.0.0/8"}, {"10.1.2.3"}, {"0.0.0.0/0"}, {"10.0.0.0/8", "203.0.113.0/24"},
			{"::ffff:10.0.0.0/104"}, {"2001:db8::/32"}, {"10.0.0.0/8", "2001:db8::/32"}, {"10.0.0.0/33"}, {"10.0.0.0/33", "192.0.2.0/24"}},
		"aws:RequestedRegion": {{"us-east-1"}, {"us-east-1", "eu-west-1"}, {""}, {"us-*"}, {"${aws:username}"}},
	}
	requestValues := map[string][][]string{
		"aws:SecureTransport": {{"true"}, {"false"}, {"True"}, {"1"}, {""}, {"true", "false"}, {"false", "false"}, {}},
		"aws:SourceIp": {{"10.1.2.3"}, {"10.255.255.255"}, {"11.0.0.0"}, {"203.0.113.9"}, {"::ffff:10.1.2.3"},
			{"2001:db8::1"}, {"fe80::1%eth0"}, {"not-an-ip"}, {"10.1.2.3", "192.0.2.1"}, {}},
		"aws:RequestedRegion": {{"us-east-1"}, {"US-EAST-1"}, {""}, {"us-*"}, {"us-east-1", "ap-south-1"}, {}},
	}
	for key, keyOps := range ops {
		for _, op := range keyOps {
			for _, vals := range policyValues[key] {
				t.Run(fmt.Sprintf("%s %s %q", op, key, vals), func(t *testing.T) {
					checkFastForms(t, op, key, vals, nil, false)
					for _, rv := range requestValues[key] {
						checkFastForms(t, op, key, vals, rv, true)
					}
				})
			}
		}
	}
}

// FuzzConditionFastForms: for any policy value and request values, the
// fast forms agree with the general form.
func FuzzConditionFastForms(f *testing.F) {
	f.Add(uint8(0), "true", "true", "")
	f.Add(uint8(1), "10.0.0.0/8", "10.1.2.3", "192.0.2.1")
	f.Add(uint8(2), "::ffff:10.0.0.0/100", "::ffff:10.1.2.3", "")
	f.Add(uint8(3), "us-east-1", "us-east-1", "")
	ops := []string{"Bool", "IpAddress", "NotIpAddress", "StringEquals", "StringNotEquals",
		"ForAllValues:NotIpAddress", "ForAnyValue:StringEquals", "BoolIfExists"}
	f.Fuzz(func(t *testing.T, op uint8, val, r1, r2 string) {
		o := ops[int(op)%len(ops)]
		rv := []string{r1}
		if r2 != "" {
			rv = append(rv, r2)
		}
		checkFastForms(t, o, "aws:k", []string{val}, rv, true)
		checkFastForms(t, o, "aws:k", []string{val, r2}, []string{r1}, true)
		checkFastForms(t, o, "aws:k", []string{val}, nil, false)
	})
}
