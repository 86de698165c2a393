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
	return len(p.key) == len(lk) && equalLowerASCII(p.key, lk)
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
// case) holds the values of its last pair. It copies the pairs and does
// little else: no key is lower-cased and no value read until a condition
// looks the key up.
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
func ContextOf(pairs ...Pair) (c Context) {
	// c is the named result: ContextOf, inlined where a Request is
	// built, then copies the context once fewer.
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
			*c.next() = readPair(p)
			c.commit()
			continue
		}
		*c.next() = *p
		c.commit()
	}
}

// addSmall is add for pairs that fit in c.small, whose keys c holds
// inline: the per-request case, one loop over the pairs. A key is
// compared with the others only when the bits of the keys' sigs say it
// may have been given before.
func (c *Context) addSmall(pairs []Pair) {
	n := int(c.n)
	var seen uint64 // the sigBit of each key of c.small[:n]
	for j := range c.small[:n] {
		seen |= sigBit(c.small[j].sig())
	}
	for i := range pairs {
		p := &pairs[i]
		var sig uint64
		if k := p.key; p.e != nil {
			sig = lowerSig(p.s)
		} else if len(k) >= 8 {
			// rawSig, inline: the common case.
			last := load64(k, len(k)-8)
			hi := last
			for j := 0; j < len(k)-8; j += 8 {
				hi |= load64(k, j)
			}
			if hi&nonASCII != 0 {
				read := readPair(p)
				p, sig = &read, lowerSig(read.s)
			} else {
				sig = (last | caseBits) + uint64(len(k))
				c.raw = true
			}
		} else if k == "" {
			continue // the zero Pair
		} else if isASCII(k) {
			sig = shortSig(k)
			c.raw = true
		} else {
			read := readPair(p)
			p, sig = &read, lowerSig(read.s)
		}
		j := n
		if bit := sigBit(sig); seen&bit == 0 {
			seen |= bit
		} else {
			for k := range c.small[:n] {
				if sameKey(&c.small[k], p) {
					j = k
					break
				}
			}
		}
		c.small[j] = *p
		if j == n {
			n++
		}
	}
	c.n = int32(n)
}

// readPair returns the raw pair p read, as a Context holds a pair whose
// key is not ASCII.
func readPair(p *Pair) Pair {
	return newPairEntry(p.key, []string{p.s})
}

// sig returns the sig of p's key.
func (p *Pair) sig() uint64 {
	if p.e != nil {
		return lowerSig(p.s)
	}
	return lowerSig(p.key) // an ASCII key: the sig of its lower case
}

// sigBit returns one of 64 bits for a key's sig.
func sigBit(sig uint64) uint64 {
	return 1 << (sig * 0x9e3779b97f4a7c15 >> 58)
}

// lowerSig returns the sig of a key: its length and its last eight bytes,
// which tell keys of the same length apart (as aws:RequestedRegion and
// aws:SecureTransport), with bit 5 of each byte set, so that an ASCII
// letter has the sig of its lower case. Keys of one name, lower-cased or
// ASCII, have the same sig.
func lowerSig(k string) uint64 {
	n := len(k)
	if n < 8 {
		return shortSig(k)
	}
	return (load64(k, n-8) | caseBits) + uint64(n)
}

// caseBits sets bit 5 of each byte, which is all that tells an ASCII
// letter from its lower case.
const caseBits = 0x2020202020202020

// nonASCII has the high bit of each byte, set in any byte that is not
// ASCII.
const nonASCII = 0x8080808080808080

// shortSig is lowerSig of a key shorter than eight bytes.
func shortSig(s string) uint64 {
	var w uint64
	for j := len(s) - 1; j >= 0; j-- {
		w = w<<8 | uint64(s[j])
	}
	return (w | caseBits) + uint64(len(s))
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
