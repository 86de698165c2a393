package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
)

// Run checks that the stores newStore returns behave as report.Store
// requires. newStore must return an empty store each time it is called.
// Run it with the race detector (go test -race): the concurrency checks
// count on it to find a store's data races.
func Run(t *testing.T, newStore func(t *testing.T) report.Store) {
	t.Helper()
	ctx := context.Background()

	t.Run("PutAndRead", func(t *testing.T) {
		s := newStore(t)
		a2, a1 := put(t, s, version("report-aaaaaaaaaaaaaaaa", 2)), put(t, s, version("report-aaaaaaaaaaaaaaaa", 1))
		got, err := s.Report(ctx, a1.ID, 1)
		require.NoError(t, err)
		diff(t, a1, got)
		all, err := s.Versions(ctx, a1.ID)
		require.NoError(t, err)
		diff(t, []report.Report{a1, a2}, all)
	})

	t.Run("NotFound", func(t *testing.T) {
		s := newStore(t)
		_, err := s.Report(ctx, "report-aaaaaaaaaaaaaaaa", 1)
		require.ErrorIs(t, err, report.ErrNotFound)
		_, err = s.Versions(ctx, "report-aaaaaaaaaaaaaaaa")
		require.ErrorIs(t, err, report.ErrNotFound)
		put(t, s, version("report-aaaaaaaaaaaaaaaa", 1))
		_, err = s.Report(ctx, "report-aaaaaaaaaaaaaaaa", 2)
		require.ErrorIs(t, err, report.ErrNotFound)
		_, err = s.Token(ctx, "term-token-aaaaaaaaaaaaaaaaaaaaaaaa")
		require.ErrorIs(t, err, report.ErrNotFound)
		_, err = s.Access(ctx, "111122223333", "report-aaaaaaaaaaaaaaaa")
		require.ErrorIs(t, err, report.ErrNotFound)
		acc, err := s.Acceptances(ctx, "111122223333")
		require.NoError(t, err)
		require.Empty(t, acc)
	})

	// The store increments the sequence number: a write carries the one
	// read (0 for a new record) and comes back with the next.
	t.Run("SequenceNumbers", func(t *testing.T) {
		s := newStore(t)
		r := version("report-aaaaaaaaaaaaaaaa", 1)
		for _, seq := range []int64{1, 2} {
			r.SequenceNumber = seq
			_, err := s.PutReport(ctx, r)
			require.ErrorIs(t, err, report.ErrConflict, "new version with sequence number %d", seq)
		}
		gen0, err := s.Generation(ctx)
		require.NoError(t, err)
		r.SequenceNumber = 0
		stored, err := s.PutReport(ctx, r)
		require.NoError(t, err)
		require.EqualValues(t, 1, stored.SequenceNumber, "a new record is stored at 1")
		gen1, err := s.Generation(ctx)
		require.NoError(t, err)
		require.NotEqual(t, gen0, gen1, "a stored write changes the generation")
		_, err = s.PutReport(ctx, r)
		require.ErrorIs(t, err, report.ErrConflict, "stale sequence number 0")
		stored.Name = "renamed"
		renamed, err := s.PutReport(ctx, stored)
		require.NoError(t, err)
		require.EqualValues(t, 2, renamed.SequenceNumber)
		stored.Name = "lost update"
		_, err = s.PutReport(ctx, stored)
		require.ErrorIs(t, err, report.ErrConflict)
		got, err := s.Report(ctx, r.ID, 1)
		require.NoError(t, err)
		diff(t, renamed, got)
		gen2, err := s.Generation(ctx)
		require.NoError(t, err)
		require.NotEqual(t, gen1, gen2)
		_, err = s.PutReport(ctx, stored)
		require.ErrorIs(t, err, report.ErrConflict)
		gen3, err := s.Generation(ctx)
		require.NoError(t, err)
		require.Equal(t, gen2, gen3, "a refused write leaves the generation")
	})

	t.Run("ScanOrder", func(t *testing.T) {
		s := newStore(t)
		ids := []string{"report-cccccccccccccccc", "report-aaaaaaaaaaaaaaaa", "report-bbbbbbbbbbbbbbbb"}
		for _, id := range ids {
			for v := int64(3); v >= 1; v-- {
				put(t, s, version(id, v))
			}
		}
		var all []report.Ref
		after := report.Ref{}
		for {
			batch, err := s.Scan(ctx, after, 2)
			require.NoError(t, err)
			require.LessOrEqual(t, len(batch), 2)
			for _, r := range batch {
				all = append(all, r.Ref())
			}
			if len(batch) < 2 {
				break
			}
			after = batch[len(batch)-1].Ref()
		}
		var want []report.Ref
		for _, id := range []string{ids[1], ids[2], ids[0]} {
			for v := int64(1); v <= 3; v++ {
				want = append(want, report.Ref{ID: id, Version: v})
			}
		}
		diff(t, want, all)
		got, err := s.Scan(ctx, report.Ref{ID: ids[2], Version: 1 << 62}, 10)
		require.NoError(t, err)
		require.Len(t, got, 3)
		require.Equal(t, ids[0], got[0].ID, "after the last version of a report comes the next report")
		got, err = s.Scan(ctx, report.Ref{ID: "report-bbbbbbbbbbbbbbbc"}, 10)
		require.NoError(t, err)
		require.Len(t, got, 3, "after a key between two reports")
		got, err = s.Scan(ctx, report.Ref{}, 0)
		require.NoError(t, err)
		require.Empty(t, got)
	})

	t.Run("Isolation", func(t *testing.T) {
		s := newStore(t)
		r := version("report-aaaaaaaaaaaaaaaa", 1)
		back, err := s.PutReport(ctx, r)
		require.NoError(t, err)
		r.TrustCategories[0] = report.Privacy
		back.TrustCategories[1] = report.Privacy
		got, err := s.Report(ctx, r.ID, 1)
		require.NoError(t, err)
		require.Equal(t, []report.TrustCategory{report.Security, report.Availability}, got.TrustCategories, "changed after put")
		got.TrustCategories[0] = report.Privacy
		for _, read := range []func() (report.Report, error){
			func() (report.Report, error) { return s.Report(ctx, r.ID, 1) },
			func() (report.Report, error) { all, err := s.Versions(ctx, r.ID); return first(all), err },
			func() (report.Report, error) { all, err := s.Scan(ctx, report.Ref{}, 1); return first(all), err },
		} {
			again, err := read()
			require.NoError(t, err)
			require.Equal(t, report.Security, again.TrustCategories[0], "changed after read")
			again.TrustCategories[0] = report.Privacy
		}
		a := report.Acceptance{Account: "111122223333", ReportID: r.ID, Version: 1, Token: "t1"}
		require.NoError(t, s.AddAcceptance(ctx, a))
		list, err := s.Acceptances(ctx, a.Account)
		require.NoError(t, err)
		list[0].Version = 9
		list, err = s.Acceptances(ctx, a.Account)
		require.NoError(t, err)
		require.EqualValues(t, 1, list[0].Version)
	})

	t.Run("Tokens", func(t *testing.T) {
		s := newStore(t)
		at := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
		tok := report.TermToken{Value: "term-token-aaaaaaaaaaaaaaaaaaaaaaaa", Account: "111122223333",
			ReportID: "report-aaaaaaaaaaaaaaaa", Version: 1, TermARN: "arn:aws:artifact:us-east-1::term/term-aaaaaaaaaaaaaaaa:1",
			IssuedAt: at, ExpiresAt: at.Add(time.Hour)}
		require.NoError(t, s.PutToken(ctx, tok))
		got, err := s.Token(ctx, tok.Value)
		require.NoError(t, err)
		diff(t, tok, got)
		other := tok
		other.Account = "444455556666"
		require.ErrorIs(t, s.PutToken(ctx, other), report.ErrConflict)
		got, err = s.Token(ctx, tok.Value)
		require.NoError(t, err)
		require.Equal(t, tok.Account, got.Account, "a refused token changes nothing")
	})

	t.Run("DeleteExpiredTokens", func(t *testing.T) {
		s := newStore(t)
		at := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
		tokens := []report.TermToken{
			{Value: "term-token-aaaaaaaaaaaaaaaaaaaaaaa1", ExpiresAt: at.Add(-time.Minute)},
			{Value: "term-token-aaaaaaaaaaaaaaaaaaaaaaa2", ExpiresAt: at},
			{Value: "term-token-aaaaaaaaaaaaaaaaaaaaaaa3", ExpiresAt: at.Add(time.Second)},
		}
		for _, tok := range tokens {
			tok.Account, tok.ReportID, tok.Version, tok.IssuedAt = "111122223333", "report-aaaaaaaaaaaaaaaa", 1, at.Add(-time.Hour)
			require.NoError(t, s.PutToken(ctx, tok))
		}
		n, err := s.DeleteExpiredTokens(ctx, at)
		require.NoError(t, err)
		require.Equal(t, 2, n, "the tokens expired at or before now")
		for _, tok := range tokens[:2] {
			_, err := s.Token(ctx, tok.Value)
			require.ErrorIs(t, err, report.ErrNotFound)
		}
		_, err = s.Token(ctx, tokens[2].Value)
		require.NoError(t, err, "a token not expired stays")
		n, err = s.DeleteExpiredTokens(ctx, at)
		require.NoError(t, err)
		require.Zero(t, n)
	})

	t.Run("CancelledContext", func(t *testing.T) {
		s := newStore(t)
		stored := put(t, s, version("report-aaaaaaaaaaaaaaaa", 1))
		tok := report.TermToken{Value: "term-token-aaaaaaaaaaaaaaaaaaaaaaaa", Account: "111122223333",
			ReportID: stored.ID, Version: 1, ExpiresAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		require.NoError(t, s.PutToken(ctx, tok))
		done, cancel := context.WithCancel(ctx)
		cancel()
		calls := map[string]func() error{
			"PutReport":  func() error { _, err := s.PutReport(done, version("report-bbbbbbbbbbbbbbbb", 1)); return err },
			"Report":     func() error { _, err := s.Report(done, stored.ID, 1); return err },
			"Versions":   func() error { _, err := s.Versions(done, stored.ID); return err },
			"Scan":       func() error { _, err := s.Scan(done, report.Ref{}, 10); return err },
			"Generation": func() error { _, err := s.Generation(done); return err },
			"PutToken": func() error {
				t2 := tok
				t2.Value = "term-token-bbbbbbbbbbbbbbbbbbbbbbbb"
				return s.PutToken(done, t2)
			},
			"Token": func() error { _, err := s.Token(done, tok.Value); return err },
			"DeleteExpiredTokens": func() error {
				_, err := s.DeleteExpiredTokens(done, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
				return err
			},
			"AddAcceptance": func() error {
				return s.AddAcceptance(done, report.Acceptance{Account: "111122223333", ReportID: stored.ID, Version: 1, Token: tok.Value})
			},
			"Acceptances": func() error { _, err := s.Acceptances(done, "111122223333"); return err },
			"PutAccess": func() error {
				_, err := s.PutAccess(done, report.Access{Account: "111122223333", ReportID: stored.ID, State: report.AccessPending})
				return err
			},
			"Access": func() error { _, err := s.Access(done, "111122223333", stored.ID); return err },
		}
		for name, call := range calls {
			require.ErrorIs(t, call(), context.Canceled, "%s honours a cancelled context", name)
		}
		// The writes changed nothing.
		_, err := s.Versions(ctx, "report-bbbbbbbbbbbbbbbb")
		require.ErrorIs(t, err, report.ErrNotFound)
		_, err = s.Token(ctx, "term-token-bbbbbbbbbbbbbbbbbbbbbbbb")
		require.ErrorIs(t, err, report.ErrNotFound)
		_, err = s.Token(ctx, tok.Value)
		require.NoError(t, err, "nothing was deleted")
		acc, err := s.Acceptances(ctx, "111122223333")
		require.NoError(t, err)
		require.Empty(t, acc)
		_, err = s.Access(ctx, "111122223333", stored.ID)
		require.ErrorIs(t, err, report.ErrNotFound)
	})

	t.Run("Acceptances", func(t *testing.T) {
		s := newStore(t)
		at := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
		a1 := report.Acceptance{Account: "111122223333", ReportID: "report-aaaaaaaaaaaaaaaa", Version: 1, Token: "t1", At: at}
		a2 := report.Acceptance{Account: "111122223333", ReportID: "report-bbbbbbbbbbbbbbbb", Version: 3, Token: "t2", At: at.Add(time.Minute)}
		b1 := report.Acceptance{Account: "444455556666", ReportID: "report-aaaaaaaaaaaaaaaa", Version: 1, Token: "t3", At: at}
		for _, a := range []report.Acceptance{a1, b1, a2} {
			require.NoError(t, s.AddAcceptance(ctx, a))
		}
		dup := a1
		dup.At = at.Add(time.Hour)
		require.ErrorIs(t, s.AddAcceptance(ctx, dup), report.ErrConflict)
		got, err := s.Acceptances(ctx, "111122223333")
		require.NoError(t, err)
		diff(t, []report.Acceptance{a1, a2}, got)
	})

	t.Run("Access", func(t *testing.T) {
		s := newStore(t)
		a := report.Access{Account: "111122223333", ReportID: "report-aaaaaaaaaaaaaaaa", State: report.AccessPending,
			RequestedAt: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)}
		a.SequenceNumber = 1
		_, err := s.PutAccess(ctx, a)
		require.ErrorIs(t, err, report.ErrConflict, "a new request carries sequence number 0")
		a.SequenceNumber = 0
		a, err = s.PutAccess(ctx, a)
		require.NoError(t, err)
		require.EqualValues(t, 1, a.SequenceNumber)
		stale := a
		stale.SequenceNumber = 0
		_, err = s.PutAccess(ctx, stale)
		require.ErrorIs(t, err, report.ErrConflict, "stale")
		a.State = report.AccessApproved
		a, err = s.PutAccess(ctx, a)
		require.NoError(t, err)
		require.EqualValues(t, 2, a.SequenceNumber)
		got, err := s.Access(ctx, a.Account, a.ReportID)
		require.NoError(t, err)
		diff(t, a, got)
		_, err = s.Access(ctx, "444455556666", a.ReportID)
		require.ErrorIs(t, err, report.ErrNotFound, "requests are per account")
	})

	t.Run("ConcurrentWritersOneWins", func(t *testing.T) {
		s := newStore(t)
		var wins, conflicts atomic.Int32
		var wg sync.WaitGroup
		for g := 0; g < 16; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := version("report-aaaaaaaaaaaaaaaa", 1)
				r.Name = fmt.Sprintf("writer %d", g)
				switch _, err := s.PutReport(ctx, r); {
				case err == nil:
					wins.Add(1)
				case errors.Is(err, report.ErrConflict):
					conflicts.Add(1)
				default:
					t.Errorf("PutReport: %v", err)
				}
				_, _ = s.Scan(ctx, report.Ref{}, 10)
			}()
		}
		wg.Wait()
		require.EqualValues(t, 1, wins.Load())
		require.EqualValues(t, 15, conflicts.Load())
	})
}

