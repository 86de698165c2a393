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
// Context holds up to eight keys in itself (it is a value of some 750
// bytes), so a request's context costs no allocation at all when its
// [Request] stays on the stack, and one allocation beyond eight keys. A
// context that many requests share (a caller's own keys) is best their
// [Request.Base]; [Context.Extend] copies it with a request's keys added.
// [NewContext] reads a map, which is convenient where speed does not
// matter (tests, tools). [Context.With], [Context.Set] and
// [Context.Delete] change one key.
//
// The zero Context is empty and ready to use. A Context that is no longer
// modified is safe for concurrent reads. Derive contexts with With and
// Extend: a copy made by assignment may share storage with the original,
// so Set or Delete on one may change the other.
type Context struct {
	n     int                  // the number of keys in small, when big is nil
	raw   bool                 // some entries hold an unparsed value (see ctxEntry.n)
	big   []ctxEntry           // the keys, once there are more than inlineKeys
	index map[string]int       // lower-cased keys to entries, once there are more than indexThreshold
	small [inlineKeys]ctxEntry // the keys of a small context
}

// inlineKeys is the number of keys a Context holds without allocating.
const inlineKeys = 8

// list returns the context's entries.
func (c *Context) list() []ctxEntry {
	if c.big != nil {
		return c.big
	}
	return c.small[:c.n]
}

// at returns entry i.
func (c *Context) at(i int) *ctxEntry {
	if c.big != nil {
		return &c.big[i]
	}
	return &c.small[i]
}

// reserve makes room for k more entries, moving the entries to the heap
// when they will not fit in small; big is then c's own.
func (c *Context) reserve(k int) {
	switch {
	case c.big != nil:
		if cap(c.big)-len(c.big) < k {
			c.big = append(make([]ctxEntry, 0, len(c.big)+k), c.big...)
		}
	case c.n+k > inlineKeys:
		c.big = append(make([]ctxEntry, 0, c.n+k), c.small[:c.n]...)
		c.small, c.n = [inlineKeys]ctxEntry{}, 0
	}
}

// own gives c storage of its own, not shared with the context it was
// copied from, with room for k more entries.
func (c *Context) own(k int) {
	if c.big != nil {
		c.big = append(make([]ctxEntry, 0, len(c.big)+k), c.big...)
		c.reindex()
		return
	}
	c.reserve(k)
	c.reindex()
}

// A ctxEntry is one key of a Context with its values. A key's one value
// is held inline, so that a context of single-valued keys is one block of
// memory of 88 bytes a key.
type ctxEntry struct {
	hash uint32 // keyHash of the lower-cased key
	// n is the number of values, flagged unparsed for a value from a
	// Pair that is only read when a condition looks its key up (see
	// request.valuesAt).
	n    int32
	name string // as given
	// lower is the lower-cased key: the name itself when it is lower-case
	// already, a lower-cased copy when the name is not ASCII or when the
	// entry was made where an allocation is paid anyway (NewContext, Set,
	// TimeKeys), and "" for an entry made per request from a Pair, whose
	// ASCII name is then compared ignoring ASCII case (which is how
	// strings.ToLower lowers it) without a copy.
	lower string
	one   [1]ctxValue
	vals  *[]ctxValue // the values of a key that has not exactly one
}

// count returns the number of values.
func (e *ctxEntry) count() int { return int(e.n &^ unparsed) }

// unparsed flags in ctxEntry.n an entry whose one value is only in
// one[0].s.
const unparsed = 1 << 30

// initRaw makes e the entry of key name with one value, left unparsed.
func (e *ctxEntry) initRaw(name, value string) {
	e.initKey(name, 1, false)
	e.n |= unparsed
	e.one[0] = ctxValue{s: value}
}

// indexThreshold is the number of keys above which lookups use a map.
const indexThreshold = 12

// makeEntry returns the entry of key name with values.
func makeEntry(name string, values []string) ctxEntry {
	var e ctxEntry
	e.init(name, values)
	return e
}

