package policy

import "strings"

// A Pair is a condition key with one value, parsed once: its key folded and
// hashed, its value read as a number, a date, an IP address and a boolean.
// Services that add the same keys to many requests (aws:CurrentTime within
// one second, aws:RequestedRegion, a report's artifact:ReportSeries) build
// their Pairs once and add them with Context.Extend. The zero Pair is
// ignored by Extend. A Pair is immutable and safe for concurrent use.
type Pair struct {
	name string
	lk   string
	hash uint32
	val  []ctxValue // exactly one value; shared by every Context it is added to
}

// NewPair returns the pair of key and value.
func NewPair(key, value string) Pair {
	lk := lowerKey(key)
	return Pair{name: key, lk: lk, hash: keyHash(lk), val: []ctxValue{parseValue(value)}}
}

// Key returns the pair's key as given.
func (p Pair) Key() string { return p.name }

// Value returns the pair's value.
func (p Pair) Value() string {
	if len(p.val) == 0 {
		return ""
	}
	return p.val[0].s
}

// Extend returns a copy of c to which the pairs are added, each key holding
// its one value and replacing any values it had in c. It is With for
// several keys at once, in one allocation whatever their number. c itself
// is not changed.
func (c Context) Extend(pairs ...Pair) Context {
	out := Context{entries: make([]ctxEntry, len(c.entries), len(c.entries)+len(pairs))}
	copy(out.entries, c.entries)
	for _, p := range pairs {
		if p.val == nil {
			continue
		}
		e := ctxEntry{hash: p.hash, key: p.lk, name: p.name, vals: p.val[:1:1]}
		if j := out.findLinear(p.lk, p.hash); j >= 0 {
			out.entries[j] = e
			continue
		}
		out.entries = append(out.entries, e)
	}
	out.reindex()
	return out
}

// findLinear is find without the index, for a Context being built.
func (c *Context) findLinear(lk string, h uint32) int {
	for i := range c.entries {
		if c.entries[i].hash == h && c.entries[i].key == lk {
			return i
		}
	}
	return -1
}

// lowerKey returns the lower-case form of a condition key name, without
// allocating for the keys services add to most requests.
func lowerKey(name string) string {
	if lk, ok := serviceKeys[name]; ok {
		return lk
	}
	return strings.ToLower(name)
}

// serviceKeys maps the keys a service adds to most requests, as AWS spells
// them, to their lower-case form. It is never written.
var serviceKeys = func() map[string]string {
	m := map[string]string{}
	for _, k := range []string{"aws:CurrentTime", "aws:EpochTime", "aws:RequestedRegion", "aws:PrincipalArn",
		"aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:SecureTransport", "aws:SourceIp", "aws:userid", "aws:username",
		"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "artifact:ReportSeries", "artifact:ReportCategory"} {
		m[k] = strings.ToLower(k)
	}
	return m
}()