// put stores r, a record not stored yet, and returns it as stored.
func put(t *testing.T, s report.Store, r report.Report) report.Report {
	t.Helper()
	got, err := s.PutReport(context.Background(), r)
	require.NoError(t, err)
	require.EqualValues(t, r.SequenceNumber+1, got.SequenceNumber)
	return got
}

// version returns a valid report version not stored yet (sequence number
// 0).
func version(id string, v int64) report.Report {
	return report.Report{
		ID: id, Version: v, ARN: report.ARN{Partition: "aws", Region: "us-east-1", ReportID: id, Version: v}.String(),
		Name: "SOC 2 Type II", Category: "Certifications and Attestations", Series: "SOC", Family: "SOC 2",
		Type: report.Type2, PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30),
		State: report.Published, UploadState: report.UploadComplete, AcceptanceType: report.Explicit,
		TrustCategories: []report.TrustCategory{report.Security, report.Availability},
		Scope:           report.MustScope([]string{"Amazon S3"}, []string{"us-east-1"}),
		Document:        report.Document{SHA256: report.Digest{1, 2, 3}, Size: 10},
		PublishedAt:     time.Date(2025, 11, 14, 16, 0, 0, 0, time.UTC),
		CreatedAt:       time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC),
	}
}

func first(rs []report.Report) report.Report {
	if len(rs) == 0 {
		return report.Report{}
	}
	return rs[0]
}

func diff(t *testing.T, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
}
