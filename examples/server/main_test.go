package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/stretchr/testify/require"
)

// server is a run of the server in this process.
type server struct {
	url    string
	creds  []printedCredential
	stderr *syncBuffer
	stop   context.CancelFunc
	done   chan int
}

// printedCredential is a credential line of the output.
type printedCredential struct {
	name, account, accessKeyID, secret, principal string
}

// syncBuffer is a buffer written by the server and read by the test,
// which can wait for the next write.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written chan struct{} // a token after each write, made by the first
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.b.Write(p)
	select {
	case s.signal() <- struct{}{}:
	default: // a token is waiting already
	}
	return n, err
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// signal returns the channel of write tokens; s.mu is held.
func (s *syncBuffer) signal() chan struct{} {
	if s.written == nil {
		s.written = make(chan struct{}, 1)
	}
	return s.written
}

// writes returns the channel that receives a token after a write.
func (s *syncBuffer) writes() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.signal()
}

var (
	listeningLine  = regexp.MustCompile(`^listening on (https?://[0-9.]+:[0-9]+)$`)
	credentialLine = regexp.MustCompile(`^credential (\S+) ([0-9]{12}) (AKIA[A-Z0-9]{16}|\S{16,128}) (\S+) (arn:aws:iam::[0-9]{12}:\S+)$`)
)

// startTimeout bounds how long a test waits for a server to start or stop
// (less when the test's own deadline comes sooner): generous, as a loaded
// machine under -race may be slow, and only ever waited for in full by a
// test that fails.
const startTimeout = 2 * time.Minute

// testDeadline returns when a test should give up waiting for something
// that should take far less than limit: limit from now, or a little before
// the test's deadline (go test -timeout) if that is sooner, so that the
// test fails saying what it waited for rather than being killed.
func testDeadline(t testing.TB, limit time.Duration) time.Time {
	d := time.Now().Add(limit)
	if td, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if end, ok := td.Deadline(); ok {
			end = end.Add(-time.Until(end) / 10)
			if end.Before(d) {
				d = end
			}
		}
	}
	return d
}

// start runs the server with args and reads its first lines. It waits for
// the listening line (the listener is open then), then for the server to
// answer /health: the server writes its credential lines before it
// serves, so they are all there. It fails, with the server's standard
// error, if the server exits or does not get there by testDeadline.
func start(t testing.TB, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout := &syncBuffer{}
	s := &server{stderr: &syncBuffer{}, stop: cancel, done: make(chan int, 1)}
	go func() { s.done <- run(ctx, append([]string{"-listen", "127.0.0.1:0"}, args...), stdout, s.stderr) }()
	t.Cleanup(func() {
		cancel()
		s.wait(t)
	})
	deadline := time.NewTimer(time.Until(testDeadline(t, startTimeout)))
	defer deadline.Stop()
	for s.url == "" {
		if first, _, ok := strings.Cut(stdout.String(), "\n"); ok {
			m := listeningLine.FindStringSubmatch(first)
			require.NotNil(t, m, "first line %q", first)
			s.url = m[1]
			break
		}
		select {
		case <-stdout.writes():
		case code := <-s.done:
			s.done <- code
			t.Fatalf("the server exited with %d before its listening line: %s", code, s.stderr)
		case <-deadline.C:
			t.Fatalf("no listening line in time; stdout: %q; stderr: %s", stdout.String(), s.stderr)
		}
	}
	waitHealthy(t, s)
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	for _, line := range lines[1:] {
		c := credentialLine.FindStringSubmatch(line)
		require.NotNil(t, c, "line %q", line)
		s.creds = append(s.creds, printedCredential{c[1], c[2], c[3], c[4], c[5]})
	}
	return s
}

