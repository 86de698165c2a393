package audit_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/audit/memstore"
)

// countingStore counts the appends a Log hands to AppendNext.
type countingStore struct {
	*memstore.Store
	next atomic.Int64
}

func (s *countingStore) AppendNext(ctx context.Context, next func(uint64, audit.Hash) audit.Record) (audit.Record, error) {
	s.next.Add(1)
	return s.Store.AppendNext(ctx, next)
}

// plainStore hides AppendNext: a Store that cannot sequence.
type plainStore struct{ audit.Store }

// G5: logs of several processes share one store and one chain. Each Log
// numbers records from what it saw; one that loses the race lets a
// SequencingStore number its record, so none fails however long the race.
func TestG5_LogsSharingASequencingStore(t *testing.T) {
	ctx := context.Background()
	store := &countingStore{Store: memstore.New()}
	logs := []*audit.Log{audit.NewLog(store), audit.NewLog(store)}
	const perWriter = 300
	var wg sync.WaitGroup
	for i, l := range logs {
		for w := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := range perWriter {
					_, err := l.Append(ctx, audit.Entry{EventName: "GetReport", Principal: "root", Account: "111122223333",
						Decision: audit.Allowed, Params: []audit.Param{{Name: "writer", Value: string(rune('a' + i*3 + w))}},
						Time: time.Unix(int64(n), 0)})
					if err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	// Taking turns, each log finds the other appended since it last did.
	before := store.next.Load()
	for i := range 10 {
		_, err := logs[i%2].Append(ctx, audit.Entry{EventName: "ListReports", Decision: audit.Allowed, Time: time.Unix(int64(i), 0)})
		require.NoError(t, err)
	}
	require.GreaterOrEqual(t, store.next.Load()-before, int64(9), "a log that lost the race lets the store number its record")
	n, err := store.Len(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 2*3*perWriter+10, n)
	for _, l := range logs {
		require.NoError(t, l.Verify(ctx))
	}
	require.NoError(t, audit.NewLog(store).Verify(ctx))
	t.Logf("%d of %d appends lost the race and were numbered by the store", store.next.Load(), n)
}

// A store that cannot sequence still gets every append of two logs that
// take turns: a Log catches up and numbers again.
func TestG5_LogsSharingAPlainStore(t *testing.T) {
	ctx := context.Background()
	store := plainStore{memstore.New()}
	a, b := audit.NewLog(store), audit.NewLog(store)
	for i := range 50 {
		l := a
		if i%3 == 0 {
			l = b
		}
		_, err := l.Append(ctx, audit.Entry{EventName: "ListReports", Decision: audit.Allowed, Time: time.Unix(int64(i), 0)})
		require.NoError(t, err)
	}
	require.NoError(t, a.Verify(ctx))
	require.NoError(t, b.Verify(ctx))
	require.NoError(t, audit.NewLog(store).Verify(ctx))
}
