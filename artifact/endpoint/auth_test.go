package endpoint_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/endpoint"
)

// Every authentication failure gets the error type, status and message
// AWS's front end answers.
func TestAuthenticationFailures(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as(artifacttest.ReportsReader)
	now := f.world.Clock.Now()
	list := func() (*http.Request, []byte) { return c.newRequest("GET", "/v1/report/list", nil, nil) }
	signedWith := func(mut func(*client)) response {
		d := *c
		mut(&d)
		req, payload := list()
		d.sign(req, payload)
		return d.send(req)
	}

	for _, tc := range []struct {
		name    string
		res     func() response
		status  int
		code    string
		message string // a prefix of the message
	}{
		{"unsigned", func() response { req, _ := list(); return c.send(req) }, 403, "MissingAuthenticationTokenException", "Missing Authentication Token"},
		{"not SigV4", func() response {
			req, _ := list()
			req.Header.Set("Authorization", "Bearer abc")
			return c.send(req)
		}, 400, "IncompleteSignatureException", "Unsupported AWS 'algorithm': 'Bearer'"},
		{"no signature", func() response {
			req, _ := list()
			req.Header.Set("X-Amz-Date", now.Format("20060102T150405Z"))
			req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+c.cred.AccessKeyID+"/20260301/us-east-1/artifact/aws4_request, SignedHeaders=host;x-amz-date")
			return c.send(req)
		}, 400, "IncompleteSignatureException", "Authorization header requires 'Signature' parameter."},
		{"short credential", func() response {
			req, _ := list()
			req.Header.Set("X-Amz-Date", now.Format("20060102T150405Z"))
			req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+c.cred.AccessKeyID+"/20260301/us-east-1, SignedHeaders=host;x-amz-date, Signature=00")
			return c.send(req)
		}, 400, "IncompleteSignatureException", "Credential must have exactly 5 slash-delimited elements"},
		{"no date", func() response {
			req, payload := list()
			c.sign(req, payload)
			req.Header.Del("X-Amz-Date")
			return c.send(req)
		}, 400, "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."},
		{"malformed date", func() response {
			req, payload := list()
			c.sign(req, payload)
			req.Header.Set("X-Amz-Date", "2026-03-01T09:00:00Z")
			return c.send(req)
		}, 400, "IncompleteSignatureException", "Date must be in ISO-8601 'basic format'."},
		{"unknown key", func() response {
			return signedWith(func(d *client) { d.cred.AccessKeyID = "AKIAUNKNOWNKEY000000" })
		}, 403, "UnrecognizedClientException", "The security token included in the request is invalid."},
		{"wrong secret", func() response {
			return signedWith(func(d *client) { d.cred.SecretAccessKey = "not-the-secret" })
		}, 403, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided."},
		{"a session token the key does not have", func() response {
			return signedWith(func(d *client) { d.cred.SessionToken = "made-up" })
		}, 403, "UnrecognizedClientException", "The security token included in the request is invalid."},
		{"wrong region", func() response { return signedWith(func(d *client) { d.region = "eu-west-1" }) },
			403, "InvalidSignatureException", "Credential should be scoped to a valid region. "},
		{"wrong service", func() response { return signedWith(func(d *client) { d.service = "s3" }) },
			403, "InvalidSignatureException", "Credential should be scoped to correct service: 'artifact'. "},
		{"expired", func() response {
			return signedWith(func(d *client) { d.at = func() time.Time { return now.Add(-6 * time.Minute) } })
		}, 403, "InvalidSignatureException", "Signature expired: 20260301T085400Z is now earlier than 20260301T085500Z (20260301T090000Z - 5 min.)"},
		{"from the future", func() response {
			return signedWith(func(d *client) { d.at = func() time.Time { return now.Add(6 * time.Minute) } })
		}, 403, "InvalidSignatureException", "Signature not yet current: 20260301T090600Z is still later than 20260301T090500Z (20260301T090000Z + 5 min.)"},
		{"scope date differs", func() response {
			req, payload := list()
			c.sign(req, payload)
			req.Header.Set("X-Amz-Date", now.Add(24*time.Hour).Format("20060102T150405Z"))
			return c.send(req)
		}, 403, "InvalidSignatureException", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260301' != '20260302'"},
		{"query changed after signing", func() response {
			req, payload := list()
			c.sign(req, payload)
			req.URL.RawQuery = "maxResults=1"
			return c.send(req)
		}, 403, "InvalidSignatureException", "The request signature we calculated does not match"},
		{"body changed after signing", func() response {
			d := f.as("clinical-root")
			req, payload := d.newRequest("PUT", "/v1/account-settings/put", nil, `{"notificationSubscriptionStatus":"SUBSCRIBED"}`)
			d.sign(req, payload)
			other := `{"notificationSubscriptionStatus":"NOT_SUBSCRIBED"}`
			req.Body, req.ContentLength = readCloser(other), int64(len(other))
			return d.send(req)
		}, 403, "InvalidSignatureException", "The request signature we calculated does not match"},
		{"signed header changed", func() response {
			req, payload := list()
			req.Header.Set("X-Custom", "a")
			c.sign(req, payload)
			req.Header.Set("X-Custom", "b")
			return c.send(req)
		}, 403, "InvalidSignatureException", "The request signature we calculated does not match"},
		{"signed header removed", func() response {
			req, payload := list()
			req.Header.Set("X-Custom", "a")
			c.sign(req, payload)
			req.Header.Del("X-Custom")
			return c.send(req)
		}, 403, "InvalidSignatureException", "The request signature we calculated does not match"},
		{"host not signed", func() response {
			req, _ := list()
			req.Header.Set("X-Amz-Date", now.Format("20060102T150405Z"))
			req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+c.cred.AccessKeyID+"/20260301/us-east-1/artifact/aws4_request, SignedHeaders=x-amz-date, Signature=00")
			return c.send(req)
		}, 400, "IncompleteSignatureException", "'Host' or ':authority' must be a 'SignedHeader'"},
		{"content hash that is not the body's", func() response {
			req, payload := list()
			req.Header.Set("X-Amz-Content-Sha256", strings.Repeat("0", 64))
			c.sign(req, payload)
			return c.send(req)
		}, 403, "InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.res()
			require.Equal(t, tc.status, res.status, string(res.body))
			require.Equal(t, tc.code, res.errorCode())
			body := res.json(t)
			require.Equal(t, tc.code, body["__type"])
			require.True(t, strings.HasPrefix(body["message"].(string), tc.message), "message %q", body["message"])
		})
	}

	// None of the refused requests reached the service.
	records, err := f.world.Service.Audit().Query(bg, auditFilterAll())
	require.NoError(t, err)
	for _, r := range records {
		require.NotEqual(t, "ListReports", r.EventName)
	}
}

