package endpoint_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/endpoint"
	"github.com/artifactkit/artifactkit/artifact/notify"
)

var bg = context.Background()

// fixture is the artifacttest world served over loopback HTTP, with a
// credential for each of its principals.
type fixture struct {
	t      testing.TB
	world  *artifacttest.World
	server *httptest.Server
	keys   map[string]endpoint.Credential // by principal name ("root" for the management account's root)
	logs   *logSink
}

// logSink keeps the handler's request logs.
type logSink struct {
	mu   sync.Mutex
	logs []endpoint.RequestLog
}

func (s *logSink) add(l endpoint.RequestLog) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.logs = append(s.logs, l)
}

func (s *logSink) all() []endpoint.RequestLog {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]endpoint.RequestLog(nil), s.logs...)
}

type fixtureOptions struct {
	tls     bool
	world   artifacttest.Options
	handler []endpoint.Option
	extra   []endpoint.Credential
	// noLog leaves the request log out (the benchmarks).
	noLog bool
}

func newFixture(t testing.TB, opts fixtureOptions) *fixture {
	t.Helper()
	w := artifacttest.NewWithOptions(t, opts.world)
	f := &fixture{t: t, world: w, keys: map[string]endpoint.Credential{}, logs: &logSink{}}
	rd := rand.NewChaCha8([32]byte{7})
	var list []endpoint.Credential
	add := func(name string, c *artifact.Caller) {
		cred, err := endpoint.NewCredential(rd, c)
		require.NoError(t, err)
		f.keys[name] = cred
		list = append(list, cred)
	}
	add("root", w.Root(artifacttest.ManagementAccount))
	add("clinical-root", w.Root(artifacttest.ClinicalAccount))
	add("standalone-root", w.Root(artifacttest.StandaloneAccount))
	for _, name := range artifacttest.Principals() {
		add(name, w.Caller(name))
	}
	for _, c := range opts.extra {
		f.keys[c.AccessKeyID] = c
		list = append(list, c)
	}
	keys, err := endpoint.NewCredentials(list...)
	require.NoError(t, err)
	hopts := opts.handler
	if !opts.noLog {
		hopts = append([]endpoint.Option{endpoint.WithRequestLog(f.logs.add)}, hopts...)
	}
	h, err := endpoint.New(w.Service, keys, hopts...)
	require.NoError(t, err)
	if opts.tls {
		f.server = httptest.NewTLSServer(h)
	} else {
		f.server = httptest.NewServer(h)
	}
	t.Cleanup(f.server.Close)
	return f
}

// client signs requests as one credential, at the world's clock.
type client struct {
	f      *fixture
	cred   endpoint.Credential
	region string
	// sign, when set, changes how the request is signed (a test of a
	// refused signature).
	at      func() time.Time
	service string
}

func (f *fixture) as(name string) *client {
	cred, ok := f.keys[name]
	require.True(f.t, ok, "no credential %q", name)
	return &client{f: f, cred: cred, region: "us-east-1", service: "artifact"}
}

// response is an answer of the endpoint.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body.
func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), string(r.body))
	return m
}

// errorCode returns the error type as botocore reads it: the
// x-amzn-ErrorType header, before any ':'.
func (r response) errorCode() string {
	code, _, _ := strings.Cut(r.header.Get("X-Amzn-Errortype"), ":")
	return code
}

// newRequest builds an unsigned request.
func (c *client) newRequest(method, path string, query url.Values, body any) (*http.Request, []byte) {
	var payload []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		payload = b
	case string:
		payload = []byte(b)
	default:
		var err error
		payload, err = json.Marshal(b)
		require.NoError(c.f.t, err)
	}
	u := c.f.server.URL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequest(method, u, bytes.NewReader(payload))
	require.NoError(c.f.t, err)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, payload
}

// sign signs req with the client's credential as the AWS SDK for Go does.
func (c *client) sign(req *http.Request, payload []byte) {
	sum := sha256.Sum256(payload)
	at := c.f.world.Clock.Now()
	if c.at != nil {
		at = c.at()
	}
	creds := awssdk.Credentials{AccessKeyID: c.cred.AccessKeyID, SecretAccessKey: c.cred.SecretAccessKey, SessionToken: c.cred.SessionToken}
	require.NoError(c.f.t, v4.NewSigner().SignHTTP(bg, creds, req, hex.EncodeToString(sum[:]), c.service, c.region, at))
}

