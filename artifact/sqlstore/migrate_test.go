package sqlstore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/postgres"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
	"github.com/artifactkit/artifactkit/org"
)

// opener opens one database again and again, and a raw handle on it.
type opener struct {
	open func(t *testing.T) (*sqlstore.DB, error)
	raw  *sql.DB
	// tables lists the tables of the database's schema.
	tables string
}

func openers(t *testing.T) map[string]func(t *testing.T) opener {
	return map[string]func(t *testing.T) opener{
		"sqlite": func(t *testing.T) opener {
			path := filepath.Join(t.TempDir(), "m.db")
			return opener{
				open:   func(t *testing.T) (*sqlstore.DB, error) { return sqlite.Open(context.Background(), path) },
				raw:    openRaw(t, "sqlite", "file:"+path),
				tables: "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name",
			}
		},
		"postgres": func(t *testing.T) opener {
			dsn := dbtest.DSN(t)
			schema := dbtest.NewSchema(t, dsn)
			return opener{
				open: func(t *testing.T) (*sqlstore.DB, error) {
					return postgres.Open(context.Background(), dsn, postgres.WithSchema(schema), postgres.WithMaxConns(4))
				},
				raw:    openRaw(t, "pgx", dbtest.Set(dsn, "search_path", schema)),
				tables: "SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "' ORDER BY tablename",
			}
		},
	}
}

func names(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		out = append(out, s)
	}
	require.NoError(t, rows.Err())
	return out
}

func TestMigrations(t *testing.T) {
	for name, mk := range openers(t) {
		t.Run(name, func(t *testing.T) {
			o := mk(t)
			// Opened by several processes at once: one migrates, the
			// others wait and find it done.
			var wg sync.WaitGroup
			dbs := make([]*sqlstore.DB, 4)
			errs := make([]error, 4)
			for i := range dbs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					dbs[i], errs[i] = o.open(t)
				}()
			}
			wg.Wait()
			for i := range dbs {
				require.NoError(t, errs[i])
				v, err := dbs[i].Version(ctx)
				require.NoError(t, err)
				require.Equal(t, sqlstore.SchemaVersion(), v)
			}
			for _, db := range dbs {
				require.NoError(t, db.Close())
			}
			var steps int
			require.NoError(t, o.raw.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&steps))
			require.Equal(t, sqlstore.SchemaVersion(), steps, "each step applied once")

			// Idempotent: opening again changes nothing, data included.
			db, err := o.open(t)
			require.NoError(t, err)
			_, err = db.Org().CreateOrganization(ctx, org.Organization{ID: "o-exampleorg", ManagementAccount: "111111111111", FeatureSet: org.AllFeatures},
				org.Change{Account: "111111111111", Kind: org.Founded, Org: "o-exampleorg", Seq: 1})
			require.NoError(t, err)
			require.NoError(t, db.Close())
			tables := names(t, o.raw, o.tables)
			db, err = o.open(t)
			require.NoError(t, err)
			_, err = db.Org().Organization(ctx, "o-exampleorg")
			require.NoError(t, err)
			require.NoError(t, db.Close())
			require.Equal(t, tables, names(t, o.raw, o.tables))

			// A schema from the future: a typed error, and nothing touched.
			_, err = o.raw.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)")
			require.NoError(t, err)
			_, err = o.open(t)
			require.ErrorIs(t, err, sqlstore.ErrSchemaTooNew)
			var se *sqlstore.SchemaError
			require.ErrorAs(t, err, &se)
			require.Equal(t, 999, se.Database)
			require.Equal(t, sqlstore.SchemaVersion(), se.Known)
			require.Equal(t, tables, names(t, o.raw, o.tables))
			require.NoError(t, o.raw.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&steps))
			require.Equal(t, sqlstore.SchemaVersion()+1, steps)
		})
	}
}
