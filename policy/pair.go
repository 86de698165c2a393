package policy

import (
	"strconv"
	"sync/atomic"
	"time"
)

// A Pair is a condition key with its values, for [ContextOf] and
// [Context.Extend], which build a context from Pairs in one call.
//
// NewPair does no work for a key with one value, and a context built from
// the pair only copies it: its key is compared, ignoring case, when a
// condition looks a key up, and its value is left as it is until then:
// only then is it read as a number, a date, an IP address and a boolean,
// once per decision, so that a request pays only for the keys its
// policies test. So a request's own keys (its source IP, whether it came
// over TLS, its region) are best made per request, as they are needed. A
// pair that many requests share is best read once, by [SharedPair]; so
// are the pairs of [TimeKeys], once a second, and a multivalued pair when
// it is made. A context built from them, like one made by [NewContext],
// holds their values read. A Pair is immutable and safe for concurrent
// use. The zero Pair is ignored.
type Pair struct {
	// key is the key as given.
	key string
	// s is the one value of a pair whose value is read when it is looked
	// up (e is nil), or the lower-cased key of a pair read into e.
	s string
	// e holds the values read, once; immutable and shared.
	e *ctxEntry
}

// NewPair returns the pair of key and values. A key normally has one
// value; with several it is multivalued (aws:TagKeys, aws:CalledVia), and
// with none it is present with no values, like an empty list given to
// [NewContext]. A pair of one value allocates nothing; others are read
// once, into one allocation.
func NewPair(key string, values ...string) Pair {
	if len(values) == 1 && key != "" {
		return Pair{key: key, s: values[0]}
	}
	return newPairEntry(key, values)
}

// SharedPair returns the pair of key and values, read once, for a pair
// that many requests share (a service's region, a report's series): a
// context built from it holds its values read, so that no decision reads
// them again. Unlike NewPair it allocates, once.
func SharedPair(key string, values ...string) Pair {
	return newPairEntry(key, values)
}

// newPairEntry returns the pair of key and values, read into an entry. It
// is kept out of NewPair, so that NewPair is inlined and a pair of one
// value is built where it is used.
//
//go:noinline
func newPairEntry(key string, values []string) Pair {
	return Pair{key: key, s: lowerKey(key), e: newEntry(values)}
}

// Key returns the pair's key as given.
func (p Pair) Key() string { return p.key }

// Value returns the pair's first value, or "" when it has none.
func (p Pair) Value() string {
	if p.e == nil {
		return p.s
	}
	if vs := p.e.values(); len(vs) > 0 {
		return vs[0].s
	}
	return ""
}

// Values returns the pair's values.
func (p Pair) Values() []string {
	if p.e == nil {
		if p.key == "" {
			return nil // the zero Pair
		}
		return []string{p.s}
	}
	vs := p.e.values()
	out := make([]string, len(vs))
	for i := range vs {
		out[i] = vs[i].s
	}
	return out
}

// raw reports whether p holds one value, not read yet. The raw pairs of a
// Context have an ASCII key: [Context.add] reads the others.
func (p *Pair) raw() bool { return p.e == nil }

// single returns p's value when it has exactly one.
func (p *Pair) single() (string, bool) {
	if p.e == nil {
		return p.s, true
	}
	if p.e.n == 1 {
		return p.e.one[0].s, true
	}
	return "", false
}

// lower returns p's key lower-cased.
func (p *Pair) lower() string {
	if p.e != nil {
		return p.s
	}
	return lowerASCII(p.key)
}

// is reports whether p, a pair of a Context, has the lower-cased key lk.
func (p *Pair) is(lk string) bool {
	if p.e != nil {
		return p.s == lk
	}
	return equalLowerASCII(p.key, lk)
}

// sameKey reports whether the pairs of a Context a and b name the same
// key.
func sameKey(a, b *Pair) bool {
	switch {
	case a.e != nil && b.e != nil:
		return a.s == b.s
	case a.e != nil:
		return equalLowerASCII(b.key, a.s)
	case b.e != nil:
		return equalLowerASCII(a.key, b.s)
	}
	return equalFoldKeys(a.key, b.key)
}

// ContextOf returns a context holding the pairs: a request's context,
// without an allocation for up to eight keys. A key given twice (in any
// case) holds the values of its last pair.
//
//	req := policy.Request{
//		Action:   "artifact:GetReport",
//		Resource: reportARN,
//		Context: policy.ContextOf(
//			policy.NewPair("aws:SourceIp", clientIP),
//			policy.NewPair("aws:SecureTransport", "true"),
//			policy.NewPair("aws:MultiFactorAuthPresent", "true"),
//		),
//	}
func ContextOf(pairs ...Pair) Context {
	var c Context
	c.add(pairs)
	return c
}