// A request signed within the allowed skew, and one signed with the
// client's own X-Amz-Content-Sha256, are accepted.
func TestAuthenticationAccepts(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as(artifacttest.ReportsReader)
	now := f.world.Clock.Now()
	for _, skew := range []time.Duration{-4 * time.Minute, 4 * time.Minute} {
		d := *c
		d.at = func() time.Time { return now.Add(skew) }
		requireOK(t, d.do("GET", "/v1/report/list", nil, nil), 200)
	}
	req, payload := c.newRequest("GET", "/v1/report/list", url.Values{"maxResults": {"1"}}, nil)
	sum := sha256.Sum256(payload)
	req.Header.Set("X-Amz-Content-Sha256", hex.EncodeToString(sum[:]))
	c.sign(req, payload)
	requireOK(t, c.send(req), 200)
}

// Temporary credentials: the session token is required and signed.
func TestSessionToken(t *testing.T) {
	base := newFixture(t, fixtureOptions{})
	temp := endpoint.Credential{AccessKeyID: "ASIAEXAMPLETEMPORARY", SecretAccessKey: "temporary-secret", SessionToken: "the-session-token",
		Caller: base.world.Caller(artifacttest.ReportsReader)}
	f := newFixture(t, fixtureOptions{extra: []endpoint.Credential{temp}})
	c := &client{f: f, cred: temp, region: "us-east-1", service: "artifact"}
	requireOK(t, c.do("GET", "/v1/report/list", nil, nil), 200)

	without := *c
	without.cred.SessionToken = ""
	requireError(t, without.do("GET", "/v1/report/list", nil, nil), 403, "UnrecognizedClientException")
}

