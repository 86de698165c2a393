package policy

import (
	"sort"
	"strings"
)

// A Context holds the condition keys of one request (aws:SourceIp,
// aws:PrincipalTag/team, artifact:ReportSeries, ...) with their values.
// Key names are case-insensitive; a key has one value or several
// (aws:TagKeys, aws:CalledVia). Values are read once as numbers, dates,
// IP addresses and booleans, so that evaluation only compares: when they
// are added, or, for the one-value [Pair]s of a request, when a decision
// first looks their key up.
//
// Build a request's context in one call with [ContextOf], from [Pair]s. A
// Context holds up to eight keys in itself (it is a value of some 360
// bytes: a key is its Pair), so a request's context costs no allocation
// at all when its [Request] stays on the stack, and one allocation beyond
// eight keys. A context that many requests share (a caller's own keys)
// is best their [Request.Base]; [Context.Extend] copies it with a
// request's keys added. [NewContext] reads a map, which is convenient
// where speed does not matter (tests, tools). [Context.With],
// [Context.Set] and [Context.Delete] change one key.
//
// The zero Context is empty and ready to use. A Context that is no longer
// modified is safe for concurrent reads. Derive contexts with With and
// Extend: a copy made by assignment may share storage with the original,
// so Set or Delete on one may change the other.
type Context struct {
	n     int32            // the number of keys in small, when big is nil
	raw   bool             // some pairs hold a value not read yet (Pair.raw)
	big   []Pair           // the keys, once there are more than inlineKeys
	index map[string]int   // lower-cased keys to pairs, once there are more than indexThreshold
	small [inlineKeys]Pair // the keys of a small context
}

// inlineKeys is the number of keys a Context holds without allocating.
const inlineKeys = 8

// indexThreshold is the number of keys above which lookups use a map.
const indexThreshold = 12

// list returns the context's pairs.
func (c *Context) list() []Pair {
	if c.big != nil {
		return c.big
	}
	return c.small[:c.n]
}

// at returns pair i.
func (c *Context) at(i int) *Pair {
	if c.big != nil {
		return &c.big[i]
	}
	return &c.small[i]
}

// reserve makes room for k more pairs, moving the pairs to the heap when
// they will not fit in small; big is then c's own.
func (c *Context) reserve(k int) {
	switch {
	case c.big != nil:
		if cap(c.big)-len(c.big) < k {
			c.big = append(make([]Pair, 0, len(c.big)+k), c.big...)
		}
	case int(c.n)+k > inlineKeys:
		c.big = append(make([]Pair, 0, int(c.n)+k), c.small[:c.n]...)
		c.small, c.n = [inlineKeys]Pair{}, 0
	}
}

// own gives c storage of its own, not shared with the context it was
// copied from, with room for k more pairs.
func (c *Context) own(k int) {
	if c.big != nil {
		c.big = append(make([]Pair, 0, len(c.big)+k), c.big...)
		c.reindex()
		return
	}
	c.reserve(k)
	c.reindex()
}

// A ctxEntry holds the values of a key, read: those of a [Pair] made by
// [SharedPair] or [TimeKeys], or with other than one value, and of every
// key of a context made by [NewContext] or changed by [Context.Set]. It
// is immutable once made, and shared by the contexts that hold the pair.
type ctxEntry struct {
	n    int         // the number of values
	one  [1]ctxValue // the value of a key with exactly one
	vals []ctxValue  // the values of a key that has not exactly one
}

// newEntry returns the entry of values, read.
func newEntry(values []string) *ctxEntry {
	e := &ctxEntry{n: len(values)}
	e.init(values)
	return e
}

// init reads values into e, whose n is len(values).
func (e *ctxEntry) init(values []string) {
	if len(values) == 1 {
		e.one[0].parse(values[0])
		return
	}
	if len(values) == 0 {
		return
	}
	e.vals = make([]ctxValue, len(values))
	for i, s := range values {
		e.vals[i].parse(s)
	}
}

// values returns the entry's values.
func (e *ctxEntry) values() []ctxValue {
	if e.n == 1 {
		return e.one[:]
	}
	return e.vals
}

// lowerKey returns key lower-cased as strings.ToLower lowers it, without
// a copy when it is lower-case already.
func lowerKey(key string) string {
	if isASCII(key) {
		return lowerASCII(key)
	}
	return strings.ToLower(key)
}

