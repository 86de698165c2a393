package report

import (
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Date is a civil date: a day of the proleptic Gregorian calendar, with no
// time of day and no time zone. Report periods, audit windows and release
// windows are made of dates, and their ends are inclusive.
//
// The zero Date is "no date"; IsZero reports it. Valid dates have a year
// from 1 to 9999.
type Date struct {
	// Year is the year, from 1 to 9999 in a valid date.
	Year int
	// Month is the month, January to December in a valid date.
	Month time.Month
	// Day is the day of the month, from 1 to the month's length.
	Day int
}

// D returns the date year-month-day. It does not normalize: D(2025, 2, 30)
// is not valid.
func D(year int, month time.Month, day int) Date { return Date{year, month, day} }

// DateOf returns the date of t in t's location. For the UTC date of an
// instant, use DateOf(t.UTC()).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses a date in the form 2006-01-02. It accepts exactly that
// form: four-digit year, two-digit month and day, a real day of the month.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, aws.InvalidField("date", "%q is not of the form YYYY-MM-DD", s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, aws.InvalidField("date", "%q is not of the form YYYY-MM-DD", s)
	}
	date := Date{y, time.Month(m), d}
	if !date.IsValid() {
		return Date{}, aws.InvalidField("date", "%q is not a day of the calendar", s)
	}
	return date, nil
}

// digits parses a string of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// IsValid reports whether d is a real day between years 1 and 9999.
func (d Date) IsValid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December {
		return false
	}
	return d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// String returns d as 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText implements encoding.TextMarshaler: 2006-01-02, empty for the
// zero Date. It refuses an invalid date.
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsZero() && !d.IsValid() {
		return nil, fmt.Errorf("report: invalid date %d-%d-%d", d.Year, int(d.Month), d.Day)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler: it parses 2006-01-02;
// empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// In returns the instant at which d starts in loc (midnight).
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Start returns the instant at which d starts in UTC.
func (d Date) Start() time.Time { return d.In(time.UTC) }

// days returns the number of days from 1970-01-01 to d (negative before).
// It is exact for every valid date (Howard Hinnant's days_from_civil).
func (d Date) days() int64 {
	y := int64(d.Year)
	m := int64(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays is the inverse of Date.days.
func fromDays(z int64) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(day)}
}

// AddDays returns d plus n days (n may be negative).
func (d Date) AddDays(n int) Date { return fromDays(d.days() + int64(n)) }

// AddMonths returns d plus n months, normalized as time.Time.AddDate does:
// Jan 31 + 1 month is Mar 3 (Mar 2 in a leap year), Aug 31 + 3 months is
// Dec 1. The conformance scenarios count months this way.
func (d Date) AddMonths(n int) Date {
	return DateOf(time.Date(d.Year, d.Month+time.Month(n), d.Day, 0, 0, 0, 0, time.UTC))
}

// Sub returns the number of days from e to d: d.Sub(e) is 1 when d is the
// day after e.
func (d Date) Sub(e Date) int { return int(d.days() - e.days()) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch a, b := d.days(), e.days(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Window is a span of dates, both ends inclusive: an audit window, a report
// period, a hole in a chain.
type Window struct {
	// Start is the window's first day.
	Start Date
	// End is the window's last day, not before Start.
	End Date
}

// Validate reports whether w is a window: both ends valid dates, the start
// not after the end.
func (w Window) Validate() error {
	var fe aws.ValidationError
	if !w.Start.IsValid() {
		fe.Add("window.start", "not a valid date")
	}
	if !w.End.IsValid() {
		fe.Add("window.end", "not a valid date")
	}
	if len(fe.Fields) == 0 && w.End.Before(w.Start) {
		fe.Add("window.end", "%s is before the start %s", w.End, w.Start)
	}
	return fe.Err()
}

// Days returns the number of days in w, both ends counted.
func (w Window) Days() int { return w.End.Sub(w.Start) + 1 }

// Contains reports whether d is in w.
func (w Window) Contains(d Date) bool { return !d.Before(w.Start) && !d.After(w.End) }

// Overlaps reports whether w and v share at least one day.
func (w Window) Overlaps(v Window) bool { return !w.End.Before(v.Start) && !v.End.Before(w.Start) }

// String returns w as "2025-01-01..2025-12-31".
func (w Window) String() string { return w.Start.String() + ".." + w.End.String() }
