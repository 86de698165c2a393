package policy

import (
	"encoding/base64"
	"encoding/binary"
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A cond is a compiled condition: one operator, one key, its values.
type cond struct {
	slot int // index of key among the Evaluator's condition keys
	op   operator
	pos  baseOp // op.base, or the operator it negates
	neg  bool   // op.base is a negated operator
	key  lookupKey
	vals []cval

	// fast selects a specialised form of [cond.any], prepared at compile
	// time from vals, and cost ranks how expensive the condition is to
	// evaluate, so that a statement can test its cheap conditions first.
	fast  fastForm
	cost  uint8
	words []wordTest // fastWords
	lits  []string   // fastLiteral: the literal strings
}

// A fastForm is a specialised way to match one request value against all
// of a condition's policy values at once.
type fastForm uint8

const (
	fastNone    fastForm = iota // matchValue on each policy value
	fastWords                   // Bool, IpAddress with IPv4 blocks: some wordTest passes
	fastLiteral                 // StringEquals without variables: string comparisons
)

// A wordTest matches a request value v when v.word&mask == want: a Bool
// value, or an IPv4 block (the masked address, flagged wordIP4).
type wordTest struct {
	mask, want uint64
}

// A cval is a condition value, parsed for its operator at compile time.
// ok is false for values that cannot be read as the operator's type; such
// values match nothing.
type cval struct {
	ok   bool
	g    *glob // String operators
	fold string
	r    *rpat // Arn operators
	num  float64
	t    instant
	pfx  netip.Prefix
	b    bool   // Bool and Null
	bin  string // BinaryEquals: canonical base64 without padding
}

func compileCond(c Condition, vars bool) (cond, bool) {
	op, ok := parseOperator(c.Operator)
	if !ok {
		return cond{}, false
	}
	out := cond{op: op, pos: op.base.positive(), neg: op.base.negated(), key: newLookupKey(c.Key), vals: make([]cval, len(c.Values))}
	for i, s := range c.Values {
		out.vals[i] = compileValue(op.base, s, vars)
	}
	out.specialise()
	return out, true
}

// specialise picks the condition's fast form and cost from its operator
// and compiled values. Values that cannot be read as the operator's type
// match nothing, so every form leaves them out.
func (c *cond) specialise() {
	c.cost = 3
	switch c.pos {
	case opBool:
		c.fast, c.cost = fastWords, 0
		for _, v := range c.vals {
			if v.ok {
				t := wordTest{mask: wordBool | wordTrue, want: wordBool}
				if v.b {
					t.want |= wordTrue
				}
				c.words = append(c.words, t)
			}
		}
	case opNull:
		c.cost = 0
	case opNumericEquals, opNumericLessThan, opNumericLessThanEquals, opNumericGreaterThan, opNumericGreaterThanEquals,
		opDateEquals, opDateLessThan, opDateLessThanEquals, opDateGreaterThan, opDateGreaterThanEquals:
		c.cost = 1
	case opIPAddress:
		// IPv4 blocks hold IPv4 addresses only: request addresses are
		// unmapped when the context is built, and so are IPv4-mapped
		// blocks when the policy is compiled.
		c.cost = 2
		var words []wordTest
		for _, v := range c.vals {
			if !v.ok {
				continue
			}
			if !v.pfx.Addr().Is4() {
				return // an IPv6 block: the general form
			}
			a := v.pfx.Addr().As4()
			mask := uint64(0)
			if bits := v.pfx.Bits(); bits > 0 {
				mask = uint64(^uint32(0) << (32 - bits))
			}
			addr := uint64(binary.BigEndian.Uint32(a[:]))
			words = append(words, wordTest{mask: wordIP4 | mask, want: wordIP4 | addr&mask})
		}
		c.fast, c.words = fastWords, words
	case opStringEquals:
		c.cost = 2
		var lits []string
		for _, v := range c.vals {
			if v.g.kind != globExact {
				return // a policy variable: the general form
			}
			lits = append(lits, v.g.lit)
		}
		c.fast, c.lits = fastLiteral, lits
	}
}

// matchWords reports whether request value r passes one of the
// condition's word tests.
func (c *cond) matchWords(r *ctxValue) bool {
	for _, t := range c.words {
		if r.word&t.mask == t.want {
			return true
		}
	}
	return false
}

func compileValue(b baseOp, s string, vars bool) cval {
	v := cval{}
	switch b.positive() {
	case opStringEquals:
		g := compileGlob(s, globOptions{vars: vars})
		v.g, v.ok = &g, true
	case opStringEqualsIgnoreCase:
		g := compileGlob(s, globOptions{vars: vars})
		v.g, v.fold, v.ok = &g, s, true
	case opStringLike:
		g := compileGlob(s, globOptions{wild: true, vars: vars})
		v.g, v.ok = &g, true
	case opArnEquals, opArnLike:
		v.r, v.ok = compileARNPattern(s, vars), true
	case opNumericEquals, opNumericLessThan, opNumericLessThanEquals, opNumericGreaterThan, opNumericGreaterThanEquals:
		v.num, v.ok = parseNumber(s)
	case opDateEquals, opDateLessThan, opDateLessThanEquals, opDateGreaterThan, opDateGreaterThanEquals:
		v.t, v.ok = parseDate(s)
	case opBool, opNull:
		v.b, v.ok = parseBool(s)
	case opBinaryEquals:
		if raw, err := base64.StdEncoding.DecodeString(s); err == nil {
			v.bin, v.ok = strings.TrimRight(base64.StdEncoding.EncodeToString(raw), "="), true
		}
	case opIPAddress:
		v.pfx, v.ok = parsePrefix(s)
	}
	return v
}

// parsePrefix parses an IPv4 or IPv6 CIDR block; a bare address is a
// block of one.
func parsePrefix(s string) (netip.Prefix, bool) {
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return netip.Prefix{}, false
		}
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen()), true
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
	}
	return p.Masked(), true
}