// isASCII reports whether s is ASCII, looking at eight bytes at a time.
func isASCII(s string) bool {
	var hi uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		hi |= load64(s, i)
	}
	for ; i < len(s); i++ {
		hi |= uint64(s[i])
	}
	return hi&nonASCII == 0
}

// equalLowerASCII reports whether the ASCII string name, lower-cased,
// equals lk. It compares eight bytes at a time, the last eight bytes
// overlapping the others, so that a key of 9 to 16 bytes costs two
// comparisons and one of 17 to 24 three.
func equalLowerASCII(name, lk string) bool {
	n := len(lk)
	if len(name) != n {
		return false
	}
	if n < 8 {
		for i := 0; i < n; i++ {
			if lowerTable[name[i]] != lk[i] {
				return false
			}
		}
		return true
	}
	for i := 0; i < n-8; i += 8 {
		if lower64(load64(name, i)) != load64(lk, i) {
			return false
		}
	}
	return lower64(load64(name, n-8)) == load64(lk, n-8)
}

// equalFoldKeys reports whether the ASCII strings a and b are equal
// ignoring ASCII case, eight bytes at a time as equalLowerASCII.
func equalFoldKeys(a, b string) bool {
	n := len(a)
	if len(b) != n {
		return false
	}
	if n < 8 {
		return equalFoldASCII(a, b)
	}
	for i := 0; i < n-8; i += 8 {
		if lower64(load64(a, i)) != lower64(load64(b, i)) {
			return false
		}
	}
	return lower64(load64(a, n-8)) == lower64(load64(b, n-8))
}

// NewContext returns a context holding kv. Keys that differ only in case
// name the same key; their values are merged in key order. A key with an
// empty list of values is present with no values (a request with no tags
// has aws:TagKeys = []): ForAllValues holds for it and ForAnyValue does
// not, and ...IfExists does not skip it. Leave out keys that are absent.
//
// NewContext sorts the keys and allocates for each; a request's context
// is cheaper built with [ContextOf].
func NewContext(kv map[string][]string) Context {
	names := make([]string, 0, len(kv))
	for k := range kv {
		names = append(names, k)
	}
	sort.Strings(names)
	var c Context
	c.reserve(len(names))
	entries := make([]ctxEntry, len(names))
	for i, k := range names {
		p := Pair{key: k, s: lowerKey(k), e: &entries[i]}
		if j := c.findPair(&p); j >= 0 {
			// A key given again in another case: its values are merged,
			// under the name given first.
			old := c.at(j)
			vals := append(old.Values(), kv[k]...)
			p.e.n = len(vals)
			p.e.init(vals)
			old.e = p.e
			continue
		}
		p.e.n = len(kv[k])
		p.e.init(kv[k])
		*c.next() = p
		c.commit()
	}
	return c
}

// With returns a copy of c in which key holds values, replacing any
// previous values of key. c itself is not changed, so a base context can
// be shared by concurrent requests.
func (c Context) With(key string, values ...string) Context {
	c.own(1)
	c.Set(key, values...)
	return c
}

// Set makes key hold values in c, replacing any previous values of key.
// With no values the key is present but empty, like NewContext's empty
// lists; use Delete to remove a key.
func (c *Context) Set(key string, values ...string) {
	*c.next() = newPairEntry(key, values)
	c.commit()
}

// Delete removes key from c.
func (c *Context) Delete(key string) {
	i := c.find(strings.ToLower(key))
	switch {
	case i < 0:
		return
	case c.big != nil:
		c.big = append(c.big[:i:i], c.big[i+1:]...)
	default:
		copy(c.small[i:c.n], c.small[i+1:c.n])
		c.n--
		c.small[c.n] = Pair{}
	}
	c.reindex()
}

// Lookup returns the values of key and whether c has it.
func (c *Context) Lookup(key string) ([]string, bool) {
	i := c.find(strings.ToLower(key))
	if i < 0 {
		return nil, false
	}
	return c.at(i).Values(), true
}

// Keys returns the context's keys as they were given, sorted.
func (c *Context) Keys() []string {
	ps := c.list()
	out := make([]string, len(ps))
	for i := range ps {
		out[i] = ps[i].key
	}
	sort.Strings(out)
	return out
}

// Len returns the number of keys in c.
func (c *Context) Len() int { return len(c.list()) }

