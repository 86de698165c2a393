package sqlstore_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// randomVersions stores n versions of every kind (TYPE1, unpublished,
// deleted, still uploading, one-day periods) in three families, and
// returns them.
func randomVersions(t *testing.T, db *sqlstore.DB, rng *rand.Rand, n int) []report.Report {
	t.Helper()
	families := []string{"SOC 1", "SOC 2", "PCI DSS"}
	var all []report.Report
	for i := range n {
		end := report.D(2015, 1, 1).AddDays(rng.IntN(3000))
		start := end.AddDays(1).AddMonths(-1 - rng.IntN(18))
		r := report.Report{
			ID: fmt.Sprintf("report-%016d", i/2), Version: int64(1 + i%2), Name: "r", Category: "c", Series: "SOC",
			Family: families[rng.IntN(3)], Type: report.Type2, PeriodStart: start, PeriodEnd: end,
			State: report.Published, UploadState: report.UploadComplete, AcceptanceType: report.Explicit,
			Document:    report.Document{SHA256: report.Digest{1}},
			PublishedAt: end.AddDays(rng.IntN(180) - 60).Start().Add(time.Duration(rng.IntN(86400)) * time.Second),
		}
		switch rng.IntN(12) {
		case 0:
			r.Type, r.PeriodStart = report.Type1, r.PeriodEnd
		case 1:
			r.State = report.Unpublished
		case 2:
			r.DeletedAt = r.PublishedAt.Add(time.Hour)
		case 3:
			r.UploadState = report.UploadProcessing
		case 4:
			r.PeriodEnd = r.PeriodStart // a one-day period
		}
		stored, err := db.Reports().PutReport(ctx, r)
		require.NoError(t, err)
		require.EqualValues(t, 1, stored.SequenceNumber)
		all = append(all, stored)
	}
	return all
}

// randomQuestion returns a family, a window of up to maxDays days and an
// instant around it.
func randomQuestion(rng *rand.Rand, maxDays int) (string, report.Window, time.Time) {
	ws := report.D(2014, 6, 1).AddDays(rng.IntN(3600))
	w := report.Window{Start: ws, End: ws.AddDays(rng.IntN(maxDays))}
	at := ws.AddDays(rng.IntN(900) - 200).Start().Add(time.Duration(rng.IntN(86400)) * time.Second)
	return []string{"SOC 1", "SOC 2", "PCI DSS"}[rng.IntN(3)], w, at
}

// R4: the database's best report for a window, through its index, is the
// one the library's in-memory Index chooses, over versions of every kind.
func TestBestReportMatchesIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		rng := rand.New(rand.NewPCG(7, 9))
		idx := report.NewIndex(randomVersions(t, db, rng, 400))
		for range 600 {
			fam, w, at := randomQuestion(rng, 500)
			want, wok := idx.Best(fam, w, at, report.Thresholds{})
			got, gok, err := db.Reports().BestReport(ctx, fam, w, at)
			require.NoError(t, err)
			require.Equal(t, wok, gok, "%s %v at %s", fam, w, at)
			if wok {
				require.Equal(t, want.Report.Ref(), got.Ref(), "%s %v at %s", fam, w, at)
			}
		}
		_, ok, err := db.Reports().BestReport(ctx, "ISO 27001", report.Window{Start: report.D(2020, 1, 1), End: report.D(2020, 12, 31)}, time.Now())
		require.NoError(t, err)
		require.False(t, ok, "a family without versions")
	})
}

// R4: the database's covering chain for a window, from the versions its
// index finds, is the one the library's in-memory Index walks, over
// versions of every kind and windows of up to six years.
func TestCoveringChainMatchesIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		rng := rand.New(rand.NewPCG(11, 13))
		idx := report.NewIndex(randomVersions(t, db, rng, 400))
		cat, err := report.New(db.Reports())
		require.NoError(t, err)
		holes := 0
		for range 400 {
			fam, w, at := randomQuestion(rng, 2200)
			want := idx.Chain(fam, w, at)
			got, err := cat.CoveringChain(ctx, fam, w, at)
			require.NoError(t, err)
			require.Empty(t, cmp.Diff(want, got), "%s %v at %s", fam, w, at)
			holes += len(got.Holes)
		}
		require.NotZero(t, holes, "the questions meet holes too")
		ch, err := cat.CoveringChain(ctx, "ISO 27001", report.Window{Start: report.D(2020, 1, 1), End: report.D(2020, 12, 31)}, time.Now())
		require.NoError(t, err)
		require.Equal(t, []report.Window{{Start: report.D(2020, 1, 1), End: report.D(2020, 12, 31)}}, ch.Holes, "a family without versions")
	})
}

