package policy

import "time"

// An instant is a point in time with nanosecond precision, compared
// without allocating.
type instant struct {
	sec  int64
	nsec int32
}

func (a instant) compare(b instant) int {
	switch {
	case a.sec < b.sec:
		return -1
	case a.sec > b.sec:
		return 1
	case a.nsec < b.nsec:
		return -1
	case a.nsec > b.nsec:
		return 1
	}
	return 0
}

// parseDate parses a date as IAM's Date operators accept it: seconds since
// the Unix epoch ("1735689600"; a string of digits is always read so) or
// a W3C profile of ISO 8601: "2025-01", "2025-01-02", "2025-01-02T03:04Z",
// "2025-01-02T03:04:05Z", "2025-01-02T03:04:05.678+01:00". A date-time
// without a zone is UTC.
func parseDate(s string) (instant, bool) {
	if s == "" {
		return instant{}, false
	}
	if allDigits(s) || (s[0] == '-' && len(s) > 1 && allDigits(s[1:])) {
		var sec int64
		neg := s[0] == '-'
		if neg {
			s = s[1:]
		}
		if len(s) > 18 {
			return instant{}, false
		}
		for i := 0; i < len(s); i++ {
			sec = sec*10 + int64(s[i]-'0')
		}
		if neg {
			sec = -sec
		}
		return instant{sec: sec}, true
	}
	p := dateParser{s: s}
	year, ok := p.digits(4)
	if !ok {
		return instant{}, false
	}
	month, day := 1, 1
	hour, min, sec, nsec := 0, 0, 0, 0
	offset := 0
	if p.done() {
		goto build
	}
	if !p.lit('-') {
		return instant{}, false
	}
	if month, ok = p.digits(2); !ok || month < 1 || month > 12 {
		return instant{}, false
	}
	if p.done() {
		goto build
	}
	if !p.lit('-') {
		return instant{}, false
	}
	if day, ok = p.digits(2); !ok || day < 1 || day > daysIn(year, month) {
		return instant{}, false
	}
	if p.done() {
		goto build
	}
	if !p.lit('T') && !p.lit('t') {
		return instant{}, false
	}
	if hour, ok = p.digits(2); !ok || hour > 23 || !p.lit(':') {
		return instant{}, false
	}
	if min, ok = p.digits(2); !ok || min > 59 {
		return instant{}, false
	}
	if p.lit(':') {
		if sec, ok = p.digits(2); !ok || sec > 60 {
			return instant{}, false
		}
		if p.lit('.') {
			n := 0
			scale := 1_000_000_000
			for !p.done() && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
				if n < 9 {
					scale /= 10
					nsec += int(p.s[p.i]-'0') * scale
				}
				n++
				p.i++
			}
			if n == 0 {
				return instant{}, false
			}
		}
	}
	switch {
	case p.done():
	case p.lit('Z') || p.lit('z'):
	case p.s[p.i] == '+' || p.s[p.i] == '-':
		sign := 1
		if p.s[p.i] == '-' {
			sign = -1
		}
		p.i++
		oh, ok := p.digits(2)
		if !ok || oh > 23 {
			return instant{}, false
		}
		p.lit(':')
		om, ok := p.digits(2)
		if !ok || om > 59 {
			return instant{}, false
		}
		offset = sign * (oh*3600 + om*60)
	default:
		return instant{}, false
	}
	if !p.done() {
		return instant{}, false
	}
build:
	t := time.Date(year, time.Month(month), day, hour, min, sec, nsec, time.UTC)
	in := fromTime(t)
	in.sec -= int64(offset)
	return in, true
}

func fromTime(t time.Time) instant { return instant{sec: t.Unix(), nsec: int32(t.Nanosecond())} }

type dateParser struct {
	s string
	i int
}

func (p *dateParser) done() bool { return p.i >= len(p.s) }

func (p *dateParser) lit(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *dateParser) digits(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v, ok := atoi(p.s[p.i : p.i+n])
	if ok {
		p.i += n
	}
	return v, ok
}

func atoi(s string) (int, bool) {
	if s == "" || !allDigits(s) {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
