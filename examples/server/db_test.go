package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create and drop the tests' schemas
	"github.com/stretchr/testify/require"
)

// signedCall calls method path with a JSON body as credential c, signed
// with SigV4, and returns the status and the decoded answer.
func signedCall(t testing.TB, base, method, path, body string, c printedCredential, region string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	sum := sha256.Sum256([]byte(body))
	require.NoError(t, v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: c.accessKeyID, SecretAccessKey: c.secret},
		req, hex.EncodeToString(sum[:]), "artifact", region, time.Now()))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	return res.StatusCode, out
}

// stopServer stops s gracefully and returns its exit status.
func stopServer(t testing.TB, s *server) int {
	t.Helper()
	s.stop()
	return s.wait(t)
}

// keepsState starts the server twice on a database newDB returns (a -db
// value): what a client changed in the first run is there in the second,
// whose world is not loaded again.
func keepsState(t *testing.T, newDB func(t *testing.T) string) {
	for _, tc := range []struct {
		name    string
		args    []string
		account string // a root user's credential name
		reports int
	}{
		{"demo", []string{"-demo"}, "standalone-root", 5},
		{"world file", []string{"-world", filepath.Join("testdata", "world.json")}, "admin", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"-db", newDB(t)}, tc.args...)
			byName := func(s *server) map[string]printedCredential {
				m := map[string]printedCredential{}
				for _, c := range s.creds {
					m[c.name] = c
				}
				return m
			}

			first := start(t, args...)
			root := byName(first)[tc.account]
			status, body := signedCall(t, first.url, "PUT", "/v1/account-settings/put", `{"notificationSubscriptionStatus":"SUBSCRIBED"}`, root, "us-east-1")
			require.Equal(t, 200, status, body)
			status, listed := signedCall(t, first.url, "GET", "/v1/report/list", "", root, "us-east-1")
			require.Equal(t, 200, status, listed)
			require.Len(t, listed["reports"], tc.reports)
			require.Equal(t, 0, stopServer(t, first))
			require.NotContains(t, first.stderr.String(), "holds the world of an earlier start")

			second := start(t, args...)
			require.Equal(t, first.creds, second.creds, "the same credentials")
			require.Contains(t, second.stderr.String(), "holds the world of an earlier start")
			status, body = signedCall(t, second.url, "GET", "/v1/account-settings/get", "", root, "us-east-1")
			require.Equal(t, 200, status, body)
			require.Equal(t, map[string]any{"notificationSubscriptionStatus": "SUBSCRIBED"}, body["accountSettings"],
				"the second start finds the settings the first stored")
			status, again := signedCall(t, second.url, "GET", "/v1/report/list", "", root, "us-east-1")
			require.Equal(t, 200, status, again)
			require.Equal(t, listed["reports"], again["reports"], "the reports are the first start's, not published again")
			require.Equal(t, 0, stopServer(t, second))
		})
	}
}

func TestSQLiteKeepsState(t *testing.T) {
	keepsState(t, func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "artifact.db") })
}

func TestPostgresKeepsState(t *testing.T) {
	dsn := postgresDSN(t)
	keepsState(t, func(t *testing.T) string { return withNewSchema(t, dsn) })
}

// postgresDSN returns the DSN of the PostgreSQL tests. Without
// ARTIFACTKIT_POSTGRES_DSN the test is skipped, saying how to run it;
// under CI=true it fails.
func postgresDSN(t *testing.T) string {
	t.Helper()
	const variable = "ARTIFACTKIT_POSTGRES_DSN"
	dsn := os.Getenv(variable)
	if dsn == "" {
		howTo := variable + " is not set, so the PostgreSQL test is skipped. To run it, point it at a database you may create schemas in:\n" +
			"  export " + variable + "='postgres://artifactkit:artifactkit@localhost:5432/artifactkit?sslmode=disable'\n" +
			"(bash .ci/postgres starts a local server and prints that line.) Under CI=true a missing DSN fails the test."
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but " + howTo)
		}
		t.Skip(howTo)
	}
	return dsn
}

