package endpoint

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/stretchr/testify/require"
)

// computeSignature returns the signature the verifier computes for a
// request as Go's server reads it (raw, an HTTP/1.1 request), signed by
// the client with secret and the Authorization it carries.
func computeSignature(t testing.TB, raw, secret string) (want, got string) {
	t.Helper()
	r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
	require.NoError(t, err)
	body, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	x := getExchange()
	defer putExchange(x)
	x.query = parseQuery(x.query[:0], r.URL.RawQuery)
	sig, aerr := parseSignature(r, x.query)
	require.Nil(t, aerr)
	_, stamp, ok := requestTime(sig)
	require.True(t, ok, "request time %q", sig.amzDate)
	var payload [64]byte
	n, aerr := payloadHash(&payload, r, body)
	require.Nil(t, aerr)
	c := &credential{Credential: Credential{SecretAccessKey: secret}}
	var out [64]byte
	require.True(t, x.sign(&out, r, &sig, stamp, payload[:n], c.signingKey(sig.date, sig.region, sig.service)), "a signed header is missing")
	return sig.signature, string(out[:])
}

// The verifier computes the signatures of AWS's own Signature Version 4
// test suite (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html):
// the requests and signatures below are the suite's (secret
// wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY), read from the wire as Go's
// server reads them.
func TestSigV4TestSuite(t *testing.T) {
	const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	auth := func(scope, signed, sig string) string {
		return "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + scope + "/aws4_request, SignedHeaders=" + signed + ", Signature=" + sig + "\r\n"
	}
	const date = "X-Amz-Date: 20150830T123600Z\r\n"
	const scope = "20150830/us-east-1/service"
	for _, tc := range []struct{ name, raw string }{
		// The suite of 2011 dated its requests with the Date header, an
		// HTTP date; the string to sign holds it as 20110909T233600Z.
		{"get-vanilla (2011, Date header)", "GET / HTTP/1.1\r\nHost: host.foo.com\r\nDate: Mon, 09 Sep 2011 23:36:00 GMT\r\n" +
			auth("20110909/us-east-1/host", "date;host", "b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470") + "\r\n"},
		{"get-header-key-duplicate", "GET / HTTP/1.1\r\nHost: example.amazonaws.com\r\nMy-Header1: value2\r\nMy-Header1: value2\r\nMy-Header1: value1\r\n" + date +
			auth(scope, "host;my-header1;x-amz-date", "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea") + "\r\n"},
		{"get-header-value-trim", "GET / HTTP/1.1\r\nHost: example.amazonaws.com\r\nMy-Header1: value1\r\nMy-Header2: \"a   b   c\"\r\n" + date +
			auth(scope, "host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736") + "\r\n"},
		{"get-vanilla-query-order-key-case", "GET /?Param2=value2&Param1=value1 HTTP/1.1\r\nHost: example.amazonaws.com\r\n" + date +
			auth(scope, "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500") + "\r\n"},
		{"get-vanilla-query-unreserved", "GET /?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\r\n" +
			"Host: example.amazonaws.com\r\n" + date +
			auth(scope, "host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197") + "\r\n"},
		{"get-vanilla-utf8-query", "GET /?\u1234=bar HTTP/1.1\r\nHost: example.amazonaws.com\r\n" + date +
			auth(scope, "host;x-amz-date", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04") + "\r\n"},
		{"get-utf8", "GET /\u1234 HTTP/1.1\r\nHost: example.amazonaws.com\r\n" + date +
			auth(scope, "host;x-amz-date", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85") + "\r\n"},
		{"post-x-www-form-urlencoded", "POST / HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nHost: example.amazonaws.com\r\n" + date +
			"Content-Length: 13\r\n" +
			auth(scope, "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a") + "\r\nParam1=value1"},
		{"post-sts-header-before", "POST / HTTP/1.1\r\nHost: example.amazonaws.com\r\n" + date +
			"X-Amz-Security-Token: AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==\r\n" +
			auth(scope, "host;x-amz-date;x-amz-security-token", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead") + "\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, got := computeSignature(t, tc.raw, secret)
			require.Equal(t, want, got)
		})
	}
}

// FuzzSignatureMatchesSDK: for any request the AWS SDK for Go signs (in
// its headers, or presigned in its query), the verifier computes the
// SDK's signature from the request as it arrives.
func FuzzSignatureMatchesSDK(f *testing.F) {
	f.Add("GET", "/v1/report/list", "maxResults=2&nextToken=a%2Fb", "X-Custom", "  a   b ", "")
	f.Add("PUT", "/v1/account-settings/put", "", "Content-Type", "application/json", `{"notificationSubscriptionStatus":"SUBSCRIBED"}`)
	f.Add("POST", "/tags/arn%3Aaws%3Aartifact%3Aus-east-1%3A111122223333%3Acompliance-inquiry%2Fx", "", "X-Amz-Meta-A", "1", "{}")
	f.Add("DELETE", "/tags/a", "tagKeys=b&tagKeys=a&tagKeys=a+b&x=%E1%88%B4", "", "", "")
	f.Fuzz(func(t *testing.T, method, path, rawQuery, name, value, body string) {
		if !validMethod(method) || !strings.HasPrefix(path, "/") || strings.ContainsAny(path+rawQuery, " \r\n#?\x00") {
			return
		}
		u, err := url.Parse("http://artifact.example:8080" + path + "?" + rawQuery)
		if err != nil || u.RawQuery != rawQuery {
			return
		}
		req, err := http.NewRequest(method, u.String(), strings.NewReader(body))
		if err != nil {
			return
		}
		if name != "" {
			if !validHeader(name, value) {
				return
			}
			req.Header.Set(name, value)
		}
		sum := sha256.Sum256([]byte(body))
		creds := awssdk.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "secret"}
		at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		require.NoError(t, v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "artifact", "us-east-1", at))
		var wire bytes.Buffer
		require.NoError(t, req.Write(&wire))
		want, got := computeSignature(t, wire.String(), "secret")
		require.Equal(t, want, got, "%s", wire.String())

		// The same request presigned, with a session token, which the
		// query then carries.
		pre, err := http.NewRequest(method, u.String(), strings.NewReader(body))
		require.NoError(t, err)
		q := pre.URL.Query()
		q.Set("X-Amz-Expires", "300")
		pre.URL.RawQuery = q.Encode()
		if name != "" {
			pre.Header.Set(name, value)
		}
		creds.SessionToken = "session/token+="
		signed, headers, err := v4.NewSigner().PresignHTTP(context.Background(), creds, pre, hex.EncodeToString(sum[:]), "artifact", "us-east-1", at)
		require.NoError(t, err)
		sent, err := http.NewRequest(method, signed, strings.NewReader(body))
		require.NoError(t, err)
		for k, vs := range headers {
			if k != "Host" {
				sent.Header[k] = vs
			}
		}
		wire.Reset()
		require.NoError(t, sent.Write(&wire))
		want, got = computeSignature(t, wire.String(), "secret")
		require.Equal(t, want, got, "%s", wire.String())
	})
}

func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, r := range m {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// validHeader reports whether a header can be sent as it is set: a token
// name, a value of visible characters and spaces, not one Go's client
// writes itself.
func validHeader(name, value string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Host", "Content-Length", "Transfer-Encoding", "Connection", "Authorization", "X-Amz-Date", "Trailer", "User-Agent":
		return false
	}
	for _, c := range []byte(name) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	for _, c := range []byte(value) {
		if c < ' ' || c == 0x7f {
			return false
		}
	}
	return name != ""
}
