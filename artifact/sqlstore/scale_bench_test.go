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
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/notify"
	notifymem "github.com/artifactkit/artifactkit/artifact/notify/memstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
	"github.com/artifactkit/artifactkit/report"
)

const bigOrg = 100_000

func member(i int) org.AccountID { return org.AccountID(fmt.Sprintf("9%011d", i)) }

// stores are the stores of a benchmark's service: in memory, or a
// database's.
type stores struct {
	org        org.Store
	agreements agreement.Store
	settings   notify.Store
	outbox     notify.Outbox
	options    []artifact.Option
	// join makes accounts, which have no history, members of id at at.
	join func(tb testing.TB, id org.ID, accounts []org.AccountID, at time.Time)
}

func memStores() stores {
	os, as, ss := orgmem.New(), agmem.New(), notifymem.New()
	return stores{org: os, agreements: as, settings: ss, outbox: notifymem.NewOutbox(),
		options: []artifact.Option{artifact.WithOrgStore(os), artifact.WithAgreementStore(as), artifact.WithSettingsStore(ss)},
		join: func(tb testing.TB, id org.ID, accounts []org.AccountID, at time.Time) {
			dir := org.NewDirectory(os, org.WithClock(func() time.Time { return at }))
			for _, a := range accounts {
				_, err := dir.Join(ctx, a, id)
				require.NoError(tb, err)
			}
		}}
}

func dbStores(db *sqlstore.DB) stores {
	return stores{org: db.Org(), agreements: db.Agreements(), settings: db.Settings(), outbox: db.Outbox(), options: db.ServiceOptions(),
		join: func(tb testing.TB, id org.ID, accounts []org.AccountID, at time.Time) {
			require.NoError(tb, sqlstore.BulkJoin(ctx, db, id, accounts, at))
		}}
}

// eachStores runs f on the in-memory stores and on each database.
func eachStores(b *testing.B, f func(b *testing.B, st stores)) {
	b.Run("memstore", func(b *testing.B) { f(b, memStores()) })
	eachBench(b, func(b *testing.B, db *sqlstore.DB) { f(b, dbStores(db)) })
}

// counted counts the records a service writes to the agreement store and
// the outbox (each call also appends one audit record).
type counted struct {
	writes atomic.Int64
}

// writeCounter counts the customer agreements written.
type writeCounter struct {
	agreement.Store
	c *counted
}

func (s *writeCounter) InsertCustomerAgreement(ctx context.Context, ca agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	s.c.writes.Add(1)
	return s.Store.InsertCustomerAgreement(ctx, ca)
}

func (s *writeCounter) UpdateCustomerAgreement(ctx context.Context, ca agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	s.c.writes.Add(1)
	return s.Store.UpdateCustomerAgreement(ctx, ca)
}

// batchCounter is a writeCounter that keeps its store's batches.
type batchCounter struct {
	*writeCounter
	b agreement.BatchStore
}

func (s batchCounter) AccountAgreementsAt(ctx context.Context, a agreement.ID, accounts []org.AccountID, t time.Time) (map[org.AccountID]agreement.CustomerAgreement, error) {
	return s.b.AccountAgreementsAt(ctx, a, accounts, t)
}

func (s batchCounter) DesignationsAt(ctx context.Context, accounts []org.AccountID, t time.Time) (map[org.AccountID]agreement.Designation, error) {
	return s.b.DesignationsAt(ctx, accounts, t)
}

func countWrites(s agreement.Store, c *counted) agreement.Store {
	w := &writeCounter{Store: s, c: c}
	if b, ok := s.(agreement.BatchStore); ok {
		return batchCounter{w, b}
	}
	return w
}

type countedOutbox struct {
	notify.Outbox
	c *counted
}

func (o countedOutbox) Put(ctx context.Context, p notify.Pending) (notify.Pending, error) {
	o.c.writes.Add(1)
	return o.Outbox.Put(ctx, p)
}

func (o countedOutbox) Delete(ctx context.Context, id string) error {
	o.c.writes.Add(1)
	return o.Outbox.Delete(ctx, id)
}

// deliveries counts what a subscriber receives.
type deliveries struct{ n atomic.Int64 }

func (d *deliveries) Notify(context.Context, notify.Delivery) error { d.n.Add(1); return nil }