// A presigned request (query-string authentication) is verified as AWS
// verifies it, expiry included.
func TestPresignedRequests(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as(artifacttest.ReportsReader)
	presign := func(at time.Time, expires int) *http.Request {
		req, _ := c.newRequest("GET", "/v1/report/list", url.Values{"maxResults": {"2"}, "X-Amz-Expires": {strconv.Itoa(expires)}}, nil)
		creds := aws.Credentials{AccessKeyID: c.cred.AccessKeyID, SecretAccessKey: c.cred.SecretAccessKey}
		signed, _, err := v4.NewSigner().PresignHTTP(bg, creds, req, emptySHA256, "artifact", "us-east-1", at)
		require.NoError(t, err)
		out, err := http.NewRequest("GET", signed, nil)
		require.NoError(t, err)
		return out
	}
	now := f.world.Clock.Now()
	page := requireOK(t, c.send(presign(now, 60)), 200)
	require.Len(t, page["reports"], 2)

	body := requireError(t, c.send(presign(now.Add(-2*time.Minute), 60)), 403, "InvalidSignatureException")
	require.Contains(t, body["message"], "Signature expired")

	tampered := presign(now, 60)
	q := tampered.URL.Query()
	q.Set("maxResults", "3")
	tampered.URL.RawQuery = q.Encode()
	requireError(t, c.send(tampered), 403, "InvalidSignatureException")

	noExpiry := presign(now, 60)
	q = noExpiry.URL.Query()
	q.Del("X-Amz-Expires")
	noExpiry.URL.RawQuery = q.Encode()
	requireError(t, c.send(noExpiry), 400, "IncompleteSignatureException")
}

const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

func readCloser(s string) *stringBody { return &stringBody{strings.NewReader(s)} }

type stringBody struct{ *strings.Reader }

func (*stringBody) Close() error { return nil }

// The condition keys AWS takes from the request: aws:SourceIp from the
// peer, aws:SecureTransport from TLS, aws:RequestedRegion and the clock's
// keys, each request evaluated with its own.
func TestRequestConditionKeys(t *testing.T) {
	for _, tc := range []struct {
		name      string
		tls       bool
		condition string
		allowed   bool
	}{
		{"loopback source", false, `{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}`, true},
		{"other source", false, `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, false},
		{"plain http refused", false, `{"Bool":{"aws:SecureTransport":"true"}}`, false},
		{"tls", true, `{"Bool":{"aws:SecureTransport":"true"}}`, true},
		{"region", false, `{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`, true},
		{"clock", false, `{"DateGreaterThan":{"aws:CurrentTime":"2026-03-01T08:59:59Z"}}`, true},
		{"epoch", false, `{"NumericLessThan":{"aws:EpochTime":"1772355600"}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			caller, err := artifacttest.NewCaller(artifacttest.ManagementAccount, "conditional",
				`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:ListReports","Resource":"*","Condition":`+tc.condition+`}]}`)
			require.NoError(t, err)
			cred := endpoint.Credential{AccessKeyID: "AKIACONDITIONAL00001", SecretAccessKey: "s", Caller: caller}
			f := newFixture(t, fixtureOptions{tls: tc.tls, extra: []endpoint.Credential{cred}})
			c := &client{f: f, cred: cred, region: "us-east-1", service: "artifact"}
			res := c.do("GET", "/v1/report/list", nil, nil)
			if tc.allowed {
				requireOK(t, res, 200)
			} else {
				requireError(t, res, 403, "AccessDeniedException")
			}
		})
	}
}

func TestNewCredentials(t *testing.T) {
	w := artifacttest.New(t)
	c := w.Caller(artifacttest.ReportsReader)
	for _, bad := range [][]endpoint.Credential{
		{{AccessKeyID: "short", SecretAccessKey: "s", Caller: c}},
		{{AccessKeyID: "AKIA-NOT-ALLOWED-CHARS", SecretAccessKey: "s", Caller: c}},
		{{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", Caller: c}},
		{{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "s"}},
		{{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "s", Caller: c}, {AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "t", Caller: c}},
	} {
		_, err := endpoint.NewCredentials(bad...)
		require.ErrorIs(t, err, endpoint.ErrInvalidCredential)
	}
	cred := endpoint.Credential{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Caller: c}
	table, err := endpoint.NewCredentials(cred)
	require.NoError(t, err)
	require.Equal(t, 1, table.Len())
	got, ok := table.Lookup("AKIAIOSFODNN7EXAMPLE")
	require.True(t, ok)
	require.Equal(t, cred.SecretAccessKey, got.SecretAccessKey)
	for _, s := range []string{got.String(), got.GoString()} {
		require.NotContains(t, s, cred.SecretAccessKey, "a credential prints without its secret")
		require.Contains(t, s, cred.AccessKeyID)
	}
}
