package report_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/artifactkit/artifactkit/report"
)

// benchVersions returns n TYPE2 versions of family "SOC 2": 12-month
// periods ending every third day from 1950 on, each published 45 days
// after its end, a tenth of them re-issued as version 2.
func benchVersions(n int) []report.Report {
	out := make([]report.Report, 0, n)
	for i := 0; i < n; i++ {
		end := report.D(1950, 1, 1).AddDays(3 * i)
		r := soc2(end.AddDays(1).AddMonths(-12), end)
		r.ID = fmt.Sprintf("report-%016d", i)
		r.Version = 1 + int64(i%10/9)
		r.State, r.UploadState = report.Published, report.UploadComplete
		r.PublishedAt = end.AddDays(45).Start()
		out = append(out, r)
	}
	return out
}

type benchQuery struct {
	w  report.Window
	at time.Time
}

// benchQueries returns windows and instants spread over the versions' span.
func benchQueries(n int) []benchQuery {
	rng := rand.New(rand.NewPCG(1, 2))
	span := 3 * n
	qs := make([]benchQuery, 1024)
	for i := range qs {
		start := report.D(1950, 1, 1).AddDays(rng.IntN(span))
		qs[i] = benchQuery{
			w:  report.Window{Start: start, End: start.AddDays(365)},
			at: start.AddDays(rng.IntN(800)).Start(),
		}
	}
	return qs
}

// BenchmarkBestReport: the best version for an audit window among n
// versions of a family (R4), through the index directly and through the
// catalog (whose index is cached between writes). The cost grows with
// log n.
func BenchmarkBestReport(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		versions := benchVersions(n)
		qs := benchQueries(n)
		idx := report.NewIndex(versions)
		b.Run(fmt.Sprintf("index/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				q := qs[i%len(qs)]
				idx.Best("SOC 2", q.w, q.at, report.Thresholds{})
			}
		})
		if n != 10_000 {
			continue
		}
		cat, _ := newCatalog(b)
		for _, r := range versions {
			r.ID = ""
			put(b, cat, r)
		}
		b.Run(fmt.Sprintf("catalog/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				q := qs[i%len(qs)]
				if _, _, err := cat.BestReport(ctx, "SOC 2", q.w, q.at); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("chain/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				q := qs[i%len(qs)]
				idx.Chain("SOC 2", q.w, q.at)
			}
		})
	}
}

// BenchmarkIndexBuild: building the coverage index of 10,000 versions (done
// once per store change).
func BenchmarkIndexBuild(b *testing.B) {
	versions := benchVersions(10_000)
	b.ReportAllocs()
	for b.Loop() {
		report.NewIndex(versions)
	}
}

// BenchmarkInScope: "is service S in scope in region R in version V" (R5),
// on a scope of 200 services in 30 regions, and through the catalog.
func BenchmarkInScope(b *testing.B) {
	var services, regions []string
	for i := 0; i < 200; i++ {
		services = append(services, fmt.Sprintf("Service %03d", i))
	}
	for i := 0; i < 30; i++ {
		regions = append(regions, fmt.Sprintf("xx-region-%d", i))
	}
	scope := report.MustScope(services, regions)
	b.Run("scope", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			scope.Contains(services[i%200], regions[i%31%30])
		}
	})
	cat, _ := newCatalog(b)
	r := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	r.Scope = scope
	r = put(b, cat, r)
	b.Run("catalog", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := cat.InScope(ctx, r.ID, 1, services[i%200], regions[i%30]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDownload: the gate in front of a document (N2, R2): EXPLICIT
// terms with a term token, PASSTHROUGH without, and a report that needs
// approval.
func BenchmarkDownload(b *testing.B) {
	cat, _ := newCatalog(b)
	explicit := put(b, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	pt := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	pt.Family, pt.AcceptanceType = "SOC 3", report.Passthrough
	passthrough := put(b, cat, pt)
	ap := soc2(report.D(2024, 12, 1), report.D(2025, 11, 30))
	ap.Family, ap.Series, ap.TrustCategories, ap.NeedsApproval = "PCI DSS", "PCI", nil, true
	approval := put(b, cat, ap)
	if _, err := cat.RequestAccess(ctx, acct, approval.ID); err != nil {
		b.Fatal(err)
	}
	if _, err := cat.Approve(ctx, acct, approval.ID); err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		r    report.Report
	}{{"explicit", explicit}, {"passthrough", passthrough}, {"approval", approval}} {
		tok, err := cat.TermToken(ctx, acct, tc.r.ID, 0)
		if err != nil {
			b.Fatal(err)
		}
		value := tok.Value
		if tc.name == "passthrough" {
			value = ""
		}
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cat.Download(ctx, acct, tc.r.ID, 0, value); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("term-token", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := cat.TermToken(ctx, acct, explicit.ID, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
}
