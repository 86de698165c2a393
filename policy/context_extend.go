package policy

import "strings"

// Extend returns a copy of c to which the keys and values kv (alternating:
// key, value, key, value, ...) are added, each key holding one value and
// replacing any values it had in c. It is With for several keys at once,
// built with two allocations whatever their number, for the keys a service
// adds to every request (aws:CurrentTime, artifact:ReportSeries, ...).
// A key without a value (an odd last element) is ignored. c itself is not
// changed.
func (c Context) Extend(kv ...string) Context {
	n := len(kv) / 2
	if n == 0 {
		return c
	}
	out := Context{entries: make([]ctxEntry, len(c.entries), len(c.entries)+n)}
	copy(out.entries, c.entries)
	vals := make([]ctxValue, n)
	for i := 0; i < n; i++ {
		name := kv[2*i]
		lk := lowerKey(name)
		vals[i] = parseValue(kv[2*i+1])
		e := ctxEntry{hash: keyHash(lk), key: lk, name: name, vals: vals[i : i+1 : i+1]}
		if j := out.findLinear(lk, e.hash); j >= 0 {
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

// serviceKeys maps the keys a service adds to every request, as AWS spells
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
