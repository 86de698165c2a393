package storetest

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/notify"
)

// Run checks that the stores newStore returns behave as notify.Store
// requires. newStore must return an empty store each time it is called.
// Run it with the race detector (go test -race): the concurrency checks
// count on it to find a store's data races.
func Run(t *testing.T, newStore func(t *testing.T) notify.Store) {
	t.Helper()
	ctx := context.Background()

	t.Run("UnknownAccountHasZeroSettings", func(t *testing.T) {
		s := newStore(t)
		got, err := s.Get(ctx, "111122223333")
		require.NoError(t, err)
		require.Equal(t, notify.Settings{Account: "111122223333"}, got)
		require.False(t, got.Subscribed())
	})

	t.Run("PutAndGet", func(t *testing.T) {
		s := newStore(t)
		in := notify.Settings{Account: "111122223333", Status: notify.Subscribed, Agreements: true,
			Reports: notify.ReportFilter{Series: []string{"SOC"}}}
		put, err := s.Put(ctx, in)
		require.NoError(t, err)
		require.EqualValues(t, 1, put.Seq)
		got, err := s.Get(ctx, "111122223333")
		require.NoError(t, err)
		in.Seq = 1
		if d := cmp.Diff(in, got); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
	})

	t.Run("StaleSequenceIsConflict", func(t *testing.T) {
		s := newStore(t)
		_, err := s.Put(ctx, notify.Settings{Account: "111122223333", Status: notify.Subscribed})
		require.NoError(t, err)
		_, err = s.Put(ctx, notify.Settings{Account: "111122223333", Status: notify.NotSubscribed})
		require.ErrorIs(t, err, notify.ErrConflict)
		got, err := s.Get(ctx, "111122223333")
		require.NoError(t, err)
		require.Equal(t, notify.Subscribed, got.Status, "a conflicting put changes nothing")
	})

	t.Run("Isolation", func(t *testing.T) {
		s := newStore(t)
		in := notify.Settings{Account: "111122223333", Status: notify.Subscribed,
			Reports: notify.ReportFilter{Series: []string{"SOC"}}}
		_, err := s.Put(ctx, in)
		require.NoError(t, err)
		in.Reports.Series[0] = "PCI"
		got, err := s.Get(ctx, "111122223333")
		require.NoError(t, err)
		require.Equal(t, []string{"SOC"}, got.Reports.Series)
		got.Reports.Series[0] = "ISO"
		again, err := s.Get(ctx, "111122223333")
		require.NoError(t, err)
		require.Equal(t, []string{"SOC"}, again.Reports.Series)
	})

	t.Run("SubscribedInAccountOrder", func(t *testing.T) {
		s := newStore(t)
		for _, a := range []struct {
			id aws.AccountID
			st notify.Status
		}{{"333333333333", notify.Subscribed}, {"111111111111", notify.Subscribed}, {"222222222222", notify.NotSubscribed}} {
			_, err := s.Put(ctx, notify.Settings{Account: a.id, Status: a.st})
			require.NoError(t, err)
		}
		var got []aws.AccountID
		require.NoError(t, s.Subscribed(ctx, func(v notify.Settings) bool { got = append(got, v.Account); return true }))
		require.Equal(t, []aws.AccountID{"111111111111", "333333333333"}, got)
		got = nil
		require.NoError(t, s.Subscribed(ctx, func(v notify.Settings) bool { got = append(got, v.Account); return false }))
		require.Len(t, got, 1, "returning false stops the walk")
	})

	t.Run("ConcurrentPutsOneWins", func(t *testing.T) {
		s := newStore(t)
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.Put(ctx, notify.Settings{Account: "111122223333", Status: notify.Subscribed}); err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		require.Equal(t, 1, wins)
	})

	t.Run("CancelledContext", func(t *testing.T) {
		s := newStore(t)
		stored, err := s.Put(ctx, notify.Settings{Account: "111122223333", Status: notify.Subscribed})
		require.NoError(t, err)
		done, cancel := context.WithCancel(ctx)
		cancel()
		changed := stored
		changed.Status = notify.NotSubscribed
		calls := map[string]func() error{
			"Get":        func() error { _, err := s.Get(done, "111122223333"); return err },
			"Put":        func() error { _, err := s.Put(done, changed); return err },
			"Subscribed": func() error { return s.Subscribed(done, func(notify.Settings) bool { return true }) },
		}
		for name, call := range calls {
			require.ErrorIs(t, call(), context.Canceled, "%s honours a cancelled context", name)
		}
		got, err := s.Get(ctx, "111122223333")
		require.NoError(t, err)
		require.Equal(t, stored, got, "nothing changed")
	})
}
