package policy

import (
	"encoding/base64"
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
	key  string // lower-cased
	hash uint32 // keyHash(key)
	vals []cval
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
	out := cond{op: op, pos: op.base.positive(), neg: op.base.negated(), key: strings.ToLower(c.Key), vals: make([]cval, len(c.Values))}
	out.hash = keyHash(out.key)
	for i, s := range c.Values {
		out.vals[i] = compileValue(op.base, s, vars)
	}
	return out, true
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

// eval reports whether the condition holds in ctx, with IAM's rules for
// absent keys: a plain operator is false, a negated one true, IfExists
// true; ForAllValues is true and ForAnyValue false (true with IfExists).
func (c *cond) eval(ctx *Context) bool {
	rv, present := ctx.values(c.key, c.hash)
	return c.evalValues(rv, present, ctx)
}

// evalValues is eval for the request values rv of the condition's key,
// present telling whether the key is in the context.
func (c *cond) evalValues(rv []ctxValue, present bool, ctx *Context) bool {
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
func (c *cond) any(r *ctxValue, ctx *Context) bool {
	b := c.pos
	for i := range c.vals {
		p := &c.vals[i]
		if p.ok && matchValue(b, r, p, ctx) {
			return true
		}
	}
	return false
}

func matchValue(b baseOp, r *ctxValue, p *cval, ctx *Context) bool {
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
		return r.flags&hasNum != 0 && r.num == p.num
	case opNumericLessThan:
		return r.flags&hasNum != 0 && r.num < p.num
	case opNumericLessThanEquals:
		return r.flags&hasNum != 0 && r.num <= p.num
	case opNumericGreaterThan:
		return r.flags&hasNum != 0 && r.num > p.num
	case opNumericGreaterThanEquals:
		return r.flags&hasNum != 0 && r.num >= p.num
	case opDateEquals:
		return r.flags&hasTime != 0 && r.t.compare(p.t) == 0
	case opDateLessThan:
		return r.flags&hasTime != 0 && r.t.compare(p.t) < 0
	case opDateLessThanEquals:
		return r.flags&hasTime != 0 && r.t.compare(p.t) <= 0
	case opDateGreaterThan:
		return r.flags&hasTime != 0 && r.t.compare(p.t) > 0
	case opDateGreaterThanEquals:
		return r.flags&hasTime != 0 && r.t.compare(p.t) >= 0
	case opBool:
		return r.flags&hasBool != 0 && (r.flags&boolTrue != 0) == p.b
	case opBinaryEquals:
		return strings.TrimRight(r.s, "=") == p.bin
	case opIPAddress:
		return r.ip.IsValid() && p.pfx.Contains(r.ip)
	}
	return false
}

// equalFold reports whether s equals the pattern's text with its variables
// substituted, under Unicode simple case folding. The pattern has no
// wildcards (it was compiled for StringEqualsIgnoreCase).
func (g *glob) equalFold(s string, ctx *Context) bool {
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
