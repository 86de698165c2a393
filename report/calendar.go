package report

import (
	"maps"
	"slices"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// MonthDay is a day of the year on which a report period ends, e.g. 3/31.
type MonthDay struct {
	// Month is the month of the period end.
	Month time.Month
	// Day is the day of the month, from 1.
	Day int
}

// Schedule is the release schedule of one report family (R3): the days of
// the year its periods end, and the release window after each period end.
type Schedule struct {
	// PeriodEnds are the days of the year on which periods end. February
	// 29 is not allowed (it is not in every year).
	PeriodEnds []MonthDay
	// ReleaseFrom and ReleaseTo are the first and last day of the release
	// window, in days after the period end.
	ReleaseFrom int
	// ReleaseTo is the last day of the release window, in days after the
	// period end: at least ReleaseFrom and at most 366.
	ReleaseTo int
}

// validate checks a schedule.
func (s Schedule) validate() error {
	var fe aws.ValidationError
	if len(s.PeriodEnds) == 0 {
		fe.Add("periodEnds", "a schedule needs at least one period end")
	}
	for _, md := range s.PeriodEnds {
		if md.Month == time.February && md.Day == 29 || !D(2001, md.Month, md.Day).IsValid() {
			fe.Add("periodEnds", "%d/%d is not a day of every year", int(md.Month), md.Day)
		}
	}
	if s.ReleaseFrom < 0 || s.ReleaseTo < s.ReleaseFrom || s.ReleaseTo > 366 {
		fe.Add("releaseWindow", "%d..%d days is not a window of 0 to 366 days after the period end", s.ReleaseFrom, s.ReleaseTo)
	}
	return fe.Err()
}

// The default schedules of R3 (RULES.md, and its reports.json arithmetic):
// reports are released 42 to 49 days (6 to 7 weeks) after their period
// ends.
var (
	quarterly  = []MonthDay{{time.March, 31}, {time.June, 30}, {time.September, 30}, {time.December, 31}}
	semiannual = []MonthDay{{time.March, 31}, {time.September, 30}}
)

// Calendar holds the release schedules of report families. A Calendar is
// a value: With returns a changed copy, so a Calendar is safe for
// concurrent use. The zero Calendar knows no family; DefaultCalendar knows
// SOC 1, SOC 2 and SOC 3.
type Calendar struct {
	schedules map[string]Schedule
}

// DefaultCalendar returns today's SOC calendar (R3): SOC 1 periods end
// 3/31, 6/30, 9/30 and 12/31; SOC 2 and SOC 3 periods 3/31 and 9/30; each
// report is released 42 to 49 days after its period ends.
func DefaultCalendar() Calendar {
	c := Calendar{}
	c = c.must("SOC 1", Schedule{PeriodEnds: quarterly, ReleaseFrom: 42, ReleaseTo: 49})
	c = c.must("SOC 2", Schedule{PeriodEnds: semiannual, ReleaseFrom: 42, ReleaseTo: 49})
	return c.must("SOC 3", Schedule{PeriodEnds: semiannual, ReleaseFrom: 42, ReleaseTo: 49})
}

func (c Calendar) must(family string, s Schedule) Calendar {
	c, _ = c.With(family, s)
	return c
}

// With returns a copy of c in which family follows schedule s (replacing
// any schedule it had), e.g. the legacy 6-month SOC periods.
func (c Calendar) With(family string, s Schedule) (Calendar, error) {
	var fe aws.ValidationError
	checkText(&fe, "family", family, true, maxShortString)
	if err := s.validate(); err != nil {
		fe.Merge(err)
	}
	if err := fe.Err(); err != nil {
		return c, err
	}
	s.PeriodEnds = slices.Clone(s.PeriodEnds)
	slices.SortFunc(s.PeriodEnds, func(a, b MonthDay) int {
		if a.Month != b.Month {
			return int(a.Month) - int(b.Month)
		}
		return a.Day - b.Day
	})
	s.PeriodEnds = slices.Compact(s.PeriodEnds)
	out := Calendar{schedules: maps.Clone(c.schedules)}
	if out.schedules == nil {
		out.schedules = map[string]Schedule{}
	}
	out.schedules[family] = s
	return out, nil
}

// Schedule returns the schedule of family.
func (c Calendar) Schedule(family string) (Schedule, bool) {
	s, ok := c.schedules[family]
	s.PeriodEnds = slices.Clone(s.PeriodEnds)
	return s, ok
}

// Release is an expected report release: the period end it follows and
// the window in which it is expected, both ends inclusive.
type Release struct {
	// Family is the report family released, such as "SOC 2".
	Family string
	// PeriodEnd is the last day of the period the release covers.
	PeriodEnd Date
	// Window is the days in which the release is expected: the schedule's
	// ReleaseFrom to ReleaseTo days after PeriodEnd.
	Window Window
}

// NextRelease returns the release of family to expect at instant at (R3):
// the earliest scheduled period end whose release window has not closed on
// at's UTC date. A report already out does not move the answer until its
// window closes. An unknown family is ErrNotFound.
func (c Calendar) NextRelease(family string, at time.Time) (Release, error) {
	s, ok := c.schedules[family]
	if !ok {
		return Release{}, &unknownFamilyError{family}
	}
	today := DateOf(at.UTC())
	// The answer's period end lies after today - ReleaseTo, which is at
	// most one year back; and each year has at least one period end.
	for y := today.Year - 1; y <= today.Year+1; y++ {
		for _, md := range s.PeriodEnds {
			end := D(y, md.Month, md.Day)
			w := Window{end.AddDays(s.ReleaseFrom), end.AddDays(s.ReleaseTo)}
			if !w.End.Before(today) {
				return Release{Family: family, PeriodEnd: end, Window: w}, nil
			}
		}
	}
	// Unreachable for valid schedules: the year after today has a period
	// end whose window closes after today.
	return Release{}, &unknownFamilyError{family}
}

// NextRelease returns the release of family to expect at instant at (R3),
// by the catalog's calendar; a zero at means now.
func (c *Catalog) NextRelease(family string, at time.Time) (Release, error) {
	if at.IsZero() {
		at = c.now()
	}
	return c.calendar.NextRelease(family, at)
}

// unknownFamilyError is the error of a family the calendar has no
// schedule for. It unwraps to ErrNotFound.
type unknownFamilyError struct{ family string }

// Error names the family.
func (e *unknownFamilyError) Error() string {
	return "report: the calendar has no schedule for family " + aws.Clip(e.family)
}

// Unwrap returns ErrNotFound.
func (e *unknownFamilyError) Unwrap() error { return ErrNotFound }
