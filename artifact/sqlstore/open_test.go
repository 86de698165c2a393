package sqlstore_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/org"
)

// openFile opens a pool on the SQLite file path (a new file when path is
// ""), as a caller of Open would.
func openFile(t *testing.T, path string) *sql.DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "artifact.db")
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	t.Cleanup(func() { raw.Close() })
	return raw
}

// An option given its zero value leaves the default (CONTRIBUTING.md):
// WithReader(nil) reads through the pool Open is given.
func TestOpenWithNilReader(t *testing.T) {
	db, err := sqlstore.Open(ctx, sqlstore.SQLite, openFile(t, ""), sqlstore.WithReader(nil))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Org().Organization(ctx, "o-exampleorg")
	require.ErrorIs(t, err, org.ErrNotFound)
}

// Open owns the pools it is given, whatever it returns: when it fails
// (here on a database from a newer program), it closes them.
func TestOpenClosesWhatItOwnsOnFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "artifact.db")
	w, r := openFile(t, path), openFile(t, path)
	_, err := w.Exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)")
	require.NoError(t, err)
	_, err = w.Exec("INSERT INTO schema_migrations VALUES (999, 'future', 0)")
	require.NoError(t, err)
	_, err = sqlstore.Open(ctx, sqlstore.SQLite, w, sqlstore.WithReader(r))
	require.ErrorIs(t, err, sqlstore.ErrSchemaTooNew)
	for _, pool := range []*sql.DB{w, r} {
		require.ErrorContains(t, pool.Ping(), "database is closed")
	}
	_, err = sqlstore.Open(ctx, sqlstore.Dialect(7), openFile(t, ""))
	require.Error(t, err)
	require.Panics(t, func() { _, _ = sqlstore.Open(ctx, sqlstore.SQLite, nil) })
}
