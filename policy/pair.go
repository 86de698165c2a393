package policy

import (
	"strconv"
	"sync/atomic"
	"time"
)

// A Pair is a condition key with its values, parsed once: its key folded
// and hashed, each value read as a number, a date, an IP address and a
// boolean. [ContextOf] builds a request's context from Pairs, and
// [Context.Extend] adds them to a base context, each in one allocation.
//
// NewPair allocates nothing for a key with one value, so a request's own
// keys (its source IP, whether it came over TLS, its region) are best made
// per request, as they are needed. Keys that repeat across requests (the
// time within one second, see [TimeKeys]; a report's artifact:ReportSeries)
// can be made once and reused: a Pair is immutable and safe for concurrent
// use. The zero Pair is ignored.
type Pair struct {
	e ctxEntry // the zero Pair has the zero entry, and no other Pair does
}

// NewPair returns the pair of key and values. A key normally has one
// value; with several it is multivalued (aws:TagKeys, aws:CalledVia), and
// with none it is present with no values, like an empty list given to
// [NewContext].
func NewPair(key string, values ...string) (p Pair) {
	p.e.init(key, values)
	return p
}

// Key returns the pair's key as given.
func (p Pair) Key() string { return p.e.name }

// Value returns the pair's first value, or "" when it has none.
func (p Pair) Value() string {
	if vs := p.e.values(); len(vs) > 0 {
		return vs[0].s
	}
	return ""
}

// Values returns the pair's values.
func (p Pair) Values() []string {
	vs := p.e.values()
	out := make([]string, len(vs))
	for i := range vs {
		out[i] = vs[i].s
	}
	return out
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
func ContextOf(pairs ...Pair) (c Context) {
	c.reserve(len(pairs))
	for i := range pairs {
		if p := &pairs[i]; !p.zero() {
			c.put(&p.e)
		}
	}
	return c
}

// zero reports whether p is the zero Pair: any other has a key name or,
// for the empty key, a hash that is not 0 (see foldHash).
func (p *Pair) zero() bool { return p.e.hash == 0 && p.e.name == "" }

// Extend returns a copy of c to which the pairs are added, each key
// holding its pair's values and replacing any values it had in c or in an
// earlier pair. It is With for several keys at once, in one allocation
// whatever their number. c itself is not changed, so that a base context
// (a caller's own keys) can be shared by concurrent requests that each
// extend it with their own.
func (c Context) Extend(pairs ...Pair) Context {
	c.own(len(pairs))
	for i := range pairs {
		if p := &pairs[i]; !p.zero() {
			c.put(&p.e)
		}
	}
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
	current, epoch Pair
}

// At returns the aws:CurrentTime and aws:EpochTime pairs of t.
func (k *TimeKeys) At(t time.Time) (current, epoch Pair) {
	sec := t.Unix()
	if p := k.last.Load(); p != nil && p.sec == sec {
		return p.current, p.epoch
	}
	p := &timePairs{sec: sec,
		current: NewPair("aws:CurrentTime", time.Unix(sec, 0).UTC().Format(time.RFC3339)),
		epoch:   NewPair("aws:EpochTime", strconv.FormatInt(sec, 10))}
	k.last.Store(p)
	return p.current, p.epoch
}
