package sqlite_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
)

// TestOpenConcurrently opens one new database file from several places at
// once, as processes starting together do: switching the file to WAL mode
// makes SQLite answer SQLITE_BUSY without waiting, and Open must wait and
// try again rather than fail.
func TestOpenConcurrently(t *testing.T) {
	ctx := context.Background()
	for round := range 20 {
		path := filepath.Join(t.TempDir(), "artifact.db")
		errs := make([]error, 8)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() {
				db, err := sqlite.Open(ctx, path)
				if err == nil {
					err = db.Close()
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for i, err := range errs {
			require.NoError(t, err, "round %d, opener %d", round, i)
		}
	}
}
