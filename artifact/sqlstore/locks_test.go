package sqlstore_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/postgres"
)

// blocked is how long a test waits before it takes a call that has not
// returned for one waiting on a lock.
const blocked = 300 * time.Millisecond

// PostgreSQL's advisory locks belong to a schema: deployments in two
// schemas of one database (postgres.WithSchema) never wait for each
// other, while two writers of one schema still do.
func TestPostgresLocksPerSchema(t *testing.T) {
	dsn := dbtest.DSN(t)
	a, schemaA := dbtest.PostgresSchema(t)
	b, schemaB := dbtest.PostgresSchema(t)
	open := func(ctx context.Context, schema string) (*sqlstore.DB, error) {
		return postgres.Open(ctx, dsn, postgres.WithSchema(schema), postgres.WithMaxConns(2))
	}
	a2, err := open(ctx, schemaA)
	require.NoError(t, err)
	t.Cleanup(func() { a2.Close() })

	t.Run("audit", func(t *testing.T) {
		// Schema A's AppendNext holds A's trail lock while it builds
		// its record.
		held, release := make(chan struct{}), make(chan struct{})
		done := make(chan error, 1)
		go func() {
			_, err := a.Audit().AppendNext(ctx, func(seq uint64, prev audit.Hash) audit.Record {
				close(held)
				<-release
				return audit.Record{Entry: audit.Entry{EventName: "Held", Decision: audit.Allowed, Time: time.Unix(1, 0)}, Seq: seq, Prev: prev}
			})
			done <- err
		}()
		<-held
		deadline, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		// Schema B appends as if A were idle: with one statement, and
		// through its own lock.
		_, err := audit.NewLog(b.Audit()).Append(deadline, audit.Entry{EventName: "Probe", Decision: audit.Allowed, Time: time.Unix(1, 0)})
		require.NoError(t, err, "schema B's append waits for no lock of schema A's")
		_, err = b.Audit().AppendNext(deadline, func(seq uint64, prev audit.Hash) audit.Record {
			return audit.Record{Entry: audit.Entry{EventName: "Next", Decision: audit.Allowed, Time: time.Unix(2, 0)}, Seq: seq, Prev: prev}
		})
		require.NoError(t, err)
		// Another writer of schema A finds the trail locked.
		err = a2.Audit().Append(deadline, audit.Record{Entry: audit.Entry{EventName: "Racer", Decision: audit.Allowed, Time: time.Unix(1, 0)}, Seq: 1})
		require.ErrorIs(t, err, audit.ErrConflict, "schema A's lock still serializes schema A's writers")
		close(release)
		require.NoError(t, <-done)
		for db, want := range map[*sqlstore.DB]uint64{a: 1, b: 2} {
			n, err := db.Audit().Len(ctx)
			require.NoError(t, err)
			require.Equal(t, want, n)
		}
	})

	t.Run("migrations", func(t *testing.T) {
		raw, err := sql.Open("pgx", dsn)
		require.NoError(t, err)
		defer raw.Close()
		tx, err := raw.BeginTx(ctx, nil)
		require.NoError(t, err)
		defer func() { _ = tx.Rollback() }()
		_, err = tx.Exec("SET LOCAL search_path = " + schemaA)
		require.NoError(t, err)
		_, err = tx.Exec("SELECT " + sqlstore.MigrationLock)
		require.NoError(t, err)

		deadline, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		db, err := open(deadline, schemaB)
		require.NoError(t, err, "schema B migrates while schema A's migrations are locked")
		require.NoError(t, db.Close())
		short, cancel := context.WithTimeout(ctx, blocked)
		defer cancel()
		_, err = open(short, schemaA)
		require.ErrorIs(t, err, context.DeadlineExceeded, "schema A's migrator waits for the lock")
	})
}
