package policy

import "strings"

// An rpat is a compiled Resource, NotResource or ARN-condition pattern.
// ARN-shaped patterns (arn:partition:service:region:account:resource) are
// matched component by component, so a wildcard in one component never
// spans a colon into the next; the resource component keeps its colons
// ("report/report-abc:1"). Other patterns are matched as a whole.
type rpat struct {
	never bool    // the pattern matches nothing
	all   bool    // the pattern is exactly "*"
	arn   bool    // ARN-shaped
	comp  [4]glob // partition, service, region, account
	res   glob    // the resource component
	whole glob    // patterns that are not ARN-shaped
}

// globs returns the patterns r is made of.
func (r *rpat) globs() []*glob {
	return []*glob{&r.comp[0], &r.comp[1], &r.comp[2], &r.comp[3], &r.res, &r.whole}
}

// compileResource compiles resource pattern p. Policy variables, when
// enabled, are substituted in the resource component only, as in IAM.
func compileResource(p string, vars bool) *rpat {
	r := &rpat{all: p == "*"}
	if parts, rest, ok := splitARN(p); ok {
		if literal(parts[:]) {
			// With literal leading components the colons are pinned: a
			// whole-string match is the component match, and a common
			// pattern such as arn:aws:artifact:::report/* becomes a
			// single prefix test.
			r.whole = compileGlob(p, globOptions{wild: true, vars: vars})
			return r
		}
		r.arn = true
		for i := range r.comp {
			r.comp[i] = compileGlob(parts[i], globOptions{wild: true})
		}
		r.res = compileGlob(rest, globOptions{wild: true, vars: vars})
		return r
	}
	r.whole = compileGlob(p, globOptions{wild: true, vars: vars})
	return r
}

// compileARNPattern compiles the value of an Arn condition operator.
// Unlike a Resource, it must be "*" or have all six components, each
// compared separately.
func compileARNPattern(p string, vars bool) *rpat {
	r := compileResource(p, vars)
	if !r.all && !r.arn {
		if _, _, ok := splitARN(p); !ok {
			r.never = true
		}
	}
	return r
}

// literal reports whether no part has a wildcard or a variable.
func literal(parts []string) bool {
	for _, p := range parts {
		if strings.ContainsAny(p, "*?") || strings.Contains(p, "${") {
			return false
		}
	}
	return true
}

// splitARN splits s into its partition, service, region and account
// components and the resource component. ok is false unless s starts with
// "arn:" and has at least five colons.
func splitARN(s string) (parts [4]string, rest string, ok bool) {
	if !strings.HasPrefix(s, "arn:") {
		return parts, "", false
	}
	rest = s[4:]
	for i := range parts {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return parts, "", false
		}
		parts[i], rest = rest[:j], rest[j+1:]
	}
	return parts, rest, true
}

// target is a requested resource, split into components when some
// pattern needs them.
type target struct {
	s    string
	star bool // the request is on no particular resource ("*")
	arn  bool // split into comp and res
	comp [4]string
	res  string
}

// makeTarget prepares s for matching; split says whether to split it into
// ARN components.
func makeTarget(s string, split bool) target {
	t := target{s: s, star: s == "*"}
	if split {
		t.comp, t.res, t.arn = splitARN(s)
	}
	return t
}

// match reports whether the pattern matches the target. A request on "*"
// is matched only by the pattern "*".
func (r *rpat) match(t *target, ctx *vars) bool {
	switch {
	case r.never:
		return false
	case r.all:
		return true
	case t.star:
		return false
	case r.arn:
		if !t.arn {
			return false
		}
		for i := range r.comp {
			if !r.comp[i].match(t.comp[i], ctx) {
				return false
			}
		}
		return r.res.match(t.res, ctx)
	}
	return r.whole.match(t.s, ctx)
}
