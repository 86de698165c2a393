package report_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
)

func win(start, end report.Date) report.Window { return report.Window{Start: start, End: end} }

// socSeries puts the SOC 2 reports of R3's calendar: 12-month periods
// ending 3/31 and 9/30 from 2023-09-30 to 2026-03-31, each published 45
// days after its end.
func socSeries(t *testing.T, cat *report.Catalog) map[report.Date]report.Report {
	out := map[report.Date]report.Report{}
	for end := report.D(2023, 9, 30); !end.After(report.D(2026, 3, 31)); end = end.AddDays(1).AddMonths(6).AddDays(-1) {
		r := soc2(end.AddDays(1).AddMonths(-12), end)
		r.PublishedAt = end.AddDays(45).Start().Add(16 * time.Hour)
		out[end] = put(t, cat, r)
	}
	return out
}

// R4: the best report has the latest period end among eligible versions;
// the gap after it is graded in whole calendar months from the day after
// the period end; it is stale 12 months after.
func TestR4_BestReport(t *testing.T) {
	cat, _ := newCatalog(t)
	series := socSeries(t, cat)
	for _, tc := range []struct {
		name   string
		w      report.Window
		at     time.Time
		end    report.Date
		before int
		after  int
		gap    report.GapClass
		stale  bool
	}{
		{"RULES.md example", win(report.D(2025, 1, 1), report.D(2025, 12, 31)), time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
			report.D(2025, 9, 30), 0, 92, report.GapLetter, false},
		{"next+3 months is extra procedures", win(report.D(2025, 1, 2), report.D(2026, 1, 1)), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
			report.D(2025, 9, 30), 0, 93, report.GapExtraProcedures, false},
		{"fully covered", win(report.D(2025, 4, 1), report.D(2025, 9, 30)), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
			report.D(2025, 9, 30), 0, 0, report.GapNone, false},
		{"uncovered before, across a leap year", win(report.D(2024, 1, 1), report.D(2025, 9, 30)), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
			report.D(2025, 9, 30), 274, 0, report.GapNone, false},
		{"a report not yet published does not count", win(report.D(2025, 4, 1), report.D(2026, 3, 31)), time.Date(2026, 5, 15, 15, 59, 59, 0, time.UTC),
			report.D(2025, 9, 30), 0, 182, report.GapExtraProcedures, false},
		{"published exactly at at", win(report.D(2025, 4, 1), report.D(2026, 3, 31)), time.Date(2026, 5, 15, 16, 0, 0, 0, time.UTC),
			report.D(2026, 3, 31), 0, 0, report.GapNone, false},
		{"weak", win(report.D(2024, 10, 1), report.D(2025, 10, 1)), time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC),
			report.D(2025, 3, 31), 0, 184, report.GapWeak, false},
		{"extra procedures up to next+6 months", win(report.D(2024, 10, 1), report.D(2025, 9, 30)), time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC),
			report.D(2025, 3, 31), 0, 183, report.GapExtraProcedures, false},
		{"one overlapping day suffices", win(report.D(2026, 3, 31), report.D(2026, 6, 30)), time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
			report.D(2026, 3, 31), 0, 91, report.GapLetter, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cov, ok, err := cat.BestReport(ctx, "SOC 2", tc.w, tc.at)
			require.NoError(t, err)
			require.True(t, ok)
			want := report.Coverage{Report: series[tc.end], UncoveredBeforeDays: tc.before, GapAfterDays: tc.after,
				Gap: tc.gap, Stale: tc.stale}
			diff(t, want, cov)
		})
	}
	_, ok, err := cat.BestReport(ctx, "SOC 2", win(report.D(2020, 1, 1), report.D(2020, 12, 31)), t0)
	require.NoError(t, err)
	require.False(t, ok, "no period overlaps 2020")
	_, ok, err = cat.BestReport(ctx, "SOC 9", win(report.D(2025, 1, 1), report.D(2025, 12, 31)), t0)
	require.NoError(t, err)
	require.False(t, ok, "unknown family")
}

