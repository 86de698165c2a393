package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

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

	t.Run("GetManyIfBatchStore", func(t *testing.T) {
		s := newStore(t)
		bs, ok := s.(notify.BatchStore)
		if !ok {
			t.Skip("not a notify.BatchStore")
		}
		put, err := s.Put(ctx, notify.Settings{Account: "111111111111", Status: notify.Subscribed, Agreements: true,
			Reports: notify.ReportFilter{Categories: []string{"c"}}})
		require.NoError(t, err)
		got, err := bs.GetMany(ctx, []aws.AccountID{"111111111111", "222222222222"})
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(map[aws.AccountID]notify.Settings{"111111111111": put, "222222222222": {Account: "222222222222"}}, got))
		got, err = bs.GetMany(ctx, nil)
		require.NoError(t, err)
		require.Empty(t, got)
		done, cancel := context.WithCancel(ctx)
		cancel()
		_, err = bs.GetMany(done, []aws.AccountID{"111111111111"})
		require.ErrorIs(t, err, context.Canceled, "GetMany honours a cancelled context")
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

// RunOutbox checks that the outboxes newOutbox returns behave as
// notify.Outbox requires. newOutbox must return an empty outbox each time
// it is called. Run it with the race detector, as Run.
func RunOutbox(t *testing.T, newOutbox func(t *testing.T) notify.Outbox) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.UTC)

	t.Run("PutListDelete", func(t *testing.T) {
		o := newOutbox(t)
		got, err := o.Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Empty(t, got)
		var stored []notify.Pending
		for _, id := range []string{"0002", "0001", "0003"} {
			p, err := o.Put(ctx, notify.Pending{ID: id, Created: at, Body: []byte(`{"v":1,"id":"` + id + `"}`)})
			require.NoError(t, err)
			require.EqualValues(t, 1, p.Seq)
			stored = append(stored, p)
		}
		want := []notify.Pending{stored[1], stored[0], stored[2]}
		got, err = o.Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(want, got), "in ID order, as put")
		got, err = o.Pending(ctx, "0001", 1)
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(want[1:2], got), "after an ID, up to a limit")
		got, err = o.Pending(ctx, "0003", 10)
		require.NoError(t, err)
		require.Empty(t, got)

		require.NoError(t, o.Delete(ctx, "0002"))
		require.NoError(t, o.Delete(ctx, "0002"), "deleting what is gone is no error")
		got, err = o.Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Empty(t, cmp.Diff([]notify.Pending{want[0], want[2]}, got))
	})

	t.Run("StaleSequenceIsConflict", func(t *testing.T) {
		o := newOutbox(t)
		p, err := o.Put(ctx, notify.Pending{ID: "0001", Created: at, Body: []byte("a")})
		require.NoError(t, err)
		_, err = o.Put(ctx, notify.Pending{ID: "0001", Created: at, Body: []byte("b")})
		require.ErrorIs(t, err, notify.ErrConflict, "a new entry with a taken ID")
		p.Body = []byte("c")
		next, err := o.Put(ctx, p)
		require.NoError(t, err)
		require.EqualValues(t, 2, next.Seq)
		_, err = o.Put(ctx, p)
		require.ErrorIs(t, err, notify.ErrConflict, "a stale sequence number")
		require.NoError(t, o.Delete(ctx, "0001"))
		_, err = o.Put(ctx, next)
		require.ErrorIs(t, err, notify.ErrConflict, "an entry deleted since it was read")
		got, err := o.Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Empty(t, got, "a conflicting put stores nothing")
	})

	t.Run("Isolation", func(t *testing.T) {
		o := newOutbox(t)
		in := notify.Pending{ID: "0001", Created: at, Body: []byte("abc")}
		_, err := o.Put(ctx, in)
		require.NoError(t, err)
		in.Body[0] = 'x'
		got, err := o.Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Equal(t, []byte("abc"), got[0].Body)
		got[0].Body[0] = 'y'
		again, err := o.Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Equal(t, []byte("abc"), again[0].Body)
	})

	t.Run("ConcurrentPutsOneWins", func(t *testing.T) {
		o := newOutbox(t)
		p, err := o.Put(ctx, notify.Pending{ID: "0001", Created: at, Body: []byte("a")})
		require.NoError(t, err)
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := o.Put(ctx, p); err == nil {
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
		o := newOutbox(t)
		p, err := o.Put(ctx, notify.Pending{ID: "0001", Created: at, Body: []byte("a")})
		require.NoError(t, err)
		done, cancel := context.WithCancel(ctx)
		cancel()
		calls := map[string]func() error{
			"Put":     func() error { _, err := o.Put(done, p); return err },
			"Delete":  func() error { return o.Delete(done, "0001") },
			"Pending": func() error { _, err := o.Pending(done, "", 0); return err },
		}
		for name, call := range calls {
			require.ErrorIs(t, call(), context.Canceled, "%s honours a cancelled context", name)
		}
		got, err := o.Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Empty(t, cmp.Diff([]notify.Pending{p}, got), "nothing changed")
	})
}
