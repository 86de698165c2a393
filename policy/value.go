package policy

import (
	"encoding/binary"
	"math"
	"net/netip"
	"strconv"
)

// ctxValue is one value of a context key, read once, when it is added, as
// every operator family might compare it: evaluation only compares. It is
// kept small (40 bytes) because a Context holds one inline per key.
type ctxValue struct {
	s string
	// word packs what the one-word conditions test (see [cond.words]):
	// an IPv4 address in bits 0-31 with wordIP4, and a boolean as
	// wordBool, with wordTrue when it is true. Above them, flags say what
	// x and y hold.
	word uint64
	// x and y hold the value read as a number (x, the bits of a float64,
	// with wordNum) and as a date (y, seconds since the epoch, with
	// wordTime; the nanoseconds are in x when the value is not also a
	// number, and 0 when it is, a string of digits); or, for an IPv6
	// address (wordIP6), its 16 bytes. An IPv6 address is never a number
	// or a date.
	x, y uint64
}

// The bits of ctxValue.word above its IPv4 address. Word tests look at
// wordIP4, wordBool and wordTrue only.
const (
	wordIP4 uint64 = 1 << (32 + iota)
	wordBool
	wordTrue
	wordNum
	wordTime
	wordIP6
)

// isNum reports whether the value is a number, and num returns it.
func (v *ctxValue) isNum() bool  { return v.word&wordNum != 0 }
func (v *ctxValue) num() float64 { return math.Float64frombits(v.x) }

// isTime reports whether the value is a date, and time returns it.
func (v *ctxValue) isTime() bool { return v.word&wordTime != 0 }
func (v *ctxValue) time() instant {
	t := instant{sec: int64(v.y)}
	if !v.isNum() {
		t.nsec = int32(v.x)
	}
	return t
}

// boolean returns the value read as a boolean and whether it is one.
func (v *ctxValue) boolean() (value, ok bool) {
	return v.word&wordTrue != 0, v.word&wordBool != 0
}

// addr returns the value read as an IP address, IPv4-mapped addresses
// unmapped and zones dropped; the zero Addr when it is not one.
func (v *ctxValue) addr() netip.Addr {
	switch {
	case v.word&wordIP4 != 0:
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(v.word))
		return netip.AddrFrom4(b)
	case v.word&wordIP6 != 0:
		var b [16]byte
		binary.BigEndian.PutUint64(b[:8], v.x)
		binary.BigEndian.PutUint64(b[8:], v.y)
		return netip.AddrFrom16(b)
	}
	return netip.Addr{}
}

// parseValue parses s for every operator family that might compare it.
// Each family is tried only when a cheap look at s says it could be one,
// so that a value costs little more than its bytes.
func parseValue(s string) ctxValue {
	var v ctxValue
	v.parse(s)
	return v
}

// parse makes v the value s; v is zero.
func (v *ctxValue) parse(s string) {
	v.s = s
	if s == "" {
		return
	}
	switch c := s[0]; {
	case c == 't' || c == 'T' || c == 'f' || c == 'F':
		if b, ok := parseBool(s); ok {
			v.word |= wordBool
			if b {
				v.word |= wordTrue
			}
			return
		}
	case '0' <= c && c <= '9', c == '+', c == '-', c == '.':
		if a, ok, done := parseIPv4(s); done && ok {
			v.word |= wordIP4 | uint64(a) // a dotted quad is no number or date
			return
		}
		if f, ok := parseNumber(s); ok {
			v.x, v.word = math.Float64bits(f), v.word|wordNum
		}
		if t, ok := parseDate(s); ok {
			v.y, v.word = uint64(t.sec), v.word|wordTime
			if !v.isNum() {
				v.x = uint64(t.nsec)
			}
		}
		if v.word != 0 {
			return // a number or a date is not an IP address
		}
	}
	if maybeIP(s) {
		parseIP(v, s)
	}
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
	if a, ok, done := parseIPv4(s); done {
		if ok {
			v.word |= wordIP4 | uint64(a)
		}
		return
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return
	}
	a = a.Unmap()
	if a.Is4() {
		b := a.As4()
		v.word |= wordIP4 | uint64(binary.BigEndian.Uint32(b[:]))
		return
	}
	b := a.As16()
	v.x, v.y = binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])
	v.word |= wordIP6
}

// parseIPv4 parses a dotted-decimal IPv4 address as netip.ParseAddr does
// (four decimal fields of at most 255, without leading zeros), in a
// fraction of its time. done is false when s is not made of digits and
// dots only, and netip.ParseAddr must decide.
func parseIPv4(s string) (a uint32, ok, done bool) {
	if a, ok := dottedQuad(s); ok {
		return a, true, true
	}
	return parseIPv4Slow(s)
}

// dottedQuad parses a well-formed dotted-decimal IPv4 address, the common
// case, a field at a time. It reports false for anything else, which
// parseIPv4Slow then reads.
func dottedQuad(s string) (a uint32, ok bool) {
	i := 0
	for f := 0; f < 4; f++ {
		if f > 0 {
			if i >= len(s) || s[i] != '.' {
				return 0, false
			}
			i++
		}
		if i >= len(s) || s[i]-'0' > 9 {
			return 0, false
		}
		v := uint32(s[i] - '0')
		i++
		if v != 0 { // a field of 0 is 0 alone: no leading zeros
			for k := 0; k < 2 && i < len(s) && s[i]-'0' <= 9; k++ {
				v = v*10 + uint32(s[i]-'0')
				i++
			}
			if v > 255 {
				return 0, false
			}
		}
		a = a<<8 | v
	}
	return a, i == len(s)
}

// parseIPv4Slow is parseIPv4 byte by byte, for the strings that
// dottedQuad does not read.
func parseIPv4Slow(s string) (a uint32, ok, done bool) {
	ok = true
	fields, val, digits := 0, uint32(0), 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			if digits == 1 && val == 0 {
				ok = false // a leading zero
			}
			val = val*10 + uint32(c-'0')
			digits++
			if digits > 3 {
				ok = false
				digits = 3 // keep val small
			}
		case c == '.':
			if digits == 0 || fields == 3 || val > 255 {
				ok = false
			}
			a, fields, val, digits = a<<8|val, fields+1, 0, 0
		default:
			return 0, false, false
		}
	}
	if digits == 0 || fields != 3 || val > 255 || !ok {
		return 0, false, true
	}
	return a<<8 | val, true, true
}

// parseNumber parses an IAM numeric value: a decimal integer or a decimal
// number with an optional exponent ("42", "-1.5", "1e3"). It checks the
// syntax itself, so that strconv.ParseFloat is called only on numbers and
// never allocates an error for a value that is not one.
func parseNumber(s string) (float64, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start, n := i, int64(0)
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		if i-start < 15 {
			n = n*10 + int64(s[i]-'0')
		}
		i++
	}
	digits := i - start
	if i == len(s) && digits > 0 && digits <= 15 {
		// An integer of at most 15 digits is exact in a float64.
		if s[0] == '-' {
			return -float64(n), true
		}
		return float64(n), true
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		if i == exp {
			return 0, false
		}
	}
	if i != len(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil { // out of range
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
