package report_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want report.Date
		ok   bool
	}{
		{"2025-09-30", report.D(2025, 9, 30), true},
		{"2024-02-29", report.D(2024, 2, 29), true},
		{"2000-02-29", report.D(2000, 2, 29), true},
		{"0001-01-01", report.D(1, 1, 1), true},
		{"9999-12-31", report.D(9999, 12, 31), true},
		{"2025-02-29", report.Date{}, false}, // not a leap year
		{"1900-02-29", report.Date{}, false}, // century, not a leap year
		{"2025-04-31", report.Date{}, false},
		{"2025-13-01", report.Date{}, false},
		{"2025-00-10", report.Date{}, false},
		{"0000-01-01", report.Date{}, false},
		{"2025-9-30", report.Date{}, false},
		{"2025/09/30", report.Date{}, false},
		{"2025-09-30T00:00:00Z", report.Date{}, false},
		{"+025-09-30", report.Date{}, false},
		{"", report.Date{}, false},
	} {
		got, err := report.ParseDate(tc.in)
		if !tc.ok {
			require.ErrorIs(t, err, report.ErrInvalid, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got)
		require.Equal(t, tc.in, got.String())
	}
}

// RULES.md (reports.json) counts months as Go's AddDate does on a civil
// date.
func TestDateAddMonthsIsGoAddDate(t *testing.T) {
	for _, tc := range []struct {
		from   report.Date
		months int
		want   report.Date
	}{
		{report.D(2025, 10, 1), 3, report.D(2026, 1, 1)},
		{report.D(2025, 1, 31), 1, report.D(2025, 3, 3)},
		{report.D(2024, 1, 31), 1, report.D(2024, 3, 2)},  // leap year
		{report.D(2025, 8, 31), 3, report.D(2025, 12, 1)}, // Nov 31
		{report.D(2025, 8, 31), 6, report.D(2026, 3, 3)},  // Feb 31
		{report.D(2028, 3, 1), 12, report.D(2029, 3, 1)},
		{report.D(2024, 2, 29), 12, report.D(2025, 3, 1)},
		{report.D(2025, 3, 31), -1, report.D(2025, 3, 3)},
	} {
		require.Equal(t, tc.want, tc.from.AddMonths(tc.months), "%s + %d months", tc.from, tc.months)
		goWant := tc.from.Start().AddDate(0, tc.months, 0)
		require.Equal(t, report.DateOf(goWant), tc.from.AddMonths(tc.months))
	}
}

func TestDateArithmetic(t *testing.T) {
	require.Equal(t, 366, report.D(2025, 1, 1).Sub(report.D(2024, 1, 1)), "2024 is a leap year")
	require.Equal(t, 274, report.D(2024, 10, 1).Sub(report.D(2024, 1, 1)))
	require.Equal(t, report.D(2024, 3, 1), report.D(2024, 2, 28).AddDays(2))
	require.Equal(t, report.D(1969, 12, 31), report.D(1970, 1, 1).AddDays(-1))
	require.Equal(t, report.D(1600, 3, 1), report.D(1600, 2, 28).AddDays(2), "1600 is a leap year")
	require.True(t, report.D(2025, 1, 1).Before(report.D(2025, 1, 2)))
	require.True(t, report.D(2025, 1, 2).After(report.D(2025, 1, 1)))
	require.Zero(t, report.D(2025, 1, 2).Compare(report.D(2025, 1, 2)))
	// Every day from 1899 to 2101 round-trips through AddDays and agrees
	// with time.Time.
	d, tt := report.D(1899, 1, 1), time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 80000; i++ {
		require.Equal(t, report.DateOf(tt), d)
		require.True(t, d.IsValid())
		d, tt = d.AddDays(1), tt.AddDate(0, 0, 1)
	}
}

// Dates of instants depend on the time zone: coverage and releases take
// the UTC date.
func TestDateOfTimeZones(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	tokyo := time.FixedZone("JST", 9*3600)
	for _, tc := range []struct {
		at   time.Time
		want report.Date
		utc  report.Date
	}{
		{time.Date(2025, 12, 31, 23, 30, 0, 0, ny), report.D(2025, 12, 31), report.D(2026, 1, 1)},
		{time.Date(2026, 1, 1, 8, 0, 0, 0, tokyo), report.D(2026, 1, 1), report.D(2025, 12, 31)},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), report.D(2024, 2, 29), report.D(2024, 2, 29)},
	} {
		require.Equal(t, tc.want, report.DateOf(tc.at))
		require.Equal(t, tc.utc, report.DateOf(tc.at.UTC()))
	}
	require.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, tokyo), report.D(2026, 1, 1).In(tokyo))
}

func TestWindow(t *testing.T) {
	w := report.Window{Start: report.D(2025, 1, 1), End: report.D(2025, 12, 31)}
	require.NoError(t, w.Validate())
	require.Equal(t, 365, w.Days())
	require.True(t, w.Contains(report.D(2025, 12, 31)), "ends are inclusive")
	require.False(t, w.Contains(report.D(2026, 1, 1)))
	require.True(t, w.Overlaps(report.Window{Start: report.D(2025, 12, 31), End: report.D(2026, 6, 30)}), "one shared day")
	require.False(t, w.Overlaps(report.Window{Start: report.D(2026, 1, 1), End: report.D(2026, 6, 30)}))
	require.Equal(t, "2025-01-01..2025-12-31", w.String())
	require.Equal(t, 1, report.Window{Start: report.D(2024, 2, 29), End: report.D(2024, 2, 29)}.Days())
	require.Equal(t, []string{"window.end"}, fields(t, report.Window{Start: report.D(2025, 2, 1), End: report.D(2025, 1, 31)}.Validate()))
	require.Equal(t, []string{"window.start", "window.end"}, fields(t, report.Window{}.Validate()))
}

func TestDateText(t *testing.T) {
	var v struct {
		A report.Date `json:"a"`
		B report.Date `json:"b"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"a":"2028-02-29","b":""}`), &v))
	require.Equal(t, report.D(2028, 2, 29), v.A)
	require.True(t, v.B.IsZero())
	out, err := json.Marshal(v)
	require.NoError(t, err)
	require.JSONEq(t, `{"a":"2028-02-29","b":""}`, string(out))
	require.Error(t, json.Unmarshal([]byte(`{"a":"2027-02-29"}`), &v))
	_, err = report.D(2027, 2, 29).MarshalText()
	require.Error(t, err)
}

// FuzzParseDate: ParseDate never panics, accepts only what time.Parse
// accepts in the same layout, and round-trips.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-09-30", "2024-02-29", "2025-02-29", "0001-01-01", "9999-12-31", "abcd-ef-gh", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := report.ParseDate(s)
		tt, terr := time.Parse("2006-01-02", s)
		if err != nil {
			if terr == nil && tt.Year() >= 1 && len(s) == 10 {
				t.Fatalf("ParseDate(%q) refused what time.Parse accepts: %v", s, err)
			}
			return
		}
		if terr != nil {
			t.Fatalf("ParseDate(%q) accepted what time.Parse refuses: %v", s, terr)
		}
		if d.String() != s || report.DateOf(tt) != d {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}