// BenchmarkOrganization100k: an organization of 100,000 members on the
// in-memory stores and on each database, through the Service. Goals: an
// organization BAA in O(1) writes and under 50 ms; "is this account a
// HIPAA Account at T" under 200 µs (SQLite) / 1 ms (PostgreSQL); every
// HIPAA Account streamed in under 1 s with memory flat in the
// organization's size.
//
// AcceptOrganizationBAA is AcceptAgreement at organization scope, end to
// end (authorization, the acceptance, its outbox entry, the notification
// of the management account, the audit record); TerminateOrganizationBAA
// is TerminateAgreement, which also notifies the first
// DefaultInlineDeliveries members itself; Deliver notifies the rest of
// the 100,000 (one member in a hundred is subscribed).
func BenchmarkOrganization100k(b *testing.B) {
	eachStores(b, func(b *testing.B, st stores) {
		sub := &deliveries{}
		c := &counted{}
		opts := append(append([]artifact.Option{}, st.options...), artifact.WithSubscriber(sub))
		w := artifacttest.NewWithOptions(b, artifacttest.Options{ServiceOptions: opts})
		// The service timed is a second one over the same stores and
		// clock, with counters around the records it writes.
		opts = append(opts, artifact.WithOutbox(countedOutbox{st.outbox, c}), artifact.WithAgreementStore(countWrites(st.agreements, c)),
			artifact.WithClock(w.Clock.Now))
		svc, err := artifact.New(opts...)
		require.NoError(b, err)
		accounts := make([]org.AccountID, bigOrg)
		for i := range accounts {
			accounts[i] = member(i)
		}
		st.join(b, artifacttest.OrgID, accounts, w.Clock.Now().Add(-time.Hour))
		for i := 0; i < bigOrg; i += 100 {
			_, err := st.settings.Put(ctx, notify.Settings{Account: member(i), Status: notify.Subscribed, Agreements: true})
			require.NoError(b, err)
		}
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
		_, _, err = svc.JoinOrganization(ctx, alice, artifacttest.OrgID)
		require.NoError(b, err)
		mgmt := w.Root(artifacttest.ManagementAccount)

		accept := func(b *testing.B, timed bool) *artifact.AcceptAgreementOutput {
			if timed {
				b.StopTimer()
			}
			n, err := svc.GetNdaForAgreement(ctx, mgmt, artifact.GetNdaForAgreementInput{AgreementID: artifacttest.BAA})
			require.NoError(b, err)
			tok, err := svc.AcceptNdaForAgreement(ctx, mgmt, artifact.AcceptNdaForAgreementInput{AgreementID: artifacttest.BAA,
				AgreementRevisionID: n.AgreementRevisionID, NdaToken: n.AcceptNdaForAgreementToken})
			require.NoError(b, err)
			v, err := svc.GetAgreement(ctx, mgmt, artifact.GetAgreementInput{AgreementID: artifacttest.BAA, NdaToken: tok.GetAgreementToken})
			require.NoError(b, err)
			w.Clock.Advance(time.Second)
			writes := c.writes.Load()
			if timed {
				b.StartTimer()
			}
			out, err := svc.AcceptAgreement(ctx, mgmt, artifact.AcceptAgreementInput{AgreementID: artifacttest.BAA, AgreementRevisionID: v.AgreementRevisionID,
				AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken, Scope: agreement.ScopeOrganization})
			if timed {
				b.StopTimer()
			}
			if err != nil || len(out.Events) != 2 {
				b.Fatal(err)
			}
			if timed {
				b.ReportMetric(float64(c.writes.Load()-writes), "records/op")
				b.StartTimer()
			}
			return out
		}
		terminate := func(b *testing.B, out *artifact.AcceptAgreementOutput, timed bool) {
			if timed {
				b.StopTimer()
			}
			v, err := svc.GetCustomerAgreement(ctx, mgmt, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
			require.NoError(b, err)
			w.Clock.Advance(time.Second)
			if timed {
				b.StartTimer()
			}
			end, err := svc.TerminateAgreement(ctx, mgmt, artifact.TerminateAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID,
				TerminateAgreementToken: v.TerminateAgreementToken})
			if err != nil || len(end.Events) != 2 {
				b.Fatal(err)
			}
		}
		// discard deletes what the calls left in the outbox for Deliver
		// (the members beyond the inline budget of each termination), so
		// that an iteration does not leave them to the next benchmark:
		// Deliver would then deliver 99,000 members per iteration run
		// before it.
		discard := func(b *testing.B) {
			for {
				page, err := st.outbox.Pending(ctx, "", 100)
				require.NoError(b, err)
				for _, p := range page {
					require.NoError(b, st.outbox.Delete(ctx, p.ID))
				}
				if len(page) < 100 {
					return
				}
			}
		}
		b.Run("AcceptOrganizationBAA", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				out := accept(b, true)
				b.StopTimer()
				terminate(b, out, false)
				discard(b)
				b.StartTimer()
			}
		})
		b.Run("TerminateOrganizationBAA", func(b *testing.B) {
			b.ReportAllocs()
			n := sub.n.Load()
			for range b.N {
				b.StopTimer()
				out := accept(b, false)
				b.StartTimer()
				terminate(b, out, true)
				b.StopTimer()
				discard(b)
				b.StartTimer()
			}
			b.ReportMetric(float64(sub.n.Load()-n)/float64(b.N), "deliveries/op")
		})
		b.Run("Deliver", func(b *testing.B) {
			b.ReportAllocs()
			total := 0
			for range b.N {
				b.StopTimer()
				discard(b)
				terminate(b, accept(b, false), false)
				b.StartTimer()
				n, err := svc.Deliver(ctx)
				if err != nil {
					b.Fatal(err)
				}
				total += n
			}
			b.ReportMetric(float64(total)/float64(b.N), "deliveries/op")
		})

		accept(b, false)
		w.Clock.Advance(time.Second)
		now := w.Clock.Now()
		dir := org.NewDirectory(st.org, org.WithClock(w.Clock.Now))
		fast := agreement.New(st.agreements, dir, agreement.WithClock(w.Clock.Now))
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
// SQLite, 1 ms on PostgreSQL), and the covering chain of a window of one
// to three years (the versions overlapping it, found through the same
// index, walked back from its end).
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
		b.Run("BestReport", func(b *testing.B) {
			b.ReportAllocs()
			for i := range b.N {
				q := qs[i%len(qs)]
				if _, _, err := cat.BestReport(ctx, "SOC 2", q.w, q.at); err != nil {
					b.Fatal(err)
				}
			}
		})
		// A chain over a family of yearly reports (one version every
		// 365 days among the 100,000, the others withdrawn), so that
		// chains take several versions.
		yearly := make([]report.Report, 0, n)
		for i := range n {
			end := report.D(1800, 1, 1).AddDays(i)
			r := report.Report{
				ID: fmt.Sprintf("report-%016d", n+i), Version: 1, Name: "SOC 1 Type 2", Category: "c", Series: "SOC",
				Family: "SOC 1", Type: report.Type2, PeriodStart: end.AddDays(1).AddMonths(-12), PeriodEnd: end,
				State: report.Published, UploadState: report.UploadComplete, AcceptanceType: report.Explicit,
				Document: report.Document{SHA256: report.Digest{1}}, PublishedAt: end.AddDays(45).Start(),
			}
			if i%365 != 0 {
				r.State = report.Unpublished
			}
			yearly = append(yearly, r)
		}
		require.NoError(b, sqlstore.BulkReports(ctx, db, yearly))
		chainQs := make([]query, 1024)
		for i := range chainQs {
			start := report.D(1801, 1, 1).AddDays(rng.IntN(n - 1200))
			chainQs[i] = query{report.Window{Start: start, End: start.AddDays(365 + rng.IntN(730))}, start.AddDays(1200).Start()}
		}
		b.Run("CoveringChain", func(b *testing.B) {
			b.ReportAllocs()
			taken := 0
			for i := range b.N {
				q := chainQs[i%len(chainQs)]
				ch, err := cat.CoveringChain(ctx, "SOC 1", q.w, q.at)
				if err != nil || len(ch.Reports) == 0 {
					b.Fatal(err, ch)
				}
				taken += len(ch.Reports)
			}
			b.ReportMetric(float64(taken)/float64(b.N), "versions/op")
		})
	})
}