// waitHealthy waits for the server, whose listener is open, to answer
// GET /health with 200. One request suffices (the kernel queues the
// connection until the server serves it); it may wait until testDeadline.
func waitHealthy(t testing.TB, s *server) {
	t.Helper()
	ctx, cancel := context.WithDeadline(context.Background(), testDeadline(t, startTimeout))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", s.url+"/health", nil)
	require.NoError(t, err)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	defer client.CloseIdleConnections()
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("the server at %s did not answer /health: %v; stderr: %s", s.url, err, s.stderr)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the server at %s answered /health with %d; stderr: %s", s.url, res.StatusCode, s.stderr)
	}
}

// wait waits for the server to exit and returns its exit status (which
// stays readable by the next wait). It fails, with the server's standard
// error, if the server has not exited by testDeadline.
func (s *server) wait(t testing.TB) int {
	t.Helper()
	select {
	case code := <-s.done:
		s.done <- code
		return code
	case <-time.After(time.Until(testDeadline(t, startTimeout))):
		t.Errorf("the server did not stop; stderr: %s", s.stderr)
		return -1
	}
}

// signedGet calls path as credential c, signed with SigV4.
func signedGet(t testing.TB, client *http.Client, base, path string, c printedCredential, region string) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest("GET", base+path, nil)
	require.NoError(t, err)
	sum := sha256.Sum256(nil)
	require.NoError(t, v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: c.accessKeyID, SecretAccessKey: c.secret},
		req, hex.EncodeToString(sum[:]), "artifact", region, time.Now()))
	res, err := client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var body map[string]any
	require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
	return res.StatusCode, body, res.Header
}

func TestDemo(t *testing.T) {
	s := start(t, "-demo")
	require.Len(t, s.creds, 11)
	root := s.creds[0]
	require.Equal(t, printedCredential{"root", "999988887777", root.accessKeyID, root.secret, "arn:aws:iam::999988887777:root"}, root,
		"the first credential is the root user of the world's main account")
	for _, c := range s.creds {
		require.Len(t, c.secret, 40, c.name)
	}
	// The demo credentials are the same at every start.
	require.Equal(t, "AKIA6ORX3D5M76PSW7AG", root.accessKeyID)

	status, body, header := signedGet(t, http.DefaultClient, s.url, "/v1/report/list?maxResults=2", root, "us-east-1")
	require.Equal(t, 200, status, body)
	require.Len(t, body["reports"], 2)
	require.NotEmpty(t, header.Get("X-Amzn-Requestid"))

	byName := map[string]printedCredential{}
	for _, c := range s.creds {
		byName[c.name] = c
	}
	status, body, _ = signedGet(t, http.DefaultClient, s.url, "/v1/report/list", byName["no-policy"], "us-east-1")
	require.Equal(t, 403, status)
	require.Equal(t, "AccessDeniedException", body["__type"])

	// One structured log line per request.
	s.stop()
	require.Equal(t, 0, s.wait(t), "a graceful shutdown exits 0")
	var requests []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s.stderr.String()), "\n") {
		var l map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &l), line)
		if l["msg"] == "request" && l["path"] != "/health" {
			requests = append(requests, l)
		}
	}
	require.Len(t, requests, 2)
	require.Equal(t, "ListReports", requests[0]["operation"])
	require.Equal(t, float64(200), requests[0]["status"])
	require.Equal(t, root.accessKeyID, requests[0]["access_key_id"])
	require.Equal(t, "AccessDeniedException", requests[1]["error"])
	require.NotContains(t, s.stderr.String(), root.secret)
	require.Contains(t, s.stderr.String(), `"msg":"stopped"`)
}