// initOne makes e the entry of key name with one value, read, keeping a
// lower-cased copy of its name.
func (e *ctxEntry) initOne(name, value string) {
	e.initKey(name, 1, true)
	e.one[0] = ctxValue{}
	e.one[0].parse(value)
}

// initKey makes e the entry of key name with n values, to be filled in.
func (e *ctxEntry) initKey(name string, n int, keep bool) {
	h, ascii, upper := foldHash(name)
	e.hash, e.n, e.name, e.lower, e.vals = h, int32(n), name, "", nil
	switch {
	case !ascii:
		e.lower = strings.ToLower(name)
		e.hash = keyHash(e.lower)
	case !upper:
		e.lower = name
	case keep:
		e.lower = lowerASCII(name)
	}
}

// init makes e the entry of key name with values, keeping a lower-cased
// copy of its name.
func (e *ctxEntry) init(name string, values []string) {
	if len(values) == 1 {
		e.initOne(name, values[0])
		return
	}
	e.initKey(name, len(values), true)
	e.one[0] = ctxValue{}
	if len(values) == 0 {
		return
	}
	vals := make([]ctxValue, len(values))
	for i, s := range values {
		vals[i].parse(s)
	}
	e.vals = &vals
}

// keyHash is the hash of a lower-cased key.
func keyHash(lk string) uint32 {
	h, _, _ := foldHash(lk)
	return h
}

// foldHash hashes s with its ASCII letters lower-cased and reports
// whether s is ASCII and whether it has upper-case ASCII letters. Its hash
// of an ASCII name is keyHash of the name lower-cased. The hash only saves
// comparisons of keys that differ (lookups compare the keys it matches,
// and the index is a map of the keys themselves), so it mixes the length
// and the first and last eight bytes only; the bytes between are scanned
// eight at a time, for the two reports.
func foldHash(s string) (h uint32, ascii, upper bool) {
	const (
		prime = 0x9e3779b97f4a7c15
		high  = 0x8080808080808080
	)
	n := len(s)
	var first, last, hi, up uint64
	if n >= 8 {
		for i := 0; i < n-8; i += 8 {
			w := load64(s, i)
			hi |= w
			up |= w ^ lower64(w)
		}
		w := load64(s, n-8)
		last = lower64(w)
		hi |= w
		up |= w ^ last
		first = lower64(load64(s, 0))
	} else {
		var w uint64
		for j := n - 1; j >= 0; j-- {
			w = w<<8 | uint64(s[j])
		}
		first = lower64(w)
		hi, up = w, w^first
	}
	x := (uint64(n+1)*prime ^ first) * prime // never 0 for the empty key
	x = (x ^ x>>29 ^ last) * prime
	return uint32(x ^ x>>32), hi&high == 0, up != 0
}

// values returns the entry's values.
func (e *ctxEntry) values() []ctxValue {
	if e.count() == 1 {
		return e.one[:]
	}
	if e.vals == nil {
		return nil
	}
	return *e.vals
}

