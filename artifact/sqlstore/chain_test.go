package sqlstore_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
)

// G5 across processes: two Services over two independent connection pools
// of one database append concurrently to one hash chain, with no fork, gap
// or duplicate number, and Verify holds afterwards.
func TestG5_OneChainAcrossProcesses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		one, two := dbtest.Twice(t, b)
		var (
			svcs []*artifact.Service
			logs []*audit.Log
		)
		for _, db := range []*sqlstore.DB{one, two} {
			svc, err := artifact.New(db.ServiceOptions()...)
			require.NoError(t, err)
			svcs = append(svcs, svc)
			// A second writer of the same process, as a host appending
			// records of its own.
			logs = append(logs, audit.NewLog(db.Audit()))
		}
		caller, err := artifacttest.NewCaller(artifacttest.ClinicalAccount, "reader", artifacttest.ReportsReadOnlyPolicy)
		require.NoError(t, err)
		const writers, calls = 4, 60
		var wg sync.WaitGroup
		for i, svc := range svcs {
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for n := range calls {
						var err error
						if n%2 == 0 {
							// A call that is audited whatever it answers.
							_, err = svc.ListReports(ctx, caller, artifact.ListReportsInput{})
						} else {
							_, err = logs[i].Append(ctx, audit.Entry{EventName: "Probe", Principal: fmt.Sprintf("writer-%d-%d", i, w),
								Account: "111122223333", Decision: audit.Allowed, Time: time.Unix(int64(n), 0)})
						}
						if err != nil {
							t.Error(err)
							return
						}
					}
				}()
			}
		}
		wg.Wait()
		n, err := one.Audit().Len(ctx)
		require.NoError(t, err)
		require.EqualValues(t, 2*writers*calls, n)
		for i, svc := range svcs {
			require.NoError(t, svc.Audit().Verify(ctx))
			require.NoError(t, logs[i].Verify(ctx))
		}
		require.NoError(t, audit.NewLog(two.Audit()).Verify(ctx))
		recs, err := one.Audit().Read(ctx, 1, int(n)+1)
		require.NoError(t, err)
		for i, r := range recs {
			require.EqualValues(t, i+1, r.Seq)
		}
	})
}
