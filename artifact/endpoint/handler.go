package endpoint

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/policy"
)

// DefaultMaxBodyBytes bounds a request's body. Artifact's requests are a
// few hundred bytes; a larger body is refused with 413, as AWS's front end
// refuses one over its limit, before it is read.
const DefaultMaxBodyBytes = 1 << 20

// Handler is AWS Artifact's HTTP API over an artifact.Service: every
// request is authenticated with Signature Version 4 against a credential
// table, routed to its operation, decoded, served by the service as the
// credential's caller, and answered in AWS's restJson1 encoding. It is
// safe for concurrent use.
type Handler struct {
	svc      *artifact.Service
	verifier verifier
	routes   map[route]*operation // {"GET", "/v1/report/get"}
	labelled []*operation         // operations whose path ends in a {label}
	maxBody  int64
	log      func(RequestLog)
	now      func() time.Time

	region, secure, plain policy.Pair
	clock                 atomic.Pointer[clockPairs]
	lastIP                atomic.Pointer[policy.Pair]
}

// RequestLog describes one request the handler answered, for a log line.
// It holds no secret, signature, token or query string.
type RequestLog struct {
	// RequestID is the x-amzn-RequestId the answer carried.
	RequestID string
	// Operation is AWS's name of the operation, "" when none matched.
	Operation string
	// Method is the request's HTTP method, as the client sent it.
	Method string
	// Path is the request's path, unescaped, without the query string.
	Path string
	// Status is the HTTP status answered.
	Status int
	// ErrorCode is the error type answered (the x-amzn-ErrorType, such
	// as "AccessDeniedException"), "" on success.
	ErrorCode string
	// AccessKeyID is the access key the request was signed with, ""
	// when it was not authenticated.
	AccessKeyID string
	// Principal is the ARN of the credential's principal, "" when the
	// request was not authenticated.
	Principal string
	// Account is the credential's account, "" when the request was not
	// authenticated.
	Account string
	// SourceIP is the peer's address (aws:SourceIp), "" when the peer is
	// not an IP address.
	SourceIP string
	// Duration is the time the handler spent on the request.
	Duration time.Duration
}

// An Option configures a Handler. An option given its zero value leaves
// the default, so a caller may pass its own configuration through
// without knowing the defaults.
type Option func(*config)

type config struct {
	now     func() time.Time
	maxSkew time.Duration
	maxBody int64
	log     func(RequestLog)
}

// WithClock sets the clock that signatures' times are checked against.
// The default, and the clock of WithClock(nil), is the service's clock,
// which also dates aws:CurrentTime.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithMaxSkew sets how far a signature's time may lie from the clock.
// The default, and the skew of WithMaxSkew(0), is DefaultMaxSkew; New
// refuses a negative skew.
func WithMaxSkew(d time.Duration) Option {
	return func(c *config) {
		if d != 0 {
			c.maxSkew = d
		}
	}
}

// WithMaxBodyBytes sets the largest request body accepted. The default,
// and the limit of WithMaxBodyBytes(0), is DefaultMaxBodyBytes; New
// refuses a negative limit.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) {
		if n != 0 {
			c.maxBody = n
		}
	}
}

// WithRequestLog sets a function called once for every request answered,
// after the answer is written. The default, and WithRequestLog(nil),
// logs nothing.
func WithRequestLog(f func(RequestLog)) Option { return func(c *config) { c.log = f } }

// ErrInvalidOption is the cause of New's refusal of an option value it
// cannot use (a negative skew or body limit).
var ErrInvalidOption = errors.New("invalid option")