// The walk of BestReport and CoveringVersions starts from the family's
// longest lead of publication over period end: a version not published
// (a draft, without PublishedAt) does not stretch it, and a published one
// does.
func TestUnpublishedVersionsLeaveTheWalkBound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		v := report.Report{ID: "report-0000000000000001", Version: 1, Name: "r", Category: "c", Series: "SOC", Family: "SOC 2",
			Type: report.Type2, PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30), State: report.Unpublished,
			UploadState: report.UploadComplete, AcceptanceType: report.Explicit, Document: report.Document{SHA256: report.Digest{1}}}
		_, err := db.Reports().PutReport(ctx, v)
		require.NoError(t, err)
		_, ok, err := db.Reports().BestReport(ctx, "SOC 2", report.Window{Start: report.D(2025, 1, 1), End: report.D(2025, 1, 31)}, time.Now())
		require.NoError(t, err)
		require.False(t, ok)

		v.Version, v.State, v.PublishedAt = 2, report.Published, report.D(2025, 10, 30).Start()
		_, err = db.Reports().PutReport(ctx, v)
		require.NoError(t, err)
		span, lead, err := sqlstore.FamilyBounds(ctx, db, "SOC 2")
		require.NoError(t, err)
		require.EqualValues(t, 364, span)
		require.EqualValues(t, -30, lead, "published 30 days after its period ended; the draft counts for nothing")
		got, ok, err := db.Reports().BestReport(ctx, "SOC 2", report.Window{Start: report.D(2025, 1, 1), End: report.D(2025, 1, 31)}, time.Now())
		require.NoError(t, err)
		require.True(t, ok)
		require.EqualValues(t, 2, got.Version)
	})
}

// H2: streaming an organization's HIPAA Accounts holds a page of members
// at a time: at four times the members its peak heap is about the same,
// while the list HIPAAAccounts returns grows with them.
func TestStreamingMemoryIsFlat(t *testing.T) {
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	above := func(h, base uint64) uint64 { return h - min(h, base) }
	measure := func(t *testing.T, members int) (stream, list uint64) {
		db := dbtest.SQLite(t)
		w := artifacttest.NewWithOptions(t, artifacttest.Options{ServiceOptions: db.ServiceOptions()})
		accounts := make([]org.AccountID, members)
		for i := range accounts {
			accounts[i] = org.AccountID(fmt.Sprintf("7%011d", i))
		}
		require.NoError(t, sqlstore.BulkJoin(ctx, db, artifacttest.OrgID, accounts, w.Clock.Now().Add(-time.Hour)))
		_, err := w.AcceptAgreement(ctx, w.Caller(artifacttest.AgreementsAdmin), artifacttest.BAA, agreement.ScopeOrganization)
		require.NoError(t, err)
		w.Clock.Advance(time.Minute)
		reg := agreement.New(db.Agreements(), org.NewDirectory(db.Org(), org.WithClock(w.Clock.Now)), agreement.WithClock(w.Clock.Now))
		walk := func(sample bool) {
			base, n := heap(), 0
			for _, err := range reg.HIPAAAccountsSeq(ctx, artifacttest.OrgID, w.Clock.Now()) {
				require.NoError(t, err)
				if n++; sample && n%1000 == 0 {
					stream = max(stream, above(heap(), base))
				}
			}
			require.GreaterOrEqual(t, n, members)
		}
		walk(false) // statements prepared, connections open
		walk(true)
		base := heap()
		all, err := reg.HIPAAAccounts(ctx, artifacttest.OrgID, w.Clock.Now())
		require.NoError(t, err)
		list = above(heap(), base)
		runtime.KeepAlive(all)
		return stream, list
	}
	smallStream, smallList := measure(t, 3000)
	bigStream, bigList := measure(t, 12000)
	t.Logf("peak heap streaming: %d B at 3000 members, %d B at 12000; the list: %d B, %d B", smallStream, bigStream, smallList, bigList)
	require.Greater(t, bigList, smallList+(smallList/2), "the list grows with the organization")
	require.Less(t, bigStream, smallStream+(bigList-smallList)/4, "the stream does not")
}

// plainOrg and plainAgreements hide what the SQL stores add to the
// interfaces, so that the domain reads them one question at a time.
type plainOrg struct{ org.Store }
type plainAgreements struct{ agreement.Store }