// R4: leap days in the month arithmetic of the thresholds (RULES.md, reports.json: months
// as Go's AddDate counts them).
func TestR4_LeapDayThresholds(t *testing.T) {
	cat, _ := newCatalog(t)
	iso := soc2(report.D(2027, 3, 1), report.D(2028, 2, 29))
	iso.Family, iso.Series, iso.TrustCategories, iso.PublishedAt = "ISO 27017", "ISO", nil, time.Date(2028, 3, 15, 0, 0, 0, 0, time.UTC)
	put(t, cat, iso)
	at := time.Date(2028, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		end report.Date
		gap report.GapClass
	}{
		{report.D(2028, 5, 31), report.GapLetter},
		{report.D(2028, 6, 1), report.GapExtraProcedures},
		{report.D(2028, 8, 31), report.GapExtraProcedures},
		{report.D(2028, 9, 1), report.GapWeak},
	} {
		cov, ok, err := cat.BestReport(ctx, "ISO 27017", win(report.D(2028, 1, 1), tc.end), at)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, tc.gap, cov.Gap, "window ending %s", tc.end)
	}
	for at, stale := range map[time.Time]bool{
		time.Date(2029, 2, 28, 23, 59, 59, 0, time.UTC): false,
		time.Date(2029, 3, 1, 0, 0, 0, 0, time.UTC):     true,
	} {
		cov, _, err := cat.BestReport(ctx, "ISO 27017", win(report.D(2028, 1, 1), report.D(2028, 2, 29)), at)
		require.NoError(t, err)
		require.Equal(t, stale, cov.Stale, "at %s", at)
	}
}

// R4: a Type I report (as of one date) never covers a window, even one
// containing its date; it stays downloadable.
func TestR4_TypeICannotCoverAWindow(t *testing.T) {
	cat, _ := newCatalog(t)
	in := soc2(report.Date{}, report.D(2026, 3, 31))
	in.Family, in.Type = "SOC 2 European Sovereign Cloud", report.Type1
	r := put(t, cat, in)
	require.Equal(t, r.PeriodEnd, r.PeriodStart, "as of one date")
	w := win(report.D(2026, 1, 1), report.D(2026, 6, 30))
	_, ok, err := cat.BestReport(ctx, in.Family, w, time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.False(t, ok)
	ch, err := cat.CoveringChain(ctx, in.Family, w, time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	diff(t, report.Chain{Holes: []report.Window{w}}, ch)
	tok, err := cat.TermToken(ctx, acct, r.ID, 1)
	require.NoError(t, err)
	_, err = cat.Download(ctx, acct, r.ID, 1, tok.Value)
	require.NoError(t, err)
}

// R4: the thresholds are settings.
func TestR4_ConfigurableThresholds(t *testing.T) {
	cat, _ := newCatalog(t, report.WithThresholds(report.Thresholds{LetterMonths: 1, ExtraProceduresMonths: 2, StaleMonths: 6}))
	socSeries(t, cat)
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for end, gap := range map[report.Date]report.GapClass{
		report.D(2025, 10, 31): report.GapLetter,
		report.D(2025, 11, 1):  report.GapExtraProcedures,
		report.D(2025, 12, 1):  report.GapWeak,
	} {
		cov, ok, err := cat.BestReport(ctx, "SOC 2", win(report.D(2025, 1, 1), end), at)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, gap, cov.Gap, "window ending %s", end)
		require.False(t, cov.Stale, "stale from next + 6 months = 2026-04-01")
	}
	cov, _, err := cat.BestReport(ctx, "SOC 2", win(report.D(2025, 1, 1), report.D(2025, 12, 31)), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.True(t, cov.Stale)
}

// R4: a report is stale from midnight UTC starting next + 12 months,
// counted in calendar months (across leap days), decided in UTC.
func TestR4_Stale(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	for _, tc := range []struct {
		end   report.Date
		at    time.Time
		stale bool
	}{
		{report.D(2025, 3, 31), time.Date(2026, 3, 31, 23, 59, 59, 0, time.UTC), false},
		{report.D(2025, 3, 31), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), true},
		{report.D(2025, 3, 31), time.Date(2026, 3, 31, 19, 0, 0, 0, est), true},   // 2026-04-01T00:00Z
		{report.D(2025, 3, 31), time.Date(2026, 3, 31, 18, 59, 0, 0, est), false}, // still Mar 31 in UTC
		{report.D(2023, 9, 30), time.Date(2024, 9, 30, 23, 59, 59, 0, time.UTC), false},
		{report.D(2023, 9, 30), time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC), true},
		{report.D(2028, 2, 29), time.Date(2029, 2, 28, 23, 59, 59, 0, time.UTC), false},
		{report.D(2028, 2, 29), time.Date(2029, 3, 1, 0, 0, 0, 0, time.UTC), true},
		{report.D(2025, 8, 30), time.Date(2026, 8, 30, 23, 59, 59, 0, time.UTC), false}, // next Aug 31 + 12 months
		{report.D(2025, 8, 30), time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), true},
	} {
		cat, _ := newCatalog(t)
		r := soc2(tc.end.AddDays(1).AddMonths(-12), tc.end)
		r.PublishedAt = tc.end.Start()
		put(t, cat, r)
		cov, ok, err := cat.BestReport(ctx, "SOC 2", win(tc.end.AddDays(-10), tc.end), tc.at)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, tc.stale, cov.Stale, "period ending %s at %s", tc.end, tc.at)
		require.Equal(t, report.GapNone, cov.Gap)
	}
}