// New returns the handler serving svc to the holders of keys. The
// endpoint's region is the service's: credential scopes must name it.
//
// A nil svc is a programming error: New panics. A nil keys is an empty
// table, as NewCredentials() returns: every signed request is refused
// with UnrecognizedClientException. New returns an error wrapping
// ErrInvalidOption for an option value it cannot use.
func New(svc *artifact.Service, keys *Credentials, opts ...Option) (*Handler, error) {
	if svc == nil {
		panic("endpoint: New with a nil Service")
	}
	c := config{now: svc.Now, maxSkew: DefaultMaxSkew, maxBody: DefaultMaxBodyBytes}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	switch {
	case c.maxSkew < 0:
		return nil, fmt.Errorf("endpoint: WithMaxSkew(%v): %w: want a positive duration", c.maxSkew, ErrInvalidOption)
	case c.maxBody < 0:
		return nil, fmt.Errorf("endpoint: WithMaxBodyBytes(%d): %w: want a positive size", c.maxBody, ErrInvalidOption)
	}
	h := &Handler{
		svc:      svc,
		verifier: verifier{keys: keys, region: svc.Region(), maxSkew: c.maxSkew, now: c.now},
		routes:   map[route]*operation{},
		maxBody:  c.maxBody,
		log:      c.log,
		now:      c.now,
		region:   policy.SharedPair("aws:RequestedRegion", svc.Region()),
		secure:   policy.SharedPair("aws:SecureTransport", "true"),
		plain:    policy.SharedPair("aws:SecureTransport", "false"),
	}
	for i := range operations {
		op := &operations[i]
		if strings.HasSuffix(op.path, "}") {
			h.labelled = append(h.labelled, op)
			continue
		}
		h.routes[route{op.method, op.path}] = op
	}
	return h, nil
}

// Operation describes an operation the handler serves.
type Operation struct {
	// Name is AWS's name of the operation, e.g. "GetReport".
	Name string
	// Method is its HTTP method, as AWS's model gives it.
	Method string
	// Path is its request path, as AWS's model gives it; a label such
	// as {resourceArn} stands for one escaped path segment.
	Path string
	// Status is its success status (200, 202 or 204).
	Status int
}

// Operations returns the operations the handler serves, in the order of
// its route table.
func Operations() []Operation {
	out := make([]Operation, len(operations))
	for i, op := range operations {
		out[i] = Operation{Name: op.name, Method: op.method, Path: op.path, Status: op.status}
	}
	return out
}

// ServeHTTP answers one request of AWS's Artifact API.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var start time.Time
	if h.log != nil {
		start = time.Now()
	}
	id := requestID()
	w.Header()["X-Amzn-Requestid"] = []string{id}
	res := h.serve(w, r)
	if h.log != nil {
		h.log(RequestLog{
			RequestID: id, Operation: res.op, Method: r.Method, Path: r.URL.Path, Status: res.status,
			ErrorCode: res.code, AccessKeyID: res.cred.AccessKeyID, Principal: principalOf(res.cred),
			Account: accountOf(res.cred), SourceIP: sourceIP(r), Duration: time.Since(start),
		})
	}
}

func principalOf(c Credential) string {
	if c.Caller == nil {
		return ""
	}
	return c.Caller.Principal()
}

func accountOf(c Credential) string {
	if c.Caller == nil {
		return ""
	}
	return string(c.Caller.Account())
}

// result is what serve answered.
type result struct {
	op     string
	status int
	code   string
	cred   Credential
}

// serve authenticates, routes, decodes, calls and answers.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request) result {
	var res result
	op, label := h.route(r.Method, r.URL.EscapedPath())
	if op != nil {
		res.op = op.name
	}
	x := getExchange()
	defer putExchange(x)
	tooLarge, err := h.readBody(r, x)
	switch {
	case tooLarge:
		// AWS's front end answers an oversized request with 413 and no
		// body before anything else.
		w.Header().Set("Connection", "close")
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		res.status, res.code = http.StatusRequestEntityTooLarge, "RequestEntityTooLarge"
		return res
	case err != nil:
		return h.fail(w, res, validation(artifact.ReasonCannotParse, "The request body could not be read."))
	}
	x.query = parseQuery(x.query[:0], r.URL.RawQuery)
	cred, aerr := h.verifier.verify(r, x.body, x)
	if aerr != nil {
		return h.fail(w, res, aerr)
	}
	res.cred = cred
	if op == nil {
		return h.fail(w, res, validation(artifact.ReasonUnknownOperation,
			"No operation of the AWS Artifact API is "+r.Method+" "+r.URL.Path+"."))
	}
	req := &x.req
	*req = request{ctx: r.Context(), svc: h.svc, caller: h.requestCaller(r, cred), query: x.query, body: x.body, label: label}
	out, err := op.serve(req)
	if err != nil {
		return h.fail(w, res, err)
	}
	res.status = op.status
	if op.status == http.StatusNoContent {
		w.WriteHeader(op.status)
		return res
	}
	if x.out, err = appendJSON(x.out[:0], out); err != nil {
		return h.fail(w, res, internalError)
	}
	hd := w.Header()
	hd["Content-Type"] = contentTypeJSON
	hd["Content-Length"] = []string{strconv.Itoa(len(x.out))}
	w.WriteHeader(op.status)
	_, _ = w.Write(x.out)
	return res
}

