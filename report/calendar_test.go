package report_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
)

// R3: SOC 1 periods end quarterly, SOC 2 and SOC 3 twice a year; a report
// is released 42 to 49 days after its period ends. The answer is the
// earliest period end whose release window has not closed on at's UTC date.
func TestR3_NextReleaseDefaults(t *testing.T) {
	cal := report.DefaultCalendar()
	for _, tc := range []struct {
		family string
		at     time.Time
		end    report.Date
	}{
		{"SOC 1", time.Date(2025, 11, 18, 23, 59, 59, 0, time.UTC), report.D(2025, 9, 30)},
		{"SOC 1", time.Date(2025, 11, 19, 0, 0, 0, 0, time.UTC), report.D(2025, 12, 31)},
		{"SOC 1", time.Date(2026, 2, 19, 0, 0, 0, 0, time.UTC), report.D(2026, 3, 31)},
		{"SOC 1", time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC), report.D(2025, 6, 30)},
		{"SOC 1", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), report.D(2025, 12, 31)},
		{"SOC 2", time.Date(2026, 5, 19, 23, 59, 59, 0, time.UTC), report.D(2026, 3, 31)},
		{"SOC 2", time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC), report.D(2026, 9, 30)},
		{"SOC 2", time.Date(2025, 11, 19, 0, 0, 0, 0, time.UTC), report.D(2026, 3, 31) /* no 12/31 period */},
		{"SOC 3", time.Date(2025, 11, 15, 0, 0, 0, 0, time.UTC), report.D(2025, 9, 30)},
		{"SOC 3", time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), report.D(2026, 3, 31)},
		// Time zones: 2026-05-19T22:00-05:00 is May 20 in UTC.
		{"SOC 2", time.Date(2026, 5, 19, 22, 0, 0, 0, time.FixedZone("EST", -5*3600)), report.D(2026, 9, 30)},
		// Leap year: the 3/31 window in 2028 is May 12 to May 19 as always.
		{"SOC 2", time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC), report.D(2028, 3, 31)},
	} {
		rel, err := cal.NextRelease(tc.family, tc.at)
		require.NoError(t, err)
		want := report.Release{Family: tc.family, PeriodEnd: tc.end,
			Window: report.Window{Start: tc.end.AddDays(42), End: tc.end.AddDays(49)}}
		require.Equal(t, want, rel, "%s at %s", tc.family, tc.at)
	}
	rel, err := cal.NextRelease("SOC 1", time.Date(2025, 11, 19, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.Equal(t, report.Window{Start: report.D(2026, 2, 11), End: report.D(2026, 2, 18)}, rel.Window)

	_, err = cal.NextRelease("ISO 27001", t0)
	require.ErrorIs(t, err, report.ErrNotFound)
}

// R3: the calendar is configurable; the legacy 6-month SOC periods (Oct 1 -
// Mar 31, Apr 1 - Sep 30) end on the same days, and a family may follow
// any schedule.
func TestR3_CalendarIsConfigurable(t *testing.T) {
	cal, err := report.DefaultCalendar().With("SOC 1", report.Schedule{
		PeriodEnds:  []report.MonthDay{{Month: time.September, Day: 30}, {Month: time.March, Day: 31}, {Month: time.March, Day: 31}},
		ReleaseFrom: 30, ReleaseTo: 60,
	})
	require.NoError(t, err)
	rel, err := cal.NextRelease("SOC 1", time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.Equal(t, report.D(2025, 9, 30), rel.PeriodEnd, "6/30 is no longer a period end")
	require.Equal(t, report.Window{Start: report.D(2025, 10, 30), End: report.D(2025, 11, 29)}, rel.Window)
	s, ok := cal.Schedule("SOC 1")
	require.True(t, ok)
	require.Equal(t, []report.MonthDay{{Month: time.March, Day: 31}, {Month: time.September, Day: 30}}, s.PeriodEnds, "sorted, no repeats")
	def, ok := report.DefaultCalendar().Schedule("SOC 1")
	require.True(t, ok)
	require.Len(t, def.PeriodEnds, 4, "With returns a copy; the default is unchanged")

	iso, err := report.Calendar{}.With("ISO 27001", report.Schedule{PeriodEnds: []report.MonthDay{{Month: time.August, Day: 31}}, ReleaseTo: 90})
	require.NoError(t, err)
	rel, err = iso.NextRelease("ISO 27001", time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.Equal(t, report.D(2026, 8, 31), rel.PeriodEnd, "the 2025-08-31 window closed on 2025-11-29")

	for _, bad := range []report.Schedule{
		{},
		{PeriodEnds: []report.MonthDay{{Month: time.February, Day: 29}}, ReleaseTo: 1},
		{PeriodEnds: []report.MonthDay{{Month: time.April, Day: 31}}, ReleaseTo: 1},
		{PeriodEnds: []report.MonthDay{{Month: time.April, Day: 30}}, ReleaseFrom: 5, ReleaseTo: 4},
		{PeriodEnds: []report.MonthDay{{Month: time.April, Day: 30}}, ReleaseTo: 400},
	} {
		_, err := report.DefaultCalendar().With("SOC 1", bad)
		require.ErrorIs(t, err, report.ErrInvalid, "%+v", bad)
	}
	_, err = report.DefaultCalendar().With("", report.Schedule{PeriodEnds: []report.MonthDay{{Month: time.April, Day: 30}}})
	require.Equal(t, []string{"family"}, fields(t, err))

	// The catalog answers with its own calendar; a zero instant is now.
	cat, _ := newCatalog(t, report.WithCalendar(iso))
	rel, err = cat.NextRelease("ISO 27001", time.Time{})
	require.NoError(t, err)
	require.Equal(t, report.D(2026, 8, 31), rel.PeriodEnd)
	_, err = cat.NextRelease("SOC 2", t0)
	require.ErrorIs(t, err, report.ErrNotFound)
}

// Exhaustively: for every day of four years, the answer's window has not
// closed, and no earlier period end's window is still open.
func TestR3_NextReleaseIsEarliestOpen(t *testing.T) {
	cal := report.DefaultCalendar()
	for d := report.D(2023, 1, 1); d.Before(report.D(2027, 1, 1)); d = d.AddDays(1) {
		for _, fam := range []string{"SOC 1", "SOC 2"} {
			rel, err := cal.NextRelease(fam, d.Start().Add(13*time.Hour))
			require.NoError(t, err)
			require.False(t, rel.Window.End.Before(d))
			prev := rel.PeriodEnd.AddDays(1).AddMonths(-3).AddDays(-1)
			if fam == "SOC 2" {
				prev = rel.PeriodEnd.AddDays(1).AddMonths(-6).AddDays(-1)
			}
			require.True(t, prev.AddDays(49).Before(d), "%s on %s: the %s window is still open", fam, d, prev)
		}
	}
}
