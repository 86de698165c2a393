package sqlstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

const bigOrg = 100_000

func member(i int) org.AccountID { return org.AccountID(fmt.Sprintf("9%011d", i)) }

// writeCounter counts the records an agreement.Registry writes.
type writeCounter struct {
	agreement.Store
	writes atomic.Int64
}

func (s *writeCounter) InsertCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	s.writes.Add(1)
	return s.Store.InsertCustomerAgreement(ctx, c)
}

func (s *writeCounter) UpdateCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	s.writes.Add(1)
	return s.Store.UpdateCustomerAgreement(ctx, c)
}

// view runs the NDA and read steps of the token chain for account.
func view(tb testing.TB, reg *agreement.Registry, account org.AccountID, id agreement.ID) agreement.AcceptInput {
	tb.Helper()
	n, err := reg.GetNda(ctx, account, id)
	require.NoError(tb, err)
	tok, err := reg.AcceptNda(ctx, account, id, n.Revision, n.Token)
	require.NoError(tb, err)
	v, err := reg.Get(ctx, account, id, tok)
	require.NoError(tb, err)
	return agreement.AcceptInput{Account: account, Agreement: id, Revision: v.Revision,
		AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteToken: v.ExecuteToken, Scope: agreement.ScopeOrganization}
}

// BenchmarkOrganization100k: the answers about an organization of 100,000
// members, on each database. Goals: an organization BAA in O(1) writes and
// under 50 ms; "is this account a HIPAA Account at T" under 200 µs
// (SQLite) / 1 ms (PostgreSQL); every HIPAA Account streamed in under 1 s
// with memory flat in the organization's size.
func BenchmarkOrganization100k(b *testing.B) {
	eachBench(b, func(b *testing.B, db *sqlstore.DB) {
		w := artifacttest.NewWithOptions(b, artifacttest.Options{ServiceOptions: db.ServiceOptions()})
		svc := w.Service
		accounts := make([]org.AccountID, bigOrg)
		for i := range accounts {
			accounts[i] = member(i)
		}
		require.NoError(b, sqlstore.BulkJoin(ctx, db, artifacttest.OrgID, accounts, w.Clock.Now().Add(-time.Hour)))
		// One member's history: 200 changes.
		alice := org.AccountID("100000000042")
		var middle time.Time
		for i := range 100 {
			w.Clock.Advance(time.Second)
			_, _, err := svc.JoinOrganization(ctx, alice, artifacttest.OrgID)
			require.NoError(b, err)
			if i == 50 {
				middle = w.Clock.Now()
			}
			w.Clock.Advance(time.Second)
			_, _, err = svc.LeaveOrganization(ctx, alice)
			require.NoError(b, err)
		}
		_, _, err := svc.JoinOrganization(ctx, alice, artifacttest.OrgID)
		require.NoError(b, err)
		mgmt := artifacttest.ManagementAccount

		dir := org.NewDirectory(db.Org(), org.WithClock(w.Clock.Now))
		counter := &writeCounter{Store: db.Agreements()}
		reg := agreement.New(counter, dir, agreement.WithClock(w.Clock.Now), agreement.WithTokenLifetime(24*time.Hour))
		b.Run("AcceptOrganizationBAA", func(b *testing.B) {
			inputs := make([]agreement.AcceptInput, 0, 16)
			b.ReportAllocs()
			b.ResetTimer()
			writes := counter.writes.Load()
			for i := range b.N {
				if i%cap(inputs) == 0 {
					b.StopTimer()
					inputs = inputs[:0]
					for range cap(inputs) {
						inputs = append(inputs, view(b, reg, mgmt, artifacttest.BAA))
					}
					b.StartTimer()
				}
				w.Clock.Advance(time.Second)
				c, _, err := reg.AcceptSeq(ctx, inputs[i%cap(inputs)])
				if err != nil {
					b.Fatal(err)
				}
				w.Clock.Advance(time.Second)
				if _, _, err := reg.AWSTerminateSeq(ctx, c.ID); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(counter.writes.Load()-writes)/float64(b.N), "records/op")
		})

		w.Clock.Advance(time.Second)
		_, _, err = reg.AcceptSeq(ctx, view(b, reg, mgmt, artifacttest.BAA))
		require.NoError(b, err)
		w.Clock.Advance(time.Second)
		now := w.Clock.Now()
		fast := agreement.New(db.Agreements(), dir, agreement.WithClock(w.Clock.Now))
		for _, c := range []struct {
			name string
			at   time.Time
			want bool
		}{{"now", now, true}, {"past", middle, false}} {
			b.Run("IsHIPAA/"+c.name, func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					s, err := fast.IsHIPAA(ctx, alice, c.at)
					if err != nil || s.HIPAA != c.want {
						b.Fatal(err, s.Reason)
					}
				}
			})
		}
		b.Run("HIPAAAccountsSeq", func(b *testing.B) {
			b.ReportAllocs()
			var peak uint64
			for range b.N {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				base := ms.HeapInuse
				n := 0
				for _, err := range fast.HIPAAAccountsSeq(ctx, artifacttest.OrgID, now) {
					if err != nil {
						b.Fatal(err)
					}
					n++
					if n%20_000 == 0 {
						runtime.ReadMemStats(&ms)
						if ms.HeapInuse > base {
							peak = max(peak, ms.HeapInuse-base)
						}
					}
				}
				if n < bigOrg {
					b.Fatal(n)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	})
}

// BenchmarkBestReport100k: the best report for a window among 100,000
// versions of a family, through the database's index (goal: 200 µs on
// SQLite, 1 ms on PostgreSQL).
func BenchmarkBestReport100k(b *testing.B) {
	eachBench(b, func(b *testing.B, db *sqlstore.DB) {
		const n = 100_000
		rs := make([]report.Report, 0, n)
		for i := range n {
			end := report.D(1950, 1, 1).AddDays(i)
			rs = append(rs, report.Report{
				ID: fmt.Sprintf("report-%016d", i), Version: 1 + int64(i%10/9), Name: "SOC 2 Type 2", Category: "c", Series: "SOC",
				Family: "SOC 2", Type: report.Type2, PeriodStart: end.AddDays(1).AddMonths(-12), PeriodEnd: end,
				State: report.Published, UploadState: report.UploadComplete, AcceptanceType: report.Explicit,
				Document: report.Document{SHA256: report.Digest{1}}, PublishedAt: end.AddDays(45).Start(),
			})
		}
		require.NoError(b, sqlstore.BulkReports(ctx, db, rs))
		cat, err := report.New(db.Reports())
		require.NoError(b, err)
		rng := rand.New(rand.NewPCG(1, 2))
		type query struct {
			w  report.Window
			at time.Time
		}
		qs := make([]query, 1024)
		for i := range qs {
			start := report.D(1950, 1, 1).AddDays(rng.IntN(n))
			qs[i] = query{report.Window{Start: start, End: start.AddDays(365)}, start.AddDays(rng.IntN(800)).Start()}
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			q := qs[i%len(qs)]
			if _, _, err := cat.BestReport(ctx, "SOC 2", q.w, q.at); err != nil {
				b.Fatal(err)
			}
		}
	})
}
