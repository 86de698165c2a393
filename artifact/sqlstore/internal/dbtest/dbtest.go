// Package dbtest opens fresh databases for the tests of the SQL stores:
// an SQLite file in a test's temporary directory, and a schema of its own
// in the PostgreSQL database named by ARTIFACTKIT_POSTGRES_DSN.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/postgres"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
)

// DSNVariable names the environment variable that points the tests at a
// PostgreSQL database.
const DSNVariable = "ARTIFACTKIT_POSTGRES_DSN"

// HowTo says how to run the PostgreSQL tests.
const HowTo = DSNVariable + " is not set, so the PostgreSQL tests are skipped. To run them, point it at a database you may create schemas in, e.g.\n" +
	"  sudo -u postgres psql -c \"CREATE ROLE artifactkit LOGIN PASSWORD 'artifactkit'\" -c \"CREATE DATABASE artifactkit OWNER artifactkit\"\n" +
	"  export " + DSNVariable + "='postgres://artifactkit:artifactkit@localhost:5432/artifactkit?sslmode=disable'\n" +
	"(bash .ci/postgres starts a local server and prints the line to export.) Under CI=true a missing DSN fails the tests."

// Backend opens fresh, empty databases of one dialect.
type Backend struct {
	// Name names the dialect in subtests: "sqlite" or "postgres".
	Name string
	// Open returns a fresh, empty database, closed when the test ends.
	Open func(t testing.TB) *sqlstore.DB
}

// Backends returns SQLite and PostgreSQL.
func Backends() []Backend {
	return []Backend{{"sqlite", SQLite}, {"postgres", Postgres}}
}

// Each runs f as a subtest per backend.
func Each(t *testing.T, f func(t *testing.T, b Backend)) {
	for _, b := range Backends() {
		t.Run(b.Name, func(t *testing.T) {
			if b.Name == "postgres" {
				DSN(t) // skip (or fail) once, not per subtest
			}
			f(t, b)
		})
	}
}

// SQLite returns a fresh database in a new file, closed when the test
// ends.
func SQLite(t testing.TB) *sqlstore.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "artifact.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// DSN returns the PostgreSQL data source name of the tests, skipping the
// test when there is none, or failing it under CI=true.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(DSNVariable)
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but " + HowTo)
		}
		t.Skip(HowTo)
	}
	return dsn
}

// Postgres returns a fresh database: a new schema, dropped when the test
// ends.
func Postgres(t testing.TB) *sqlstore.DB {
	t.Helper()
	db, _ := PostgresSchema(t)
	return db
}

// SQLiteFull is SQLite with synchronous FULL: every commit waits for the
// disk.
func SQLiteFull(t testing.TB) *sqlstore.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "artifact.db"), sqlite.WithSynchronous(sqlite.Full))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresAsyncCommit is Postgres with the session's synchronous_commit
// off: a commit does not wait for the server's write-ahead log to reach
// the disk (the server may lose the last commits in a crash of its own).
// Benchmarks use it to tell the server's flush from the rest.
func PostgresAsyncCommit(t testing.TB) *sqlstore.DB {
	t.Helper()
	dsn := DSN(t)
	db, err := postgres.Open(context.Background(), Set(dsn, "synchronous_commit", "off"), postgres.WithSchema(NewSchema(t, dsn)), postgres.WithMaxConns(8))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Set returns dsn with settings (key, value, key, value, ...) set over its
// own, in the form dsn is written in (a URL, or key=value pairs as libpq
// takes them): connection settings (host, port, ...) and run-time
// parameters (search_path, synchronous_commit, ...) alike. The tests
// take any DSN, on any host and port.
func Set(dsn string, settings ...string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		for i := 0; i+1 < len(settings); i += 2 {
			q.Set(settings[i], settings[i+1])
		}
		u.RawQuery = q.Encode()
		return u.String()
	}
	quote := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	var b strings.Builder
	b.WriteString(dsn)
	for i := 0; i+1 < len(settings); i += 2 {
		b.WriteString(" " + settings[i] + "='" + quote.Replace(settings[i+1]) + "'")
	}
	return b.String()
}

// PostgresSchema is Postgres, and also returns the schema's name so that
// a test may open it a second time.
func PostgresSchema(t testing.TB) (*sqlstore.DB, string) {
	t.Helper()
	dsn := DSN(t)
	schema := NewSchema(t, dsn)
	db, err := postgres.Open(context.Background(), dsn, postgres.WithSchema(schema), postgres.WithMaxConns(8))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, schema
}

// NewSchema returns the name of a schema no other test uses, dropped with
// everything in it when the test ends.
func NewSchema(t testing.TB, dsn string) string {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Error(err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); err != nil {
			t.Error(err)
		}
	})
	return schema
}

var _ = stdlib.GetDefaultDriver // the "pgx" driver name used above

// Twice opens one fresh database through two independent DBs (two
// connection pools, as two processes would have), closed when the test
// ends.
func Twice(t testing.TB, b Backend) (*sqlstore.DB, *sqlstore.DB) {
	t.Helper()
	var open func() *sqlstore.DB
	switch b.Name {
	case "sqlite":
		path := filepath.Join(t.TempDir(), "artifact.db")
		open = func() *sqlstore.DB {
			db, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
	default:
		dsn := DSN(t)
		schema := NewSchema(t, dsn)
		open = func() *sqlstore.DB {
			db, err := postgres.Open(context.Background(), dsn, postgres.WithSchema(schema), postgres.WithMaxConns(8))
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
	}
	a, c := open(), open()
	t.Cleanup(func() { a.Close(); c.Close() })
	return a, c
}
