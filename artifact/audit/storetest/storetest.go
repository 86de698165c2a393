package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/audit"
)

// Run checks that the stores newStore returns behave as audit.Store
// requires. newStore must return an empty store each time it is called.
// Run it with the race detector (go test -race): the concurrency checks
// count on it to find a store's data races.
func Run(t *testing.T, newStore func(t *testing.T) audit.Store) {
	t.Helper()
	ctx := context.Background()
	rec := func(seq uint64, name string) audit.Record {
		return audit.Record{
			Entry: audit.Entry{EventName: name, Principal: "root", Account: "111122223333",
				Decision: audit.Allowed, Params: []audit.Param{{Name: "reportId", Value: "report-x"}},
				Time: time.Date(2026, 1, 1, 0, 0, int(seq), 0, time.UTC)},
			Seq: seq,
		}
	}

	t.Run("AppendInSequence", func(t *testing.T) {
		s := newStore(t)
		n, err := s.Len(ctx)
		require.NoError(t, err)
		require.Zero(t, n)
		for i := uint64(1); i <= 3; i++ {
			require.NoError(t, s.Append(ctx, rec(i, "GetReport")))
		}
		got, err := s.Read(ctx, 1, 10)
		require.NoError(t, err)
		want := []audit.Record{rec(1, "GetReport"), rec(2, "GetReport"), rec(3, "GetReport")}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("Read (-want +got):\n%s", d)
		}
	})

	t.Run("OutOfSequenceIsConflict", func(t *testing.T) {
		s := newStore(t)
		for _, seq := range []uint64{0, 2} {
			err := s.Append(ctx, rec(seq, "GetReport"))
			require.True(t, errors.Is(err, audit.ErrConflict), "seq %d: %v", seq, err)
		}
		require.NoError(t, s.Append(ctx, rec(1, "GetReport")))
		require.ErrorIs(t, s.Append(ctx, rec(1, "GetReport")), audit.ErrConflict)
		n, err := s.Len(ctx)
		require.NoError(t, err)
		require.EqualValues(t, 1, n)
	})

	t.Run("ReadWindows", func(t *testing.T) {
		s := newStore(t)
		for i := uint64(1); i <= 5; i++ {
			require.NoError(t, s.Append(ctx, rec(i, "ListReports")))
		}
		for _, tc := range []struct {
			from  uint64
			limit int
			want  []uint64
		}{
			{1, 2, []uint64{1, 2}},
			{4, 10, []uint64{4, 5}},
			{5, 1, []uint64{5}},
			{6, 3, nil},
			{2, 0, nil},
		} {
			got, err := s.Read(ctx, tc.from, tc.limit)
			require.NoError(t, err)
			var seqs []uint64
			for _, r := range got {
				seqs = append(seqs, r.Seq)
			}
			require.Equal(t, tc.want, seqs, "Read(%d, %d)", tc.from, tc.limit)
		}
	})

	t.Run("Isolation", func(t *testing.T) {
		s := newStore(t)
		r := rec(1, "GetReport")
		require.NoError(t, s.Append(ctx, r))
		r.Params[0].Value = "changed after append"
		got, err := s.Read(ctx, 1, 1)
		require.NoError(t, err)
		require.Equal(t, "report-x", got[0].Params[0].Value)
		got[0].Params[0].Value = "changed after read"
		again, err := s.Read(ctx, 1, 1)
		require.NoError(t, err)
		require.Equal(t, "report-x", again[0].Params[0].Value)
	})

	t.Run("ConcurrentAppendsKeepOneSequence", func(t *testing.T) {
		s := newStore(t)
		log := audit.NewLog(s)
		var wg sync.WaitGroup
		for g := 0; g < 20; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					_, err := log.Append(ctx, rec(0, "GetReport").Entry)
					require.NoError(t, err)
				}
			}()
		}
		wg.Wait()
		n, err := s.Len(ctx)
		require.NoError(t, err)
		require.EqualValues(t, 200, n)
		require.NoError(t, log.Verify(ctx))
	})

	t.Run("CancelledContext", func(t *testing.T) {
		s := newStore(t)
		require.NoError(t, s.Append(ctx, rec(1, "GetReport")))
		done, cancel := context.WithCancel(ctx)
		cancel()
		calls := map[string]func() error{
			"Append": func() error { return s.Append(done, rec(2, "GetReport")) },
			"Len":    func() error { _, err := s.Len(done); return err },
			"Read":   func() error { _, err := s.Read(done, 1, 10); return err },
		}
		for name, call := range calls {
			require.ErrorIs(t, call(), context.Canceled, "%s honours a cancelled context", name)
		}
		n, err := s.Len(ctx)
		require.NoError(t, err)
		require.EqualValues(t, 1, n, "nothing appended")
	})
}
