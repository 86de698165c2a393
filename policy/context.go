package policy

import (
	"encoding/binary"
	"net/netip"
	"sort"
	"strconv"
	"strings"
)

// A Context holds the condition keys of one request (aws:SourceIp,
// aws:PrincipalTag/team, artifact:ReportSeries, ...) with their values.
// Key names are case-insensitive; a key has one value or several
// (aws:TagKeys, aws:CalledVia). Values are parsed once, when added, as
// numbers, dates, IP addresses and booleans, so that evaluation only
// compares.
//
// The zero Context is empty and ready to use. Build one per request with
// [NewContext] and add keys with [Context.With] (which leaves the receiver
// unchanged) or [Context.Set]. A Context that is no longer modified is safe
// for concurrent reads.
type Context struct {
	entries []ctxEntry
	// index maps lower-cased keys to entries once there are many.
	index map[string]int
}

type ctxEntry struct {
	hash uint32 // keyHash(key)
	key  string // lower-cased
	name string // as given
	vals []ctxValue
}

// ctxValue is one value of a context key, pre-parsed for every operator
// family.
type ctxValue struct {
	s     string
	num   float64
	t     instant
	ip    netip.Addr
	flags uint8
	// word packs what the one-word conditions test (see [cond.words]):
	// an IPv4 address in bits 0-31 with wordIP4, and a boolean as
	// wordBool, with wordTrue when it is true.
	word uint64
}

const (
	hasNum uint8 = 1 << iota
	hasTime
	hasBool
	boolTrue
)

// The flags of ctxValue.word above its IPv4 address.
const (
	wordIP4 uint64 = 1 << (32 + iota)
	wordBool
	wordTrue
)

// indexThreshold is the number of keys above which lookups use a map.
const indexThreshold = 12

// NewContext returns a context holding kv. Keys that differ only in case
// name the same key; their values are merged in key order. A key with an
// empty list of values is present with no values (a request with no tags
// has aws:TagKeys = []): ForAllValues holds for it and ForAnyValue does
// not, and ...IfExists does not skip it. Leave out keys that are absent.
func NewContext(kv map[string][]string) Context {
	names := make([]string, 0, len(kv))
	for k := range kv {
		names = append(names, k)
	}
	sort.Strings(names)
	var c Context
	for _, k := range names {
		if i := c.find(strings.ToLower(k)); i >= 0 {
			c.entries[i].vals = append(c.entries[i].vals, makeValues(kv[k])...)
			continue
		}
		c.add(k, kv[k])
	}
	return c
}

// With returns a copy of c in which key holds values, replacing any
// previous values of key. c itself is not changed, so a base context can
// be shared by concurrent requests.
func (c Context) With(key string, values ...string) Context {
	out := Context{entries: make([]ctxEntry, len(c.entries), len(c.entries)+1)}
	copy(out.entries, c.entries)
	out.reindex()
	out.Set(key, values...)
	return out
}

// Set makes key hold values in c, replacing any previous values of key.
// With no values the key is present but empty, like NewContext's empty
// lists; use Delete to remove a key.
func (c *Context) Set(key string, values ...string) {
	lk := strings.ToLower(key)
	if i := c.find(lk); i >= 0 {
		c.entries[i] = ctxEntry{hash: keyHash(lk), key: lk, name: key, vals: makeValues(values)}
		return
	}
	c.add(key, values)
}

// Delete removes key from c.
func (c *Context) Delete(key string) {
	if i := c.find(strings.ToLower(key)); i >= 0 {
		c.entries = append(c.entries[:i:i], c.entries[i+1:]...)
		c.reindex()
	}
}

// Lookup returns the values of key and whether c has it.
func (c *Context) Lookup(key string) ([]string, bool) {
	i := c.find(strings.ToLower(key))
	if i < 0 {
		return nil, false
	}
	out := make([]string, len(c.entries[i].vals))
	for j, v := range c.entries[i].vals {
		out[j] = v.s
	}
	return out, true
}

// Keys returns the context's keys as they were given, sorted.
func (c *Context) Keys() []string {
	out := make([]string, len(c.entries))
	for i, e := range c.entries {
		out[i] = e.name
	}
	sort.Strings(out)
	return out
}

// Len returns the number of keys in c.
func (c *Context) Len() int { return len(c.entries) }

func (c *Context) add(name string, values []string) {
	lk := strings.ToLower(name)
	c.entries = append(c.entries, ctxEntry{hash: keyHash(lk), key: lk, name: name, vals: makeValues(values)})
	if c.index != nil {
		c.index[c.entries[len(c.entries)-1].key] = len(c.entries) - 1
	} else {
		c.reindex()
	}
}

func (c *Context) reindex() {
	if len(c.entries) <= indexThreshold {
		c.index = nil
		return
	}
	c.index = make(map[string]int, len(c.entries))
	for i, e := range c.entries {
		c.index[e.key] = i
	}
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
	es := c.entries
	for i := range es {
		if es[i].hash == h && es[i].key == lk {
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
		return c.entries[i].vals, true
	}
	return nil, false
}

// keyHash is FNV-1a of a lower-cased key.
func keyHash(lk string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(lk); i++ {
		h ^= uint32(lk[i])
		h *= 16777619
	}
	return h
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

func makeValues(ss []string) []ctxValue {
	out := make([]ctxValue, len(ss))
	for i, s := range ss {
		out[i] = parseValue(s)
	}
	return out
}

// parseValue parses s for every operator family that might compare it.
func parseValue(s string) ctxValue {
	v := ctxValue{s: s}
	if f, ok := parseNumber(s); ok {
		v.num, v.flags = f, v.flags|hasNum
	}
	if t, ok := parseDate(s); ok {
		v.t, v.flags = t, v.flags|hasTime
	}
	if b, ok := parseBool(s); ok {
		v.flags |= hasBool
		v.word |= wordBool
		if b {
			v.flags |= boolTrue
			v.word |= wordTrue
		}
	}
	if maybeIP(s) {
		parseIP(&v, s)
	}
	return v
}

// maybeIP reports whether s could be an IP address: hexadecimal digits, dots
// and colons (and a zone after %), with a dot or a colon. It spares
// netip.ParseAddr, whose errors allocate, the values that are not.
func maybeIP(s string) bool {
	sep := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' || c == ':':
			sep = true
		case c == '%':
			return sep
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
		default:
			return false
		}
	}
	return sep
}

// parseIP records s in v when it is an IP address.
func parseIP(v *ctxValue, s string) {
	if a, err := netip.ParseAddr(s); err == nil {
		v.ip = a.Unmap().WithZone("")
		if v.ip.Is4() {
			b := v.ip.As4()
			v.word |= wordIP4 | uint64(binary.BigEndian.Uint32(b[:]))
		}
	}
}

// parseNumber parses an IAM numeric value: an integer or a decimal number.
func parseNumber(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("0123456789+-.eE", s[i]) < 0 {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

// parseBool parses "true" or "false", ignoring ASCII case, as IAM's Bool
// does.
func parseBool(s string) (bool, bool) {
	switch {
	case equalFoldASCII(s, "true"):
		return true, true
	case equalFoldASCII(s, "false"):
		return false, true
	}
	return false, false
}