// contentTypeJSON is the Content-Type of every JSON answer (shared: a
// header value's slice is not written to, and appending to it copies).
var contentTypeJSON = []string{"application/json"}

// fail answers err and records it in res.
func (h *Handler) fail(w http.ResponseWriter, res result, err error) result {
	res.code = writeError(w, err)
	res.status = statusOf(err)
	return res
}

// statusOf returns the status writeError answers err with.
func statusOf(err error) int {
	var ae *authError
	if errors.As(err, &ae) {
		return ae.status
	}
	var api artifact.APIError
	if errors.As(err, &api) {
		if s, ok := modelStatus[api.ErrorCode()]; ok {
			return s
		}
		return api.HTTPStatusCode()
	}
	return http.StatusInternalServerError
}

// readBody reads the request's body into x.body, up to the limit.
func (h *Handler) readBody(r *http.Request, x *exchange) (tooLarge bool, err error) {
	x.body = x.body[:0]
	if r.ContentLength > h.maxBody {
		return true, nil
	}
	if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
		return false, nil
	}
	lr := io.LimitedReader{R: r.Body, N: h.maxBody + 1}
	for {
		if len(x.body) == cap(x.body) {
			x.body = append(x.body, 0)[:len(x.body)]
		}
		n, err := lr.Read(x.body[len(x.body):cap(x.body)])
		x.body = x.body[:len(x.body)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return false, err
		}
	}
	if int64(len(x.body)) > h.maxBody {
		return true, nil
	}
	return false, nil
}

// route is the key of an operation without a label: its method and path.
type route struct{ method, path string }

// route returns the operation of method and the escaped path, and the
// value of its label when its path ends in one.
func (h *Handler) route(method, path string) (*operation, string) {
	if op, ok := h.routes[route{method, path}]; ok {
		return op, ""
	}
	for _, op := range h.labelled {
		prefix := op.path[:strings.LastIndexByte(op.path, '/')+1]
		if op.method != method || !strings.HasPrefix(path, prefix) || len(path) == len(prefix) {
			continue
		}
		rest := path[len(prefix):]
		if strings.Contains(rest, "/") {
			continue
		}
		label, err := url.PathUnescape(rest)
		if err != nil {
			continue
		}
		return op, label
	}
	return nil, ""
}

// clockPairs are aws:CurrentTime and aws:EpochTime for one second.
type clockPairs struct {
	sec            int64
	current, epoch policy.Pair
}

// requestCaller returns the credential's caller with the keys AWS takes
// from the request: aws:SourceIp (the peer), aws:SecureTransport (TLS),
// aws:RequestedRegion (the endpoint's region, which the signature's scope
// names) and aws:CurrentTime and aws:EpochTime (the service's clock).
func (h *Handler) requestCaller(r *http.Request, cred Credential) *artifact.Caller {
	now := h.svc.Now()
	t := h.clock.Load()
	if t == nil || t.sec != now.Unix() {
		t = &clockPairs{sec: now.Unix(),
			current: policy.SharedPair("aws:CurrentTime", now.UTC().Truncate(time.Second).Format(time.RFC3339)),
			epoch:   policy.SharedPair("aws:EpochTime", strconv.FormatInt(now.Unix(), 10))}
		h.clock.Store(t)
	}
	transport := h.plain
	if r.TLS != nil {
		transport = h.secure
	}
	return cred.Caller.WithRequestKeys(h.sourceIPPair(r), transport, h.region, t.current, t.epoch)
}

// sourceIPPair returns aws:SourceIp of r's peer (the zero Pair when the
// peer is not an IP address). The pair of the latest peer is kept: most
// requests come from the peer before them, and a Pair parses its value.
func (h *Handler) sourceIPPair(r *http.Request) policy.Pair {
	host := peerHost(r.RemoteAddr)
	if last := h.lastIP.Load(); last != nil && last.Value() == host {
		return *last
	}
	if !isIP(host) {
		return policy.Pair{}
	}
	p := policy.NewPair("aws:SourceIp", host)
	h.lastIP.Store(&p)
	return p
}