// is reports whether the entry's key is the lower-cased key lk.
func (e *ctxEntry) is(lk string) bool {
	if e.lower != "" || e.name == "" {
		return e.lower == lk
	}
	return equalLowerASCII(e.name, lk)
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

// key returns the entry's lower-cased key.
func (e *ctxEntry) key() string {
	if e.lower != "" {
		return e.lower
	}
	return lowerASCII(e.name)
}

// sameKey reports whether a and b name the same key.
func sameKey(a, b *ctxEntry) bool {
	switch {
	case a.hash != b.hash:
		return false
	case a.lower != "" && b.lower != "":
		return a.lower == b.lower
	case a.lower != "":
		return b.is(a.lower)
	case b.lower != "":
		return a.is(b.lower)
	}
	return equalFoldASCII(a.name, b.name)
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
	for _, k := range names {
		e := makeEntry(k, kv[k])
		if i := c.findEntry(&e); i >= 0 {
			old := c.at(i)
			vals := append(append(make([]ctxValue, 0, old.count()+e.count()), old.values()...), e.values()...)
			old.n, old.one, old.vals = int32(len(vals)), [1]ctxValue{}, &vals
			if len(vals) == 1 {
				old.one[0], old.vals = vals[0], nil
			}
			continue
		}
		c.put(&e)
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
	c.next().init(key, values)
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
		c.small[c.n] = ctxEntry{}
	}
	c.reindex()
}

// Lookup returns the values of key and whether c has it.
func (c *Context) Lookup(key string) ([]string, bool) {
	i := c.find(strings.ToLower(key))
	if i < 0 {
		return nil, false
	}
	vs := c.at(i).values()
	out := make([]string, len(vs))
	for j := range vs {
		out[j] = vs[j].s
	}
	return out, true
}

// Keys returns the context's keys as they were given, sorted.
func (c *Context) Keys() []string {
	es := c.list()
	out := make([]string, len(es))
	for i := range es {
		out[i] = es[i].name
	}
	sort.Strings(out)
	return out
}

// Len returns the number of keys in c.
func (c *Context) Len() int { return len(c.list()) }

// put adds e to c, replacing the entry of the same key.
func (c *Context) put(e *ctxEntry) {
	*c.next() = *e
	c.commit()
}

// next returns the slot after c's last entry, made room for, where commit
// expects the next entry.
func (c *Context) next() *ctxEntry {
	if c.big == nil {
		if c.n < inlineKeys {
			return &c.small[c.n]
		}
		c.reserve(inlineKeys) // to the heap, with room to grow
	}
	n := len(c.big)
	if n == cap(c.big) {
		c.big = append(c.big, ctxEntry{})[:n]
	}
	return &c.big[:n+1][n]
}

// commit adds the entry in the slot next returned to c, or, when c has
// the same key already, replaces that key's entry with it.
func (c *Context) commit() {
	es := c.list()
	n := len(es)
	e := &es[:n+1][n]
	if i := c.findEntry(e); i >= 0 {
		es[i] = *e
		*e = ctxEntry{}
		return
	}
	if c.big == nil {
		c.n++
		return
	}
	c.big = c.big[:n+1]
	switch {
	case c.index != nil:
		c.index[e.key()] = n
	case n+1 > indexThreshold:
		c.reindex()
	}
}

func (c *Context) reindex() {
	es := c.list()
	if len(es) <= indexThreshold {
		c.index = nil
		return
	}
	c.index = make(map[string]int, len(es))
	for i := range es {
		c.index[es[i].key()] = i
	}
}

// findEntry returns the index of the entry with e's key, or -1.
func (c *Context) findEntry(e *ctxEntry) int {
	if c.index != nil {
		if i, ok := c.index[e.key()]; ok {
			return i
		}
		return -1
	}
	es := c.list()
	for i := range es {
		if es[i].hash == e.hash && sameKey(&es[i], e) {
			return i
		}
	}
	return -1
}

// find returns the index of the entry for the lower-cased key lk, or -1.
func (c *Context) find(lk string) int { return c.findHash(lk, keyHash(lk)) }

// findHash is find for a key whose hash is known.
func (c *Context) findHash(lk string, h uint32) int {
	if c.index != nil {
		if i, ok := c.index[lk]; ok {
			return i
		}
		return -1
	}
	es := c.list()
	for i := range es {
		if es[i].hash == h && es[i].is(lk) {
			return i
		}
	}
	return -1
}

// values returns the values of the lower-cased key lk, whose hash is h,
// and whether the key is present.
func (c *Context) values(lk string, h uint32) ([]ctxValue, bool) {
	if c == nil {
		return nil, false
	}
	if i := c.findHash(lk, h); i >= 0 {
		return c.at(i).values(), true
	}
	return nil, false
}

// vars resolves the policy variables of a request from its context and,
// for keys the context lacks, from its base.
type vars struct{ ctx, base *Context }

// variable resolves a policy variable: the key's value when it has exactly
// one, else the variable's default, else nothing.
func (v *vars) variable(t token) (string, bool) {
	if v != nil {
		vs, ok := v.ctx.values(t.key, t.hash)
		if !ok {
			vs, _ = v.base.values(t.key, t.hash)
		}
		if len(vs) == 1 {
			return vs[0].s, true
		}
	}
	if t.def {
		return t.lit, true
	}
	return "", false
}
