package endpoint_test

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/artifacttest"
)

// Requests signed by hand: the canonical request is written out in full,
// as AWS's documentation builds it
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html),
// and signed with crypto/hmac, independently of the endpoint's code. AWS
// verifies exactly the headers a request lists in SignedHeaders, so a
// client may sign headers the AWS SDK for Go never signs (User-Agent,
// X-Amzn-Trace-Id, Expect, Transfer-Encoding) and Content-Length; and it
// may date the request with the Date header instead of X-Amz-Date.
func TestHandSignedRequests(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	reader, settings := f.as(artifacttest.ReportsReader).cred, f.as("clinical-root").cred
	host := strings.TrimPrefix(f.server.URL, "http://")
	now := f.world.Clock.Now()
	stamp := now.Format("20060102T150405Z")
	scope := now.Format("20060102") + "/us-east-1/artifact/aws4_request"
	const body = `{"notificationSubscriptionStatus":"SUBSCRIBED"}`
	bodyHash := sha256Hex(body)

	type request struct {
		head      string // the request line and headers, without Authorization
		body      string // as sent (chunked, for a chunked request)
		key       string // "reader" or "settings"
		canonical string // the canonical request the client signed
		signed    string // SignedHeaders
		signStamp string // the time in the string to sign, stamp when ""
	}
	for _, tc := range []struct {
		name   string
		req    request
		status int
		code   string
	}{
		{"user-agent and x-amzn-trace-id signed", request{
			head: "GET /v1/report/list?maxResults=1 HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: hand-signed/1.0 (test)\r\n" +
				"X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793\r\nX-Amz-Date: " + stamp + "\r\n",
			key: "reader",
			canonical: "GET\n/v1/report/list\nmaxResults=1\n" +
				"host:" + host + "\nuser-agent:hand-signed/1.0 (test)\nx-amz-date:" + stamp + "\nx-amzn-trace-id:Root=1-5759e988-bd862e3fe1be46a994272793\n\n" +
				"host;user-agent;x-amz-date;x-amzn-trace-id\n" + emptySHA256,
			signed: "host;user-agent;x-amz-date;x-amzn-trace-id",
		}, 200, ""},
		{"content-length and expect signed", request{
			head: "PUT /v1/account-settings/put HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n" +
				"Expect: 100-continue\r\nX-Amz-Date: " + stamp + "\r\n",
			body: body, key: "settings",
			canonical: "PUT\n/v1/account-settings/put\n\n" +
				"content-length:" + strconv.Itoa(len(body)) + "\ncontent-type:application/json\nexpect:100-continue\nhost:" + host + "\nx-amz-date:" + stamp + "\n\n" +
				"content-length;content-type;expect;host;x-amz-date\n" + bodyHash,
			signed: "content-length;content-type;expect;host;x-amz-date",
		}, 200, ""},
		{"transfer-encoding signed, a chunked body", request{
			head: "PUT /v1/account-settings/put HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nX-Amz-Date: " + stamp + "\r\n",
			body: strconv.FormatInt(10, 16) + "\r\n" + body[:10] + "\r\n" + strconv.FormatInt(int64(len(body)-10), 16) + "\r\n" + body[10:] + "\r\n0\r\n\r\n",
			key:  "settings",
			canonical: "PUT\n/v1/account-settings/put\n\n" +
				"content-type:application/json\nhost:" + host + "\ntransfer-encoding:chunked\nx-amz-date:" + stamp + "\n\n" +
				"content-type;host;transfer-encoding;x-amz-date\n" + bodyHash,
			signed: "content-type;host;transfer-encoding;x-amz-date",
		}, 200, ""},
		{"dated by the Date header, an HTTP date", request{
			head:      "GET /v1/report/list HTTP/1.1\r\nHost: " + host + "\r\nDate: " + now.Format(http.TimeFormat) + "\r\n",
			key:       "reader",
			canonical: "GET\n/v1/report/list\n\ndate:" + now.Format(http.TimeFormat) + "\nhost:" + host + "\n\ndate;host\n" + emptySHA256,
			signed:    "date;host",
		}, 200, ""},
		{"dated by the Date header as botocore writes it", request{
			head:      "GET /v1/report/list HTTP/1.1\r\nHost: " + host + "\r\nDate: " + now.Format("Mon, 02 Jan 2006 15:04:05 -0000") + "\r\n",
			key:       "reader",
			canonical: "GET\n/v1/report/list\n\ndate:" + now.Format("Mon, 02 Jan 2006 15:04:05 -0000") + "\nhost:" + host + "\n\ndate;host\n" + emptySHA256,
			signed:    "date;host",
		}, 200, ""},
		{"dated by the Date header in ISO 8601 basic format", request{
			head:      "GET /v1/report/list HTTP/1.1\r\nHost: " + host + "\r\nDate: " + stamp + "\r\n",
			key:       "reader",
			canonical: "GET\n/v1/report/list\n\ndate:" + stamp + "\nhost:" + host + "\n\ndate;host\n" + emptySHA256,
			signed:    "date;host",
		}, 200, ""},
		{"X-Amz-Date takes precedence over Date", request{
			head: "GET /v1/report/list HTTP/1.1\r\nHost: " + host + "\r\nDate: " + now.Add(-time.Hour).Format(http.TimeFormat) + "\r\nX-Amz-Date: " + stamp + "\r\n",
			key:  "reader",
			canonical: "GET\n/v1/report/list\n\ndate:" + now.Add(-time.Hour).Format(http.TimeFormat) + "\nhost:" + host + "\nx-amz-date:" + stamp + "\n\n" +
				"date;host;x-amz-date\n" + emptySHA256,
			signed: "date;host;x-amz-date",
		}, 200, ""},
		{"signed with the Date header's time while X-Amz-Date is there", request{
			head: "GET /v1/report/list HTTP/1.1\r\nHost: " + host + "\r\nDate: " + now.Add(-time.Minute).Format(http.TimeFormat) + "\r\nX-Amz-Date: " + stamp + "\r\n",
			key:  "reader",
			canonical: "GET\n/v1/report/list\n\ndate:" + now.Add(-time.Minute).Format(http.TimeFormat) + "\nhost:" + host + "\nx-amz-date:" + stamp + "\n\n" +
				"date;host;x-amz-date\n" + emptySHA256,
			signed: "date;host;x-amz-date", signStamp: now.Add(-time.Minute).Format("20060102T150405Z"),
		}, 403, "InvalidSignatureException"},
		{"a Date header out of the skew", request{
			head:      "GET /v1/report/list HTTP/1.1\r\nHost: " + host + "\r\nDate: " + now.Add(-6*time.Minute).Format(http.TimeFormat) + "\r\n",
			key:       "reader",
			canonical: "GET\n/v1/report/list\n\ndate:" + now.Add(-6*time.Minute).Format(http.TimeFormat) + "\nhost:" + host + "\n\ndate;host\n" + emptySHA256,
			signed:    "date;host", signStamp: now.Add(-6 * time.Minute).Format("20060102T150405Z"),
		}, 403, "InvalidSignatureException"},
		{"a Date header that is no date", request{
			head:      "GET /v1/report/list HTTP/1.1\r\nHost: " + host + "\r\nDate: yesterday\r\n",
			key:       "reader",
			canonical: "GET\n/v1/report/list\n\ndate:yesterday\nhost:" + host + "\n\ndate;host\n" + emptySHA256,
			signed:    "date;host",
		}, 400, "IncompleteSignatureException"},
		{"a signed user-agent changed on the way", request{
			head: "GET /v1/report/list HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: proxy/2.0\r\nX-Amz-Date: " + stamp + "\r\n",
			key:  "reader",
			canonical: "GET\n/v1/report/list\n\nhost:" + host + "\nuser-agent:hand-signed/1.0\nx-amz-date:" + stamp + "\n\n" +
				"host;user-agent;x-amz-date\n" + emptySHA256,
			signed: "host;user-agent;x-amz-date",
		}, 403, "InvalidSignatureException"},
		{"a signed header the request does not carry", request{
			head: "GET /v1/report/list HTTP/1.1\r\nHost: " + host + "\r\nX-Amz-Date: " + stamp + "\r\n",
			key:  "reader",
			canonical: "GET\n/v1/report/list\n\nhost:" + host + "\nx-amzn-trace-id:\nx-amz-date:" + stamp + "\n\n" +
				"host;x-amzn-trace-id;x-amz-date\n" + emptySHA256,
			signed: "host;x-amzn-trace-id;x-amz-date",
		}, 403, "InvalidSignatureException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cred := reader
			if tc.req.key == "settings" {
				cred = settings
			}
			at := tc.req.signStamp
			if at == "" {
				at = stamp
			}
			sig := handSignature(cred.SecretAccessKey, at, scope, tc.req.canonical)
			raw := tc.req.head + "Authorization: AWS4-HMAC-SHA256 Credential=" + cred.AccessKeyID + "/" + scope +
				", SignedHeaders=" + tc.req.signed + ", Signature=" + sig + "\r\n\r\n" + tc.req.body
			res := sendRaw(t, host, raw)
			require.Equal(t, tc.status, res.StatusCode, "%s", readAll(t, res))
			if tc.code != "" {
				require.Equal(t, tc.code, res.Header.Get("X-Amzn-Errortype"))
			}
		})
	}
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}

// handSignature signs a canonical request as AWS's documentation says:
// the string to sign, the signing key derived from the secret, the HMAC.
func handSignature(secret, stamp, scope, canonical string) string {
	sts := "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + sha256Hex(canonical)
	parts := strings.Split(scope, "/") // date, region, service, aws4_request
	key := []byte("AWS4" + secret)
	for _, p := range parts {
		key = hmacSHA256(key, p)
	}
	return hex.EncodeToString(hmacSHA256(key, sts))
}

// sendRaw writes raw on a new connection to host and reads the final
// answer (after any 100 Continue).
func sendRaw(t *testing.T, host, raw string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", host)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	_, err = io.WriteString(conn, raw)
	require.NoError(t, err)
	br := bufio.NewReader(conn)
	for {
		res, err := http.ReadResponse(br, nil)
		require.NoError(t, err)
		if res.StatusCode != http.StatusContinue {
			return res
		}
	}
}

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	res.Body.Close()
	if json.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "?")
}