// withNewSchema returns dsn with a schema of the test's own in its
// search_path: created now, dropped with everything in it when the test
// ends.
func withNewSchema(t *testing.T, dsn string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	t.Cleanup(func() { admin.Close() })
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "server_test_" + hex.EncodeToString(b[:])
	_, err = admin.Exec("CREATE SCHEMA " + schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := admin.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE")
		require.NoError(t, err)
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}

// A database that cannot be opened is not a bad command line: the server
// exits with exitDatabase and says why, naming nothing of the DSN.
func TestDatabaseCannotBeOpened(t *testing.T) {
	dir := t.TempDir()
	notADatabase := filepath.Join(dir, "not-a-database")
	require.NoError(t, os.WriteFile(notADatabase, bytes.Repeat([]byte("not SQLite "), 1000), 0o600))
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"-db", "sqlite:" + filepath.Join(dir, "no-such-dir", "artifact.db")}, "-db sqlite: cannot open the database: "},
		{[]string{"-db", "sqlite:" + notADatabase}, "-db sqlite: cannot open the database: open: database error: file is not a database"},
		{[]string{"-db", "postgres://artifact:hunter2@127.0.0.1:1/artifact"}, "-db postgres: cannot open the database: connect: database unreachable"},
		{[]string{"-demo", "-db", "postgresql://artifact:hunter2@127.0.0.1:1/artifact?sslmode=disable"}, "-db postgres: cannot open the database: "},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tc.args, &stdout, &stderr)
		require.Equal(t, exitDatabase, code, "%v: %s", tc.args, stderr.String())
		require.Equal(t, 1, strings.Count(stderr.String(), "\n"), "one line: %s", stderr.String())
		require.Contains(t, stderr.String(), tc.say, tc.args)
		require.NotContains(t, stderr.String(), "hunter2")
		require.Empty(t, stdout.String())
	}

	// A password the server refuses, when there is a server to ask.
	if dsn := os.Getenv("ARTIFACTKIT_POSTGRES_DSN"); dsn != "" {
		u, err := url.Parse(dsn)
		require.NoError(t, err)
		u.User = url.UserPassword(u.User.Username(), "wrong-hunter2")
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"-db", u.String()}, &stdout, &stderr)
		require.Equal(t, exitDatabase, code, stderr.String())
		require.Contains(t, stderr.String(), "the server refused the password")
		require.NotContains(t, stderr.String(), "hunter2")
	}
}

// SIGINT or SIGTERM before the server serves stops it there: run's
// context is done, and it stops opening the database or loading the
// world, says so on one line and exits 0.
func TestInterruptedBeforeServing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	for _, tc := range []struct {
		args  []string
		doing string
	}{
		{[]string{"-db", "sqlite:" + filepath.Join(dir, "artifact.db")}, "opening the database"},
		{[]string{"-db", "postgres://artifact:hunter2@127.0.0.1:1/artifact?sslmode=disable"}, "opening the database"},
		{[]string{"-world", filepath.Join("testdata", "world.json")}, "loading the world"},
		{[]string{"-demo"}, "loading the world"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(ctx, append([]string{"-listen", "127.0.0.1:0"}, tc.args...), &stdout, &stderr)
		require.Equal(t, exitOK, code, "%v: %s", tc.args, stderr.String())
		require.Equal(t, "server: interrupted while "+tc.doing+": stopped without serving\n", stderr.String(), tc.args)
		require.Empty(t, stdout.String(), "no listening line: it never served")
	}
}

// A server waiting for another's migration of its PostgreSQL schema (or
// for a slow database) stops at SIGINT instead of waiting on: the test
// holds the schema's migration lock, waits until the server's migration
// waits for it, and cancels run's context.
func TestPostgresInterruptedWhileOpening(t *testing.T) {
	dsn := withNewSchema(t, postgresDSN(t))
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	schema := u.Query().Get("search_path")

	admin, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	t.Cleanup(func() { admin.Close() })
	bg := context.Background()
	holder, err := admin.Conn(bg)
	require.NoError(t, err)
	var oid int32
	require.NoError(t, holder.QueryRowContext(bg, "SELECT oid::int4 FROM pg_namespace WHERE nspname = $1", schema).Scan(&oid))
	// The lock sqlstore's migration takes (sqlstore's migrationLock: the
	// key "arti" and the schema's oid).
	const migrationKey = 1634890857
	_, err = holder.ExecContext(bg, "SELECT pg_advisory_lock($1, $2)", migrationKey, oid)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = holder.ExecContext(bg, "SELECT pg_advisory_unlock($1, $2)", migrationKey, oid)
		holder.Close()
	})

	ctx, cancel := context.WithCancel(bg)
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-db", dsn}, &stdout, &stderr) }()

	// Wait until the server waits for the lock.
	deadline := testDeadline(t, time.Minute)
	for {
		var waiting int
		require.NoError(t, admin.QueryRowContext(bg, `SELECT count(*) FROM pg_locks
			WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = $2 AND objsubid = 2`, migrationKey, oid).Scan(&waiting))
		if waiting > 0 {
			break
		}
		select {
		case code := <-done:
			t.Fatalf("the server exited with %d before waiting for the migration lock: %s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never waited for the migration lock; stderr: %s", stderr.String())
		}
	}

	cancel()
	select {
	case code := <-done:
		require.Equal(t, exitOK, code, stderr.String())
	case <-time.After(time.Until(deadline)):
		t.Fatalf("the server did not stop at SIGINT while it waited for the migration lock; stderr: %s", stderr.String())
	}
	require.Equal(t, "server: interrupted while opening the database: stopped without serving\n", stderr.String())
	require.Empty(t, stdout.String())
}