// add adds the pairs to c, which has storage of its own.
func (c *Context) add(pairs []Pair) {
	if c.big == nil && int(c.n)+len(pairs) <= inlineKeys {
		c.addSmall(pairs)
		return
	}
	c.reserve(len(pairs))
	for i := range pairs {
		p := &pairs[i]
		switch {
		case p.e != nil:
		case p.key == "":
			continue // the zero Pair
		case !isASCII(p.key):
			*c.next() = newPairEntry(p.key, []string{p.s})
			c.commit()
			continue
		}
		*c.next() = *p
		c.commit()
	}
}

// addSmall is add for pairs that fit in c.small, whose keys c holds
// inline: the per-request case, a loop over the pairs without a call
// unless a key is given twice. A key's sig tells most keys apart.
func (c *Context) addSmall(pairs []Pair) {
	n := int(c.n)
	var sigs [inlineKeys]uint64
	for j := range c.small[:n] {
		sigs[j] = c.small[j].sig()
	}
	for i := range pairs {
		p := &pairs[i]
		var sig uint64
		if p.e == nil {
			if p.key == "" {
				continue // the zero Pair
			}
			var ascii bool
			if sig, ascii = rawSig(p.key); !ascii {
				read := newPairEntry(p.key, []string{p.s})
				p, sig = &read, read.sig()
			} else {
				c.raw = true
			}
		} else {
			sig = lowerSig(p.s)
		}
		j := 0
		for ; j < n; j++ {
			if sigs[j] == sig && sameKey(&c.small[j], p) {
				break
			}
		}
		c.small[j], sigs[j] = *p, sig
		if j == n {
			n++
		}
	}
	c.n = int32(n)
}

// sig returns the sig of p's key.
func (p *Pair) sig() uint64 {
	if p.e != nil {
		return lowerSig(p.s)
	}
	sig, _ := rawSig(p.key)
	return sig
}

// lowerSig returns the sig of the lower-cased key lk: its length and its
// last eight bytes, which tell keys of the same length apart (as
// aws:RequestedRegion and aws:SecureTransport) in one comparison. Keys of
// one name have the same sig; keys of the same sig are compared.
func lowerSig(lk string) uint64 {
	n := len(lk)
	if n >= 8 {
		return load64(lk, n-8) + uint64(n)
	}
	var w uint64
	for j := n - 1; j >= 0; j-- {
		w = w<<8 | uint64(lk[j])
	}
	return w + uint64(n)
}

// rawSig returns the sig of key, which is lowerSig of key lower-cased
// when key is ASCII, and reports whether it is, looking at eight bytes at
// a time.
func rawSig(key string) (sig uint64, ascii bool) {
	n := len(key)
	var hi, last uint64
	if n >= 8 {
		for i := 0; i < n-8; i += 8 {
			hi |= load64(key, i)
		}
		last = load64(key, n-8)
	} else {
		for j := n - 1; j >= 0; j-- {
			last = last<<8 | uint64(key[j])
		}
	}
	return lower64(last) + uint64(n), (hi|last)&0x8080808080808080 == 0
}

// Extend returns a copy of c to which the pairs are added, each key
// holding its pair's values and replacing any values it had in c or in an
// earlier pair. It is With for several keys at once, allocating only when
// the context outgrows eight keys. c itself is not changed. (A request
// that adds its keys to a context many requests share need not copy it:
// see [Request.Base].)
func (c Context) Extend(pairs ...Pair) Context {
	c.own(len(pairs))
	c.add(pairs)
	return c
}

// TimeKeys makes the pairs of the request time keys, aws:CurrentTime (in
// RFC 3339, UTC, to the second, as "2026-12-06T21:07:41Z") and
// aws:EpochTime (seconds since the Unix epoch), formatting them once per
// second: requests of the same second share them. The zero TimeKeys is
// ready to use; it is safe for concurrent use and must not be copied once
// used. It reads no clock: pass it the time of the request.
type TimeKeys struct {
	last atomic.Pointer[timePairs]
}

type timePairs struct {
	sec            int64
	current, epoch ctxEntry
}

// The keys of TimeKeys, lower-cased.
const (
	currentTimeKey = "aws:currenttime"
	epochTimeKey   = "aws:epochtime"
)

// At returns the aws:CurrentTime and aws:EpochTime pairs of t.
func (k *TimeKeys) At(t time.Time) (current, epoch Pair) {
	sec := t.Unix()
	p := k.last.Load()
	if p == nil || p.sec != sec {
		p = &timePairs{sec: sec, current: ctxEntry{n: 1}, epoch: ctxEntry{n: 1}}
		p.current.one[0].parse(time.Unix(sec, 0).UTC().Format(time.RFC3339))
		p.epoch.one[0].parse(strconv.FormatInt(sec, 10))
		k.last.Store(p)
	}
	return Pair{key: "aws:CurrentTime", s: currentTimeKey, e: &p.current}, Pair{key: "aws:EpochTime", s: epochTimeKey, e: &p.epoch}
}