// evalValues reports whether the condition holds for the request values
// rv of its key, present telling whether the key is in the context, with
// IAM's rules for absent keys: a plain operator is false, a negated one
// true, IfExists true; ForAllValues is true and ForAnyValue false (true
// with IfExists).
func (c *cond) evalValues(rv []ctxValue, present bool, ctx *vars) bool {
	if len(rv) == 1 && c.op.base != opNull {
		// One request value: every qualifier reduces to this.
		return c.any(&rv[0], ctx) != c.neg
	}
	if c.op.base == opNull {
		for i := range c.vals {
			if c.vals[i].ok && c.vals[i].b != present {
				return true
			}
		}
		return false
	}
	neg := c.neg
	if !present {
		switch c.op.set {
		case setAllValues:
			return true
		case setAnyValue:
			return c.op.ifExists
		}
		return c.op.ifExists || neg
	}
	// A key present with no values (aws:TagKeys of an untagged request)
	// is an empty set: "every value" holds and "some value" does not.
	switch {
	case c.op.set == setAllValues || (c.op.set == setNone && neg):
		// Every request value must pass; for a negated operator, pass
		// means matching none of the policy values.
		for i := range rv {
			if c.any(&rv[i], ctx) == neg {
				return false
			}
		}
		return true
	default:
		// Some request value must pass.
		for i := range rv {
			if c.any(&rv[i], ctx) != neg {
				return true
			}
		}
		return false
	}
}

// any reports whether request value r matches one of the policy values
// under the positive form of the operator.
func (c *cond) any(r *ctxValue, ctx *vars) bool {
	switch c.fast {
	case fastWords:
		return c.matchWords(r)
	case fastLiteral:
		for _, l := range c.lits {
			if r.s == l {
				return true
			}
		}
		return false
	}
	b := c.pos
	for i := range c.vals {
		p := &c.vals[i]
		if p.ok && matchValue(b, r, p, ctx) {
			return true
		}
	}
	return false
}

func matchValue(b baseOp, r *ctxValue, p *cval, ctx *vars) bool {
	switch b {
	case opStringEquals, opStringLike:
		return p.g.match(r.s, ctx)
	case opStringEqualsIgnoreCase:
		if p.g.nvar == 0 {
			return strings.EqualFold(r.s, p.fold)
		}
		return p.g.equalFold(r.s, ctx)
	case opArnEquals, opArnLike:
		t := makeTarget(r.s, true)
		return t.arn && p.r.match(&t, ctx)
	case opNumericEquals:
		return r.isNum() && r.num() == p.num
	case opNumericLessThan:
		return r.isNum() && r.num() < p.num
	case opNumericLessThanEquals:
		return r.isNum() && r.num() <= p.num
	case opNumericGreaterThan:
		return r.isNum() && r.num() > p.num
	case opNumericGreaterThanEquals:
		return r.isNum() && r.num() >= p.num
	case opDateEquals:
		return r.isTime() && r.time().compare(p.t) == 0
	case opDateLessThan:
		return r.isTime() && r.time().compare(p.t) < 0
	case opDateLessThanEquals:
		return r.isTime() && r.time().compare(p.t) <= 0
	case opDateGreaterThan:
		return r.isTime() && r.time().compare(p.t) > 0
	case opDateGreaterThanEquals:
		return r.isTime() && r.time().compare(p.t) >= 0
	case opBool:
		b, ok := r.boolean()
		return ok && b == p.b
	case opBinaryEquals:
		return strings.TrimRight(r.s, "=") == p.bin
	case opIPAddress:
		a := r.addr()
		return a.IsValid() && p.pfx.Contains(a)
	}
	return false
}

// equalFold reports whether s equals the pattern's text with its variables
// substituted, under Unicode simple case folding. The pattern has no
// wildcards (it was compiled for StringEqualsIgnoreCase).
func (g *glob) equalFold(s string, ctx *vars) bool {
	if !g.resolvable(ctx) {
		return false
	}
	i := 0
	for _, t := range g.head {
		piece := t.lit
		if t.kind == tokVar {
			piece, _ = ctx.variable(t)
		}
		for _, pr := range piece {
			if i >= len(s) {
				return false
			}
			sr, n := utf8.DecodeRuneInString(s[i:])
			if !foldEqual(sr, pr) {
				return false
			}
			i += n
		}
	}
	return i == len(s)
}

// foldEqual reports whether runes a and b are equal under simple case
// folding.
func foldEqual(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}