func TestWorldFile(t *testing.T) {
	s := start(t, "-world", filepath.Join("testdata", "world.json"), "-region", "eu-west-1")
	require.Equal(t, []string{"admin", "auditor", "member-legacy"}, names(s.creds))
	require.Equal(t, "arn:aws:iam::111122223333:root", s.creds[0].principal)

	status, body, _ := signedGet(t, http.DefaultClient, s.url, "/v1/report/list", s.creds[1], "eu-west-1")
	require.Equal(t, 200, status, body)
	require.Len(t, body["reports"], 2)
	arn := body["reports"].([]any)[0].(map[string]any)["arn"].(string)
	require.Contains(t, arn, ":eu-west-1::report/")

	// The region is the server's: a request signed for another is refused.
	status, body, _ = signedGet(t, http.DefaultClient, s.url, "/v1/report/list", s.creds[1], "us-east-1")
	require.Equal(t, 403, status)
	require.Equal(t, "InvalidSignatureException", body["__type"])

	// The legacy principal lists the reports its report-package policy opens.
	status, body, _ = signedGet(t, http.DefaultClient, s.url, "/v1/report/list", s.creds[2], "eu-west-1")
	require.Equal(t, 200, status, body)
	require.Len(t, body["reports"], 2)
}

func names(cs []printedCredential) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

func TestTLS(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	s := start(t, "-demo", "-tls-cert", cert, "-tls-key", key)
	require.True(t, strings.HasPrefix(s.url, "https://"), s.url)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	status, body, _ := signedGet(t, client, s.url, "/v1/account-settings/get", s.creds[0], "us-east-1")
	require.Equal(t, 200, status, body)
}

// selfSigned writes a certificate for 127.0.0.1 and its key.
func selfSigned(t testing.TB, dir string) (certFile, keyFile string) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	kder, err := x509.MarshalECPrivateKey(key)
	require.NoError(t, err)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600))
	return certFile, keyFile
}

func TestHealth(t *testing.T) {
	s := start(t)
	require.Empty(t, s.creds, "an empty world has no credentials")
	res, err := http.Get(s.url + "/health")
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, 200, res.StatusCode)
	require.JSONEq(t, `{"status":"ok"}`, string(b))
	res, err = http.Post(s.url+"/health", "text/plain", nil)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	res, err = http.Get(s.url + "/v1/report/list")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, 403, res.StatusCode, "the API needs a signature")
}

// A bad command line exits 2 and says why; a DSN is never echoed. (A
// database that cannot be opened is TestDatabaseCannotBeOpened.)
func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	badWorld := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(badWorld, []byte(`{"reports":[{"nmae":"typo"}]}`), 0o600))
	badPolicy := filepath.Join(dir, "policy.json")
	require.NoError(t, os.WriteFile(badPolicy, []byte(`{"principals":[{"name":"x","account":"111122223333","policies":[{"Statement":"nope"}],
		"accessKeyId":"AKIAEXAMPLE000000001","secretAccessKey":"s"}]}`), 0o600))
	for _, tc := range []struct {
		args []string
		code int
		say  string
	}{
		{[]string{"-db", "postgress://artifact:hunter2@localhost"}, 2, "want memory, sqlite:PATH or a postgres:// DSN"},
		{[]string{"-db", "sqlite:"}, 2, "-db sqlite: needs a file"},
		{[]string{"-demo", "-world", "x.json"}, 2, "exclusive"},
		{[]string{"-tls-cert", "a.pem"}, 2, "go together"},
		{[]string{"-region", "mars-1"}, 2, "-region"},
		{[]string{"-nope"}, 2, "flag provided but not defined"},
		{[]string{"extra"}, 2, "unexpected argument"},
		{[]string{"-world", filepath.Join(dir, "missing.json")}, 1, "no such file"},
		{[]string{"-world", badWorld}, 1, `unknown field "nmae"`},
		{[]string{"-world", badPolicy}, 1, "principals[0] (x): policies[0]"},
		{[]string{"-listen", "256.0.0.1:0"}, 1, "server:"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tc.args, &stdout, &stderr)
		require.Equal(t, tc.code, code, "%v: %s", tc.args, stderr.String())
		require.Contains(t, stderr.String(), tc.say, tc.args)
		require.NotContains(t, stderr.String(), "hunter2")
		require.Empty(t, stdout.String())
	}
}