// sourceIP returns the peer's address, "" when it is not an IP address.
func sourceIP(r *http.Request) string {
	if host := peerHost(r.RemoteAddr); isIP(host) {
		return host
	}
	return ""
}

// peerHost returns the host of a "host:port" peer address (the address
// itself when it has no port).
func peerHost(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return host
}

// isIP reports whether s is an IPv4 or IPv6 address without a zone.
func isIP(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Zone() == ""
}

// requestID returns a new x-amzn-RequestId: a random UUID, as AWS's are.
func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// request is one call being decoded: its query members, body and label,
// and what could not be read.
type request struct {
	ctx    context.Context
	svc    *artifact.Service
	caller *artifact.Caller
	query  query
	body   []byte
	label  string

	reason   artifact.ValidationExceptionReason
	problems []artifact.ValidationExceptionField
}

// problem records a member that could not be read.
func (r *request) problem(reason artifact.ValidationExceptionReason, member, msg string) {
	if r.reason != artifact.ReasonCannotParse {
		r.reason = reason
	}
	r.problems = append(r.problems, artifact.ValidationExceptionField{Name: member, Message: msg})
}

// err returns the ValidationException of the members that could not be
// read, nil when all could.
func (r *request) err() error {
	if len(r.problems) == 0 {
		return nil
	}
	parts := make([]string, len(r.problems))
	for i, p := range r.problems {
		parts[i] = "Value at '" + p.Name + "' failed to satisfy constraint: " + p.Message
	}
	noun := "error"
	if len(parts) > 1 {
		noun = "errors"
	}
	return validation(r.reason, fmt.Sprintf("%d validation %s detected: %s", len(parts), noun, strings.Join(parts, "; ")), r.problems...)
}

// str returns a query member, "" when absent.
func (r *request) str(member string) string {
	v, n := r.query.lookup(member)
	if n > 1 {
		r.problem(artifact.ReasonCannotParse, member, "Member must be given once")
		return ""
	}
	return v
}

// integer returns a query member that is a whole number from min to max,
// 0 when absent.
func (r *request) integer(member string, min, max int64) int64 {
	s := r.str(member)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil:
		r.problem(artifact.ReasonCannotParse, member, "Member must be a whole number")
	case n < min:
		r.problem(artifact.ReasonFieldValidationFailed, member, "Member must have value greater than or equal to "+strconv.FormatInt(min, 10))
	case n > max:
		r.problem(artifact.ReasonFieldValidationFailed, member, "Member must have value less than or equal to "+strconv.FormatInt(max, 10))
	default:
		return n
	}
	return 0
}

// maxResults returns the maxResults member (MaxResultsAttribute: 1 to
// 300), 0 when absent.
func (r *request) maxResults() int {
	return int(r.integer("maxResults", 1, artifact.MaxResultsLimit))
}

// version returns a VersionAttribute member (a long), nil when absent.
// The service refuses a version below 1, as the model's minimum says.
func (r *request) version(member string) *int64 {
	s := r.str(member)
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		r.problem(artifact.ReasonCannotParse, member, "Member must be a whole number")
		return nil
	}
	return &n
}

// decode reads the JSON body into in; an empty body is an empty object.
func (r *request) decode(in json.Unmarshaler) {
	if len(r.body) == 0 {
		return
	}
	err := json.Unmarshal(r.body, in)
	if err == nil {
		return
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		r.problem(artifact.ReasonCannotParse, "body", "Member must be a JSON object")
	case errors.As(err, &typ) && typ.Field != "":
		r.problem(artifact.ReasonCannotParse, typ.Field, "Member must be of type "+jsonType(typ.Type.Kind().String()))
	default:
		r.problem(artifact.ReasonCannotParse, "body", "Member must be a JSON object")
	}
}

// jsonType names a Go kind as JSON does.
func jsonType(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "slice", "array":
		return "list"
	case "struct", "map":
		return "structure"
	case "bool":
		return "boolean"
	}
	return "number"
}