// H2, A10: on a database, the streaming answers (members a page at a
// time, a thousand members' records per query) equal the answers read one
// question at a time.
func TestStreamingOnTheDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		w := artifacttest.NewWithOptions(t, artifacttest.Options{ServiceOptions: db.ServiceOptions()})
		svc := w.Service
		const n = 1100
		for i := range n {
			_, _, err := svc.JoinOrganization(ctx, org.AccountID(fmt.Sprintf("8%011d", i)), artifacttest.OrgID)
			require.NoError(t, err)
		}
		w.Clock.Advance(time.Minute)
		for i := 0; i < n; i += 37 {
			_, err := w.AcceptAgreement(ctx, w.Root(org.AccountID(fmt.Sprintf("8%011d", i))), artifacttest.BAA, agreement.ScopeAccount)
			require.NoError(t, err)
		}
		for i := 3; i < n; i += 41 {
			_, _, err := svc.RecordOfflineBAA(ctx, org.AccountID(fmt.Sprintf("8%011d", i)))
			require.NoError(t, err)
		}
		for i := 5; i < n; i += 43 {
			_, _, err := svc.LeaveOrganization(ctx, org.AccountID(fmt.Sprintf("8%011d", i)))
			require.NoError(t, err)
		}
		w.Clock.Advance(time.Minute)
		middle := w.Clock.Now()
		_, err := w.AcceptAgreement(ctx, w.Caller(artifacttest.AgreementsAdmin), artifacttest.BAA, agreement.ScopeOrganization)
		require.NoError(t, err)
		w.Clock.Advance(time.Minute)

		fast := agreement.New(db.Agreements(), org.NewDirectory(db.Org(), org.WithClock(w.Clock.Now)), agreement.WithClock(w.Clock.Now))
		dir := org.NewDirectory(plainOrg{db.Org()}, org.WithClock(w.Clock.Now))
		slow := agreement.New(plainAgreements{db.Agreements()}, dir, agreement.WithClock(w.Clock.Now))
		for _, at := range []time.Time{middle, w.Clock.Now()} {
			want, err := slow.HIPAAAccounts(ctx, artifacttest.OrgID, at)
			require.NoError(t, err)
			var got []agreement.HIPAAStatus
			for s, err := range fast.HIPAAAccountsSeq(ctx, artifacttest.OrgID, at) {
				require.NoError(t, err)
				got = append(got, s)
			}
			require.Empty(t, cmp.Diff(want, got))
			members, err := dir.Members(ctx, artifacttest.OrgID, at)
			require.NoError(t, err)
			var seq []org.AccountID
			for m, err := range svc.Organizations().MembersSeq(ctx, artifacttest.OrgID, at) {
				require.NoError(t, err)
				seq = append(seq, m.Account)
			}
			require.Equal(t, members, seq)
		}

		// The events of an organization agreement, expanded a thousand
		// members per query, are those derived one member at a time.
		c, err := fast.Lookup(ctx, artifacttest.ManagementAccount, artifacttest.BAA, agreement.ScopeOrganization)
		require.NoError(t, err)
		w.Clock.Advance(time.Minute)
		ended, events, err := fast.AWSTerminate(ctx, c.ID)
		require.NoError(t, err)
		require.Len(t, events, 2)
		require.Equal(t, agreement.EventTerminated, events[0].Kind)
		var got, one []agreement.Event
		for e, err := range fast.Expand(ctx, events[1], "") {
			require.NoError(t, err)
			got = append(got, e)
		}
		for e, err := range slow.Expand(ctx, events[1], "") {
			require.NoError(t, err)
			one = append(one, e)
		}
		require.Empty(t, cmp.Diff(one, got))
		lost := 0
		for _, e := range got {
			require.Equal(t, agreement.EventCoverageLost, e.Kind)
			cov, err := slow.Coverage(ctx, e.Account, artifacttest.BAA, ended.EffectiveEnd)
			require.NoError(t, err)
			require.Equal(t, agreement.BasisNone, cov.Basis, e.Account)
			lost++
		}
		all, err := slow.HIPAAAccounts(ctx, artifacttest.OrgID, ended.EffectiveEnd.Add(-time.Nanosecond))
		require.NoError(t, err)
		left, err := slow.HIPAAAccounts(ctx, artifacttest.OrgID, ended.EffectiveEnd)
		require.NoError(t, err)
		require.Equal(t, len(all)-len(left), lost, "every member that lost coverage, and no other")
	})
}
