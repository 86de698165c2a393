package policy

import (
	"sort"
	"strings"
)

// A Context holds the condition keys of one request (aws:SourceIp,
// aws:PrincipalTag/team, artifact:ReportSeries, ...) with their values.
// Key names are case-insensitive; a key has one value or several
// (aws:TagKeys, aws:CalledVia). Values are parsed once, when added, as
// numbers, dates, IP addresses and booleans, so that evaluation only
// compares.
//
// Build a request's context in one call with [ContextOf], from [Pair]s. A
// Context holds up to eight keys in itself (it is a value of some 700
// bytes), so a request's context costs no allocation at all when its
// [Request] stays on the stack, and one allocation beyond eight keys. A base context shared by many requests (a
// caller's own keys) takes each request's keys with [Context.Extend], at
// the same cost. [NewContext] reads a map, which is convenient where speed
// does not matter (tests, tools). [Context.With], [Context.Set] and
// [Context.Delete] change one key.
//
// The zero Context is empty and ready to use. A Context that is no longer
// modified is safe for concurrent reads. Derive contexts with With and
// Extend: a copy made by assignment may share storage with the original,
// so Set or Delete on one may change the other.
type Context struct {
	n     int                  // the number of keys in small, when big is nil
	small [inlineKeys]ctxEntry // the keys of a small context
	big   []ctxEntry           // the keys, once there are more than inlineKeys
	index map[string]int       // lower-cased keys to entries, once there are more than indexThreshold
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
// memory of 80 bytes a key.
type ctxEntry struct {
	hash uint32 // keyHash of the lower-cased key
	n    int32  // the number of values
	name string // as given
	one  [1]ctxValue
	// ext holds what few keys need: the lower-cased key of a name that is
	// not ASCII (an ASCII name is compared ignoring ASCII case, which is
	// how strings.ToLower lowers it, without a lower-cased copy), and the
	// values of a key that has not exactly one.
	ext *ctxExt
}

type ctxExt struct {
	lower string
	vals  []ctxValue
}

// indexThreshold is the number of keys above which lookups use a map.
const indexThreshold = 12

// makeEntry returns the entry of key name with values.
func makeEntry(name string, values []string) ctxEntry {
	var e ctxEntry
	e.init(name, values)
	return e
}

// initOne makes e the entry of key name with one value.
func (e *ctxEntry) initOne(name, value string) {
	e.initKey(name, 1)
	e.one[0] = ctxValue{}
	e.one[0].parse(value)
}

// initKey makes e the entry of key name with n values, to be filled in.
func (e *ctxEntry) initKey(name string, n int) {
	h, ascii := foldHash(name)
	e.hash, e.n, e.name, e.ext = h, int32(n), name, nil
	if !ascii {
		lk := strings.ToLower(name)
		e.hash = keyHash(lk)
		e.ext = &ctxExt{lower: lk}
	}
}

// init makes e the entry of key name with values.
func (e *ctxEntry) init(name string, values []string) {
	if len(values) == 1 {
		e.initOne(name, values[0])
		return
	}
	e.initKey(name, len(values))
	e.one[0] = ctxValue{}
	if len(values) == 0 {
		return
	}
	if e.ext == nil {
		e.ext = &ctxExt{}
	}
	e.ext.vals = make([]ctxValue, len(values))
	for i, s := range values {
		e.ext.vals[i].parse(s)
	}
}

// keyHash is the hash of a lower-cased key.
func keyHash(lk string) uint32 {
	h, _ := foldHash(lk)
	return h
}

// foldHash hashes s with its ASCII letters lower-cased, eight bytes at a
// time, and reports whether s is ASCII. Its hash of an ASCII name is
// keyHash of the name lower-cased.
func foldHash(s string) (h uint32, ascii bool) {
	const (
		prime = 0x9e3779b97f4a7c15
		high  = 0x8080808080808080
	)
	x := uint64(len(s)+1) * prime // never 0 for the empty key
	var hi uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i)
		l := lower64(w)
		hi |= w
		x = (x ^ l) * prime
		x ^= x >> 31
	}
	if i < len(s) {
		var w uint64
		for j := len(s) - 1; j >= i; j-- {
			w = w<<8 | uint64(s[j])
		}
		l := lower64(w)
		hi |= w
		x = (x ^ l) * prime
		x ^= x >> 31
	}
	return uint32(x ^ x>>32), hi&high == 0
}

// values returns the entry's values.
func (e *ctxEntry) values() []ctxValue {
	if e.n == 1 {
		return e.one[:]
	}
	if e.ext == nil {
		return nil
	}
	return e.ext.vals
}

// is reports whether the entry's key is the lower-cased key lk.
func (e *ctxEntry) is(lk string) bool {
	if e.ext != nil && e.ext.lower != "" {
		return e.ext.lower == lk
	}
	return equalLowerASCII(e.name, lk)
}

// equalLowerASCII reports whether the ASCII string name, lower-cased,
// equals lk; it compares eight bytes at a time.
func equalLowerASCII(name, lk string) bool {
	if len(name) != len(lk) {
		return false
	}
	i := 0
	for ; i+8 <= len(lk); i += 8 {
		if lower64(load64(name, i)) != load64(lk, i) {
			return false
		}
	}
	for ; i < len(lk); i++ {
		if lowerTable[name[i]] != lk[i] {
			return false
		}
	}
	return true
}

// key returns the entry's lower-cased key.
func (e *ctxEntry) key() string {
	if e.ext != nil && e.ext.lower != "" {
		return e.ext.lower
	}
	return lowerASCII(e.name)
}

// sameKey reports whether a and b name the same key.
func sameKey(a, b *ctxEntry) bool {
	if a.hash != b.hash {
		return false
	}
	if (a.ext == nil || a.ext.lower == "") && (b.ext == nil || b.ext.lower == "") {
		return equalFoldASCII(a.name, b.name)
	}
	return a.key() == b.key()
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
			vals := append(append(make([]ctxValue, 0, int(old.n)+int(e.n)), old.values()...), e.values()...)
			ext := &ctxExt{vals: vals}
			if old.ext != nil {
				ext.lower = old.ext.lower
			}
			old.n, old.one, old.ext = int32(len(vals)), [1]ctxValue{}, ext
			if len(vals) == 1 {
				old.one[0] = vals[0]
				if ext.lower == "" {
					old.ext = nil
				}
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
	e := makeEntry(key, values)
	c.put(&e)
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
		if sameKey(&es[i], e) {
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

// variable resolves a policy variable: the key's value when it has exactly
// one, else the variable's default, else nothing.
func (c *Context) variable(t token) (string, bool) {
	if vs, _ := c.values(t.key, t.hash); len(vs) == 1 {
		return vs[0].s, true
	}
	if t.def {
		return t.lit, true
	}
	return "", false
}
