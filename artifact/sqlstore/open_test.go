package sqlstore_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/org"
)

// openFile opens a pool on a new SQLite file, as a caller of Open would.
func openFile(t *testing.T) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "artifact.db"))
	require.NoError(t, err)
	t.Cleanup(func() { raw.Close() })
	return raw
}

// An option given its zero value leaves the default (CONTRIBUTING.md):
// WithReader(nil) reads through the pool Open is given.
func TestOpenWithNilReader(t *testing.T) {
	db, err := sqlstore.Open(ctx, sqlstore.SQLite, openFile(t), sqlstore.WithReader(nil))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Org().Organization(ctx, "o-exampleorg")
	require.ErrorIs(t, err, org.ErrNotFound)
}