// R4: a chain of consecutive reports covers a long window with no hole;
// holes are reported where no eligible version covers a day.
func TestR4_CoveringChain(t *testing.T) {
	cat, _ := newCatalog(t)
	series := socSeries(t, cat)
	at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	ch, err := cat.CoveringChain(ctx, "SOC 2", win(report.D(2023, 1, 1), report.D(2026, 3, 31)), at)
	require.NoError(t, err)
	// Walking back, each step takes the covering version that starts
	// earliest: 2026-03, then 2025-03, 2024-03, 2023-09.
	diff(t, report.Chain{Reports: []report.Report{series[report.D(2023, 9, 30)], series[report.D(2024, 3, 31)],
		series[report.D(2025, 3, 31)], series[report.D(2026, 3, 31)]}}, ch)

	ch, err = cat.CoveringChain(ctx, "SOC 2", win(report.D(2021, 1, 1), report.D(2026, 12, 31)), at)
	require.NoError(t, err)
	require.Equal(t, []report.Window{win(report.D(2021, 1, 1), report.D(2022, 9, 30)), win(report.D(2026, 4, 1), report.D(2026, 12, 31))}, ch.Holes)

	// A withdrawn version in the middle leaves a hole.
	_, err = cat.Unpublish(ctx, series[report.D(2024, 9, 30)].ID, 1)
	require.NoError(t, err)
	_, err = cat.Unpublish(ctx, series[report.D(2025, 3, 31)].ID, 1)
	require.NoError(t, err)
	ch, err = cat.CoveringChain(ctx, "SOC 2", win(report.D(2023, 1, 1), report.D(2025, 9, 30)), at)
	require.NoError(t, err)
	diff(t, []report.Window{win(report.D(2024, 4, 1), report.D(2024, 9, 30))}, ch.Holes)
	diff(t, []report.Report{series[report.D(2023, 9, 30)], series[report.D(2024, 3, 31)], series[report.D(2025, 9, 30)]}, ch.Reports)

	_, err = cat.CoveringChain(ctx, "", win(report.D(2025, 2, 1), report.D(2025, 1, 1)), at)
	require.Equal(t, []string{"family", "window.end"}, fields(t, err))
	_, _, err = cat.BestReport(ctx, "SOC 2", report.Window{}, at)
	require.Equal(t, []string{"window.start", "window.end"}, fields(t, err))
}

// The catalog's index follows the store: a new version, or one withdrawn,
// changes the next answer; a zero instant means now.
func TestR4_IndexFollowsTheStore(t *testing.T) {
	cat, clk := newCatalog(t)
	w := win(report.D(2025, 1, 1), report.D(2025, 12, 31))
	_, ok, err := cat.BestReport(ctx, "SOC 2", w, time.Time{})
	require.NoError(t, err)
	require.False(t, ok)
	r := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	cov, ok, err := cat.BestReport(ctx, "SOC 2", w, time.Time{})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, r.Ref(), cov.Report.Ref())
	idx1, err := cat.Index(ctx)
	require.NoError(t, err)
	idx2, err := cat.Index(ctx)
	require.NoError(t, err)
	require.Same(t, idx1, idx2, "no rebuild without a write")
	require.Equal(t, 1, idx1.Len())

	clk.Advance(time.Hour)
	_, err = cat.Unpublish(ctx, r.ID, 1)
	require.NoError(t, err)
	_, ok, err = cat.BestReport(ctx, "SOC 2", w, time.Time{})
	require.NoError(t, err)
	require.False(t, ok)
}

// bruteBest is RULES.md's rule (reports.json), read literally.
func bruteBest(all []report.Report, family string, w report.Window, at time.Time) (report.Report, bool) {
	var best report.Report
	found := false
	for _, r := range all {
		if r.Family != family || r.Type != report.Type2 || r.State != report.Published || r.PublishedAt.After(at) ||
			!r.Period().Overlaps(w) {
			continue
		}
		if !found || r.PeriodEnd.After(best.PeriodEnd) ||
			r.PeriodEnd == best.PeriodEnd && (r.Version > best.Version || r.Version == best.Version && r.ID < best.ID) {
			best, found = r, true
		}
	}
	return best, found
}

