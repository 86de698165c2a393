package policy

import (
	"strconv"
	"sync/atomic"
	"time"
)

// A Pair is a condition key with its values, for [ContextOf] and
// [Context.Extend], which build a context from Pairs in one call.
//
// NewPair does no work for a key with one value. A context built from the
// pair folds and hashes its key, and leaves its value as it is until a
// condition looks the key up: only then is it read as a number, a date,
// an IP address and a boolean, once per decision, so that a request pays
// only for the keys its policies test. So a request's own keys (its
// source IP, whether it came over TLS, its region) are best made per
// request, as they are needed. A pair that many requests share is best
// read once, by [SharedPair]; so are the pairs of [TimeKeys], once a
// second, and a multivalued pair when it is made. A context built from
// them, like one made by [NewContext], holds their values read. A Pair is
// immutable and safe for concurrent use. The zero Pair is ignored.
type Pair struct {
	// A key with one value, left as it is ...
	key, value string
	// ... or the key read once, with any number of values; immutable.
	e *ctxEntry
}

// NewPair returns the pair of key and values. A key normally has one
// value; with several it is multivalued (aws:TagKeys, aws:CalledVia), and
// with none it is present with no values, like an empty list given to
// [NewContext]. A pair of one value allocates nothing; others are read
// once, into one allocation.
func NewPair(key string, values ...string) Pair {
	if len(values) == 1 && key != "" {
		return Pair{key: key, value: values[0]}
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
	e := new(ctxEntry)
	e.init(key, values)
	return Pair{key: key, e: e}
}

// Key returns the pair's key as given.
func (p Pair) Key() string { return p.key }

// Value returns the pair's first value, or "" when it has none.
func (p Pair) Value() string {
	if p.e == nil {
		return p.value
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
		return []string{p.value}
	}
	vs := p.e.values()
	out := make([]string, len(vs))
	for i := range vs {
		out[i] = vs[i].s
	}
	return out
}

// zero reports whether p is the zero Pair: any other has a key or an
// entry (NewPair reads an empty key into one).
func (p *Pair) zero() bool { return p.key == "" && p.e == nil }

// fill makes dst the entry of p.
// fill makes dst the entry of p, and reports whether its value is left
// unparsed.
func (p *Pair) fill(dst *ctxEntry) bool {
	if p.e != nil {
		*dst = *p.e
		return false
	}
	dst.initRaw(p.key, p.value)
	return true
}

// ContextOf returns a context holding the pairs: a request's context, in
// one allocation. A key given twice (in any case) holds the values of its
// last pair.
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
	c.reserve(len(pairs))
	for i := range pairs {
		if p := &pairs[i]; !p.zero() {
			if p.fill(c.next()) {
				c.raw = true
			}
			c.commit()
		}
	}
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

// At returns the aws:CurrentTime and aws:EpochTime pairs of t.
func (k *TimeKeys) At(t time.Time) (current, epoch Pair) {
	sec := t.Unix()
	p := k.last.Load()
	if p == nil || p.sec != sec {
		p = &timePairs{sec: sec}
		p.current.initOne("aws:CurrentTime", time.Unix(sec, 0).UTC().Format(time.RFC3339))
		p.epoch.initOne("aws:EpochTime", strconv.FormatInt(sec, 10))
		k.last.Store(p)
	}
	return Pair{key: "aws:CurrentTime", e: &p.current}, Pair{key: "aws:EpochTime", e: &p.epoch}
}