// next returns the slot after c's last pair, made room for, where commit
// expects the next pair.
func (c *Context) next() *Pair {
	if c.big == nil {
		if c.n < inlineKeys {
			return &c.small[c.n]
		}
		c.reserve(inlineKeys) // to the heap, with room to grow
	}
	n := len(c.big)
	if n == cap(c.big) {
		c.big = append(c.big, Pair{})[:n]
	}
	return &c.big[:n+1][n]
}

// commit adds the pair in the slot next returned to c, or, when c has the
// same key already, replaces that key's pair with it.
func (c *Context) commit() {
	ps := c.list()
	n := len(ps)
	p := &ps[:n+1][n]
	if p.raw() {
		c.raw = true
	}
	if i := c.findPair(p); i >= 0 {
		ps[i] = *p
		*p = Pair{}
		return
	}
	if c.big == nil {
		c.n++
		return
	}
	c.big = c.big[:n+1]
	switch {
	case c.index != nil:
		c.index[p.lower()] = n
	case n+1 > indexThreshold:
		c.reindex()
	}
}

func (c *Context) reindex() {
	ps := c.list()
	if len(ps) <= indexThreshold {
		c.index = nil
		return
	}
	c.index = make(map[string]int, len(ps))
	for i := range ps {
		c.index[ps[i].lower()] = i
	}
}

// findPair returns the index of the pair with p's key, or -1.
func (c *Context) findPair(p *Pair) int {
	if c.index != nil {
		if i, ok := c.index[p.lower()]; ok {
			return i
		}
		return -1
	}
	ps := c.list()
	for i := range ps {
		if sameKey(&ps[i], p) {
			return i
		}
	}
	return -1
}

// find returns the index of the pair of the lower-cased key lk, or -1.
func (c *Context) find(lk string) int {
	return c.findKey(&lookupKey{lower: lk, name: lk, tail: keyTail(lk)})
}

// A lookupKey is a condition key prepared for lookups in contexts.
type lookupKey struct {
	lower string // lower-cased
	name  string // as a policy spells it
	tail  uint64 // keyTail(lower)
}

// newLookupKey returns the lookupKey of key as a policy spells it.
func newLookupKey(key string) lookupKey {
	lk := strings.ToLower(key)
	return lookupKey{lower: lk, name: key, tail: keyTail(lk)}
}

// keyTail returns the last eight bytes of a key of eight bytes or more,
// with bit 5 of each set (as lowerSig), for [Context.findKey].
func keyTail(lk string) uint64 {
	if n := len(lk); n >= 8 {
		return load64(lk, n-8) | caseBits
	}
	return 0
}

// findKey returns the index of the pair of key k, or -1. The raw pairs'
// keys of k's length are compared by their last eight bytes first,
// ignoring case (most keys that differ, differ there), then as a policy
// spells k (most requests spell a key so), and only then ignoring case.
func (c *Context) findKey(k *lookupKey) int {
	lk := k.lower
	if c.index != nil {
		if i, ok := c.index[lk]; ok {
			return i
		}
		return -1
	}
	n := len(lk)
	ps := c.list()
	for i := range ps {
		p := &ps[i]
		if p.e != nil {
			if p.s == lk {
				return i
			}
			continue
		}
		if len(p.key) == n && (n < 8 || load64(p.key, n-8)|caseBits == k.tail) && (p.key == k.name || equalLowerASCII(p.key, lk)) {
			return i
		}
	}
	return -1
}

// pair returns the pair of the lower-cased key lk, nil when c (which may
// be nil) has none.
func (c *Context) pair(lk string) *Pair {
	if c == nil {
		return nil
	}
	if i := c.find(lk); i >= 0 {
		return c.at(i)
	}
	return nil
}

// vars resolves the policy variables of a request from its context and,
// for keys the context lacks, from its base.
type vars struct{ ctx, base *Context }

// variable resolves a policy variable: the key's value when it has exactly
// one, else the variable's default, else nothing.
func (v *vars) variable(t token) (string, bool) {
	if v != nil {
		p := v.ctx.pair(t.key)
		if p == nil {
			p = v.base.pair(t.key)
		}
		if p != nil {
			if s, ok := p.single(); ok {
				return s, true
			}
		}
	}
	if t.def {
		return t.lit, true
	}
	return "", false
}