// send sends req and reads the answer.
func (c *client) send(req *http.Request) response {
	res, err := c.f.server.Client().Do(req)
	require.NoError(c.f.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(c.f.t, err)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// do sends a signed request.
func (c *client) do(method, path string, query url.Values, body any) response {
	req, payload := c.newRequest(method, path, query, body)
	c.sign(req, payload)
	return c.send(req)
}

// call sends operation op of AWS's model (or of the agreement operations'
// table) with its input members placed where the model places them: the
// query string, a header, the URI, or the JSON body.
func (c *client) call(op string, in map[string]any) response {
	m := loadModel(c.f.t)
	o, ok := m.operation(op)
	require.True(c.f.t, ok, "no operation %s", op)
	query := url.Values{}
	body := map[string]any{}
	path := o.path
	for name, v := range in {
		switch loc := o.members[name]; loc.location {
		case "querystring":
			if list, ok := v.([]string); ok {
				query[loc.locationName] = list
				break
			}
			query.Set(loc.locationName, toString(v))
		case "uri":
			path = strings.Replace(path, "{"+loc.locationName+"}", url.PathEscape(toString(v)), 1)
		case "":
			body[name] = v
		default:
			c.f.t.Fatalf("member %s of %s is in %s", name, op, loc.location)
		}
	}
	var payload any
	if len(body) > 0 || o.method == http.MethodPost || o.method == http.MethodPut {
		payload = body
	}
	return c.do(o.method, path, query, payload)
}

func toString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

// model is what the tests read of AWS's service model.
type model struct {
	ops map[string]modelOperation
}

type modelOperation struct {
	name, method, path string
	status             int
	errors             []string
	members            map[string]memberLocation
}

type memberLocation struct{ location, locationName string }

var (
	modelOnce sync.Once
	theModel  model
	modelErr  error
)

// agreementOperations are the seven operations of AWS's API reference that
// the SDK's model lacks: method, path, and their input members in the
// query string (GET) or the body (POST), as the API reference shows them.
var agreementOperations = map[string]modelOperation{
	"ListAgreements": {method: "GET", path: "/v1/agreement/list", status: 200,
		members: map[string]memberLocation{"maxResults": {"querystring", "maxResults"}, "nextToken": {"querystring", "nextToken"}}},
	"GetNdaForAgreement": {method: "GET", path: "/v1/agreement/getNdaForAgreement", status: 200,
		members: map[string]memberLocation{"agreementId": {"querystring", "agreementId"}}},
	"AcceptNdaForAgreement": {method: "POST", path: "/v1/agreement/acceptNdaForAgreement", status: 200,
		members: map[string]memberLocation{"agreementId": {}, "agreementRevisionId": {}, "ndaToken": {}}},
	"GetAgreement": {method: "GET", path: "/v1/agreement/get", status: 200,
		members: map[string]memberLocation{"agreementId": {"querystring", "agreementId"}, "ndaToken": {"querystring", "ndaToken"}}},
	"AcceptAgreement": {method: "POST", path: "/v1/agreement/accept", status: 200,
		members: map[string]memberLocation{"agreementId": {}, "agreementRevisionId": {}, "acceptanceTermsToken": {}, "executeAgreementToken": {}}},
	"GetCustomerAgreement": {method: "GET", path: "/v1/customer-agreement/get", status: 200,
		members: map[string]memberLocation{"customerAgreementId": {"querystring", "customerAgreementId"}}},
	"TerminateAgreement": {method: "POST", path: "/v1/customer-agreement/terminate", status: 200,
		members: map[string]memberLocation{"customerAgreementId": {}, "terminateAgreementToken": {}}},
}

func loadModel(t testing.TB) model {
	t.Helper()
	modelOnce.Do(func() {
		b, err := os.ReadFile("testdata/service-2.json")
		if err != nil {
			modelErr = err
			return
		}
		var raw struct {
			Operations map[string]struct {
				HTTP struct {
					Method       string `json:"method"`
					RequestURI   string `json:"requestUri"`
					ResponseCode int    `json:"responseCode"`
				} `json:"http"`
				Input  struct{ Shape string }   `json:"input"`
				Errors []struct{ Shape string } `json:"errors"`
			} `json:"operations"`
			Shapes map[string]struct {
				Members map[string]struct {
					Location     string `json:"location"`
					LocationName string `json:"locationName"`
				} `json:"members"`
			} `json:"shapes"`
		}
		if modelErr = json.Unmarshal(b, &raw); modelErr != nil {
			return
		}
		theModel.ops = map[string]modelOperation{}
		for name, o := range raw.Operations {
			mo := modelOperation{name: name, method: o.HTTP.Method, path: o.HTTP.RequestURI, status: o.HTTP.ResponseCode,
				members: map[string]memberLocation{}}
			for _, e := range o.Errors {
				mo.errors = append(mo.errors, e.Shape)
			}
			sort.Strings(mo.errors)
			for m, loc := range raw.Shapes[o.Input.Shape].Members {
				mo.members[m] = memberLocation{loc.Location, loc.LocationName}
			}
			theModel.ops[name] = mo
		}
	})
	require.NoError(t, modelErr)
	return theModel
}

func (m model) operation(name string) (modelOperation, bool) {
	if o, ok := m.ops[name]; ok {
		return o, true
	}
	o, ok := agreementOperations[name]
	o.name = name
	return o, ok
}

// failingSettings is a settings store that fails every call.
type failingSettings struct{}

var errStoreDown = errors.New("settings store: connection refused (postgres://artifact:hunter2@db)")

func (failingSettings) Get(context.Context, aws.AccountID) (notify.Settings, error) {
	return notify.Settings{}, errStoreDown
}
func (failingSettings) Put(context.Context, notify.Settings) (notify.Settings, error) {
	return notify.Settings{}, errStoreDown
}
func (failingSettings) Subscribed(context.Context, func(notify.Settings) bool) error {
	return errStoreDown
}

func auditFilterAll() audit.Filter { return audit.Filter{} }
