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
	select {
	case code := <-s.done:
		s.done <- code
		return code
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not stop")
		return -1
	}
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