// R4: the O(log n) index agrees with the rule read literally, on random
// catalogs, windows and instants.
func TestR4_IndexMatchesTheRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	for round := 0; round < 40; round++ {
		var all []report.Report
		n := 1 + rng.IntN(60)
		for i := 0; i < n; i++ {
			start := report.D(2020, 1, 1).AddDays(rng.IntN(2000))
			r := report.Report{
				ID:          fmt.Sprintf("report-%016d", rng.IntN(8)),
				Version:     int64(1 + rng.IntN(3)),
				Family:      []string{"SOC 1", "SOC 2"}[rng.IntN(2)],
				Type:        []report.Type{report.Type1, report.Type2, report.Type2, report.Type2}[rng.IntN(4)],
				State:       []report.PublishedState{report.Published, report.Published, report.Unpublished}[rng.IntN(3)],
				UploadState: report.UploadComplete,
				PeriodStart: start,
				PeriodEnd:   start.AddDays(rng.IntN(400)),
			}
			if r.Type == report.Type1 {
				r.PeriodStart = r.PeriodEnd
			}
			r.PublishedAt = r.PeriodEnd.AddDays(rng.IntN(200)).Start().Add(time.Duration(rng.IntN(86400)) * time.Second)
			all = append(all, r)
		}
		idx := report.NewIndex(all)
		for q := 0; q < 200; q++ {
			start := report.D(2019, 6, 1).AddDays(rng.IntN(2600))
			w := win(start, start.AddDays(rng.IntN(700)))
			at := report.D(2020, 1, 1).AddDays(rng.IntN(2800)).Start().Add(time.Duration(rng.IntN(86400)) * time.Second)
			fam := []string{"SOC 1", "SOC 2"}[rng.IntN(2)]
			want, wantOK := bruteBest(all, fam, w, at)
			cov, ok := idx.Best(fam, w, at, report.Thresholds{})
			require.Equal(t, wantOK, ok, "round %d query %d", round, q)
			if ok {
				require.Equal(t, want.Ref(), cov.Report.Ref())
				require.Equal(t, want.PeriodEnd, cov.Report.PeriodEnd)
			}
			if q%8 == 0 {
				checkChain(t, all, idx.Chain(fam, w, at), fam, w, at)
			}
		}
	}
}

// checkChain checks a chain's invariants: reports and holes together
// cover every day of the window, holes are days no eligible version covers,
// and both are in ascending order.
func checkChain(t *testing.T, all []report.Report, ch report.Chain, family string, w report.Window, at time.Time) {
	t.Helper()
	covers := func(d report.Date) bool {
		for _, r := range all {
			if r.Family == family && r.Type == report.Type2 && r.State == report.Published && !r.PublishedAt.After(at) &&
				r.Period().Contains(d) {
				return true
			}
		}
		return false
	}
	for i := 1; i < len(ch.Reports); i++ {
		require.True(t, ch.Reports[i-1].PeriodEnd.Before(ch.Reports[i].PeriodEnd))
	}
	for i := 1; i < len(ch.Holes); i++ {
		require.True(t, ch.Holes[i-1].End.Before(ch.Holes[i].Start))
	}
	for d := w.Start; !d.After(w.End); d = d.AddDays(1) {
		inHole := false
		for _, h := range ch.Holes {
			inHole = inHole || h.Contains(d)
		}
		inReport := false
		for _, r := range ch.Reports {
			inReport = inReport || r.Period().Contains(d)
		}
		if inHole == inReport {
			t.Fatalf("%s: in a hole %v, in a report %v; want exactly one", d, inHole, inReport)
		}
		if inHole && covers(d) {
			t.Fatalf("%s is in a hole but an eligible version covers it", d)
		}
	}
}

func TestIndexIgnoresWhatCanNeverBeEligible(t *testing.T) {
	ok := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	ok.ID, ok.Version, ok.State, ok.UploadState = "report-abcdef0123456789", 1, report.Published, report.UploadComplete
	deleted, failed, bad := ok, ok, ok
	deleted.DeletedAt = t0
	failed.UploadState = report.UploadFailed
	bad.PeriodEnd = report.D(2020, 1, 1)
	idx := report.NewIndex([]report.Report{ok, deleted, failed, bad})
	require.Equal(t, 1, idx.Len())
	_, found := idx.Best("SOC 2", report.Window{}, t0, report.Thresholds{})
	require.False(t, found, "an invalid window has no answer")
	require.Equal(t, report.Chain{}, idx.Chain("SOC 2", report.Window{}, t0))
}
