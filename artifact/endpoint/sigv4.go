package endpoint

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Signature Version 4 verification, as AWS's front end verifies a request:
// the verifier rebuilds the canonical request from what the client says it
// signed (the method, the path, the query, exactly the headers listed in
// SignedHeaders, the payload's hash), derives the string to sign and the
// signing key, and compares the signature it computes with the client's in
// constant time. AWS documents the algorithm in "Create a signed AWS API
// request"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html);
// the comments below quote it.
//
// The AWS SDK for Go v2's signer is not used to verify: it signs a fixed
// choice of headers (it adds host, x-amz-date and content-length itself and
// never signs Authorization, User-Agent, X-Amzn-Trace-Id, Expect or
// Transfer-Encoding), so it cannot compute the signature of a request whose
// client signed other headers, which AWS accepts. It is the reference the
// tests hold the verifier to: requests signed by it, by botocore, and
// canonical requests built by hand must all verify.

// SigningName is the service name of the credential scope: Artifact's
// signing name in AWS's model.
const SigningName = "artifact"

// DefaultMaxSkew is how far a request's X-Amz-Date may lie from the
// endpoint's clock: "a request must reach AWS within five minutes of the
// time stamp in the request"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html).
const DefaultMaxSkew = 5 * time.Minute

const (
	algorithm     = "AWS4-HMAC-SHA256"
	amzDateFormat = "20060102T150405Z"
	terminator    = "aws4_request"
	emptySHA256   = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	// maxPresignExpiry is the longest X-Amz-Expires a presigned request
	// may name (seven days, as AWS allows).
	maxPresignExpiry = 7 * 24 * time.Hour
)

// The authentication errors, as AWS's front end names them. They are not
// operation errors of the model: botocore reports them by code and
// message.
const (
	codeMissingToken   = "MissingAuthenticationTokenException"
	codeIncomplete     = "IncompleteSignatureException"
	codeUnrecognized   = "UnrecognizedClientException"
	codeInvalidSig     = "InvalidSignatureException"
	msgMissingToken    = "Missing Authentication Token"
	msgUnrecognized    = "The security token included in the request is invalid."
	msgSignatureDiffer = "The request signature we calculated does not match the signature you provided. " +
		"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
)

// authError is a refused signature: the error type, its status and message.
type authError struct {
	code    string
	status  int
	message string
}

func (e *authError) Error() string { return e.code + ": " + e.message }

func incomplete(msg string) *authError {
	return &authError{code: codeIncomplete, status: http.StatusBadRequest, message: msg}
}

func invalidSignature(msg string) *authError {
	return &authError{code: codeInvalidSig, status: http.StatusForbidden, message: msg}
}

// The refusals that carry nothing of the request, made once.
var (
	errMissingToken = &authError{code: codeMissingToken, status: http.StatusForbidden, message: msgMissingToken}
	errUnrecognized = &authError{code: codeUnrecognized, status: http.StatusForbidden, message: msgUnrecognized}
	errDiffers      = invalidSignature(msgSignatureDiffer)
	errContentHash  = invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.")
)

// signature is what a request says of its own signature.
type signature struct {
	accessKeyID   string
	date          string // the scope's date, 20060102
	region        string
	service       string
	signedHeaders string
	signature     string
	amzDate       string // the request's time as the client sent it
	dateHeader    bool   // amzDate is the Date header's
	token         string // X-Amz-Security-Token
	expires       time.Duration
	presigned     bool
}

// verifier checks requests against the credential table.
type verifier struct {
	keys    *Credentials
	region  string
	maxSkew time.Duration
	now     func() time.Time
}

// verify authenticates r, whose body is body and whose query x.query
// holds, and returns its credential. It builds the canonical request in
// x's buffers.
func (v *verifier) verify(r *http.Request, body []byte, x *exchange) (Credential, *authError) {
	sig, aerr := parseSignature(r, x.query)
	if aerr != nil {
		return Credential{}, aerr
	}
	key := v.keys.lookup(sig.accessKeyID)
	if key == nil {
		return Credential{}, errUnrecognized
	}
	if subtle.ConstantTimeCompare([]byte(sig.token), []byte(key.SessionToken)) != 1 {
		return Credential{}, errUnrecognized
	}
	at, stamp, ok := requestTime(sig)
	if !ok {
		return Credential{}, incomplete("Date must be in ISO-8601 'basic format'. Got '" + sig.amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601")
	}
	if sig.date != stamp[:8] {
		return Credential{}, invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
			sig.date + "' != '" + stamp[:8] + "', from '" + sig.amzDate + "'.")
	}
	var scope string
	if sig.region != v.region {
		scope += "Credential should be scoped to a valid region. "
	}
	if sig.service != SigningName {
		scope += "Credential should be scoped to correct service: '" + SigningName + "'. "
	}
	if scope != "" {
		return Credential{}, invalidSignature(scope)
	}
	if aerr := v.checkTime(sig, at, stamp); aerr != nil {
		return Credential{}, aerr
	}
	if !hasHeader(sig.signedHeaders, "host") {
		return Credential{}, incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
	}
	var payload [64]byte
	n, aerr := payloadHash(&payload, r, body)
	if aerr != nil {
		return Credential{}, aerr
	}
	var want [64]byte
	if !x.sign(&want, r, &sig, stamp, payload[:n], key.signingKey(sig.date, sig.region, sig.service)) {
		// A header signed but not sent: the signature cannot be the one
		// the request carries.
		return Credential{}, errDiffers
	}
	if subtle.ConstantTimeCompare(want[:], []byte(sig.signature)) != 1 {
		return Credential{}, errDiffers
	}
	return key.Credential, nil
}

// requestTime returns the request's time, and that time as the string
// to sign holds it (ISO 8601 basic format): X-Amz-Date (header or
// parameter) in that format or, when the request has none, the Date
// header, in that format or as an HTTP date. "AWS first checks the
// x-amz-date header or parameter for a time stamp. If AWS can't find a
// value for x-amz-date, it looks for the date header"
// (https://docs.aws.amazon.com/general/latest/gr/sigv4-date-handling.html).
// The Date header AWS's own SigV4 test suite signed is an HTTP date ("Date:
// Mon, 09 Sep 2011 23:36:00 GMT", string to sign "20110909T233600Z"), and
// botocore, asked to sign one, sends it in RFC 2822's form ("Mon, 09 Sep
// 2011 23:36:00 -0000"); Amazon S3's documentation has it in ISO 8601
// basic format
// (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTCommonRequestHeaders.html).
// All three are read.
func requestTime(sig signature) (at time.Time, stamp string, ok bool) {
	if at, ok := parseAmzDate(sig.amzDate); ok {
		return at, sig.amzDate, true
	}
	if !sig.dateHeader {
		return time.Time{}, "", false
	}
	at, err := time.Parse(time.RFC1123Z, sig.amzDate)
	if err != nil {
		// An HTTP date is in GMT: another zone name is not read as UTC.
		if at, err = time.Parse(time.RFC1123, sig.amzDate); err != nil || !strings.HasSuffix(sig.amzDate, " GMT") {
			return time.Time{}, "", false
		}
	}
	at = at.UTC()
	return at, at.Format(amzDateFormat), true
}

// parseAmzDate reads an ISO 8601 basic time, 20060102T150405Z.
func parseAmzDate(s string) (time.Time, bool) {
	if len(s) != len(amzDateFormat) || s[8] != 'T' || s[15] != 'Z' {
		return time.Time{}, false
	}
	var n [6]int
	for i, f := range [6][2]int{{0, 4}, {4, 6}, {6, 8}, {9, 11}, {11, 13}, {13, 15}} {
		for _, c := range []byte(s[f[0]:f[1]]) {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], 0, time.UTC)
	if t.Month() != time.Month(n[1]) || t.Day() != n[2] || t.Hour() != n[3] || t.Minute() != n[4] || t.Second() != n[5] {
		return time.Time{}, false // 20260230T..., 24:00:00, 23:60:00 ...
	}
	return t, true
}

// checkTime refuses a request signed too long ago or too far ahead, and a
// presigned request past its expiry, with AWS's messages. stamp is the
// request's time in ISO 8601 basic format.
func (v *verifier) checkTime(sig signature, at time.Time, stamp string) *authError {
	now := v.now().UTC()
	if sig.presigned {
		if now.After(at.Add(sig.expires)) {
			return invalidSignature("Signature expired: " + stamp + " is now earlier than " + now.Add(-sig.expires).Format(amzDateFormat) +
				" (" + now.Format(amzDateFormat) + " - " + sig.expires.String() + ".)")
		}
	} else if at.Before(now.Add(-v.maxSkew)) {
		return invalidSignature("Signature expired: " + stamp + " is now earlier than " + now.Add(-v.maxSkew).Format(amzDateFormat) +
			" (" + now.Format(amzDateFormat) + " - " + minutes(v.maxSkew) + ".)")
	}
	if at.After(now.Add(v.maxSkew)) {
		return invalidSignature("Signature not yet current: " + stamp + " is still later than " + now.Add(v.maxSkew).Format(amzDateFormat) +
			" (" + now.Format(amzDateFormat) + " + " + minutes(v.maxSkew) + ".)")
	}
	return nil
}

// minutes spells a skew as AWS does ("5 min").
func minutes(d time.Duration) string {
	if d%time.Minute == 0 {
		return strconv.FormatInt(int64(d/time.Minute), 10) + " min"
	}
	return d.String()
}

// payloadHash writes into sum the hash the request's signature covers,
// and returns its length: the body's SHA-256 in hexadecimal, unless the
// client sent X-Amz-Content-Sha256, which must then be the body's or
// UNSIGNED-PAYLOAD (which the signature then covers).
func payloadHash(sum *[64]byte, r *http.Request, body []byte) (int, *authError) {
	if len(body) == 0 {
		copy(sum[:], emptySHA256)
	} else {
		h := sha256.Sum256(body)
		hex.Encode(sum[:], h[:])
	}
	switch sent := first(r.Header["X-Amz-Content-Sha256"]); sent {
	case "", string(sum[:]):
		return len(sum), nil
	case unsignedPayload:
		return copy(sum[:], unsignedPayload), nil
	}
	return 0, errContentHash
}

const unsignedPayload = "UNSIGNED-PAYLOAD"

// sign writes into out the hex signature of the request r says it signed,
// at stamp (ISO 8601 basic), with the signing key key: the canonical
// request, its hash in the string to sign, and the string to sign's HMAC.
// It reports false when a header listed in SignedHeaders is not in the
// request.
func (x *exchange) sign(out *[64]byte, r *http.Request, sig *signature, stamp string, payload []byte, key *derivedKey) bool {
	var ok bool
	x.canon, ok = x.appendCanonicalRequest(x.canon[:0], r, sig, payload)
	if !ok {
		return false
	}
	// "StringToSign = Algorithm + \n + RequestDateTime + \n +
	// CredentialScope + \n + HashedCanonicalRequest", signed with
	// HMAC-SHA256 and the derived key. The buffer starts with the key's
	// inner pad, so that the inner hash of the HMAC is one Sum256.
	hashed := sha256.Sum256(x.canon)
	b := append(x.sts[:0], key.ipad[:]...)
	b = append(b, algorithm+"\n"...)
	b = append(b, stamp...)
	b = append(b, '\n')
	b = append(b, sig.date...)
	b = append(b, '/')
	b = append(b, sig.region...)
	b = append(b, '/')
	b = append(b, sig.service...)
	b = append(b, "/"+terminator+"\n"...)
	b = hex.AppendEncode(b, hashed[:])
	x.sts = b
	inner := sha256.Sum256(b)
	var outer [blockSize + sha256.Size]byte
	copy(outer[:], key.opad[:])
	copy(outer[blockSize:], inner[:])
	mac := sha256.Sum256(outer[:])
	hex.Encode(out[:], mac[:])
	return true
}

// appendCanonicalRequest appends the canonical request of r:
//
//	CanonicalRequest = HTTPRequestMethod + '\n' + CanonicalURI + '\n' +
//	  CanonicalQueryString + '\n' + CanonicalHeaders + '\n' +
//	  SignedHeaders + '\n' + HexEncode(Hash(RequestPayload))
func (x *exchange) appendCanonicalRequest(b []byte, r *http.Request, sig *signature, payload []byte) ([]byte, bool) {
	b = append(b, r.Method...)
	b = append(b, '\n')
	b = appendCanonicalURI(b, requestPath(r))
	b = append(b, '\n')
	b = x.appendCanonicalQuery(b, sig.presigned)
	b = append(b, '\n')
	// "CanonicalHeaders: a list of request headers with their values ...
	// Header names must be in lowercase, must appear in alphabetical order,
	// and must be followed by a colon (:). For the values, trim any
	// leading or trailing spaces, convert sequential spaces to a single
	// space, and separate the values for a multi-value header using
	// commas." The headers are the ones SignedHeaders lists, in its order,
	// and no other: AWS verifies what the client signed.
	for rest := sig.signedHeaders; rest != ""; {
		var name string
		name, rest, _ = strings.Cut(rest, ";")
		b = append(b, name...)
		b = append(b, ':')
		var ok bool
		if b, ok = appendHeaderValue(b, r, name); !ok {
			return b, false
		}
		b = append(b, '\n')
	}
	b = append(b, '\n')
	b = append(b, sig.signedHeaders...)
	b = append(b, '\n')
	b = append(b, payload...)
	return b, true
}

// requestPath returns the path of the request as the client sent it (its
// request target up to the query), or as Go escapes it when the target is
// not a path.
func requestPath(r *http.Request) string {
	if p := r.RequestURI; p != "" && p[0] == '/' {
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		return p
	}
	return r.URL.EscapedPath()
}

// appendCanonicalURI appends the canonical form of the request's path:
// "the URI-encoded version of the absolute path component URI ... each
// path segment must be URI-encoded twice" for services other than Amazon
// S3. The SDKs escape the path they send and sign it escaped again; the
// path as sent, escaped once more (every byte but the unreserved ones and
// '/' as %XX), is what they signed.
func appendCanonicalURI(b []byte, path string) []byte {
	if path == "" {
		return append(b, '/')
	}
	for i := 0; i < len(path); i++ {
		if c := path[i]; unreserved[c] || c == '/' {
			b = append(b, c)
		} else {
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return b
}

// appendCanonicalQuery appends the canonical query string: "URI-encode
// each parameter name and value ... Sort the parameter names by character
// code point in ascending order. Parameters with duplicate names should
// be sorted by value ... A parameter without a value is included with an
// empty value (name=)". The sorting is of the encoded names and values.
// A presigned request's X-Amz-Signature is not part of what it signed.
func (x *exchange) appendCanonicalQuery(b []byte, presigned bool) []byte {
	enc := x.enc[:0]
	spans := x.spans[:0]
	for _, p := range x.query {
		if presigned && p.key == "X-Amz-Signature" {
			continue
		}
		s := span{start: int32(len(enc))}
		enc = appendURIEncoded(enc, p.key)
		s.eq = int32(len(enc))
		enc = appendURIEncoded(enc, p.value)
		s.end = int32(len(enc))
		spans = append(spans, s)
	}
	sortSpans(enc, spans)
	for i, s := range spans {
		if i > 0 {
			b = append(b, '&')
		}
		b = append(b, enc[s.start:s.eq]...)
		b = append(b, '=')
		b = append(b, enc[s.eq:s.end]...)
	}
	x.enc, x.spans = enc, spans
	return b
}

// span locates an encoded parameter in a buffer: its name is
// [start, eq), its value [eq, end).
type span struct{ start, eq, end int32 }

// sortSpans sorts parameters by encoded name, then value: an insertion
// sort for the handful a request carries, which needs no allocation, and
// slices.SortFunc beyond, so that a query of many parameters costs
// O(n log n).
func sortSpans(enc []byte, spans []span) {
	cmp := func(a, b span) int {
		if c := compareBytes(enc[a.start:a.eq], enc[b.start:b.eq]); c != 0 {
			return c
		}
		return compareBytes(enc[a.eq:a.end], enc[b.eq:b.end])
	}
	if len(spans) > 12 {
		slices.SortFunc(spans, cmp)
		return
	}
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && cmp(spans[j], spans[j-1]) < 0; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
}

func compareBytes(a, b []byte) int { return bytes.Compare(a, b) }

// appendURIEncoded appends s URI-encoded as SigV4 wants it: "URI-encode
// every byte except the unreserved characters: 'A'-'Z', 'a'-'z', '0'-'9',
// '-', '.', '_', and '~'", with upper-case hexadecimal digits (a space is
// %20).
func appendURIEncoded(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; unreserved[c] {
			b = append(b, c)
		} else {
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return b
}

const upperHex = "0123456789ABCDEF"

// unreserved are the bytes SigV4 does not encode.
var unreserved = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
	}
	return t
}()

// appendHeaderValue appends the canonical value of the header name (as
// SignedHeaders spells it): its values in the order the request carries
// them, trimmed, runs of spaces made one, joined with commas. Go's server
// keeps the Host header and Transfer-Encoding out of the Header map; they
// are read where it puts them. It reports false when the request does not
// carry the header.
func appendHeaderValue(b []byte, r *http.Request, name string) ([]byte, bool) {
	switch name {
	case "host":
		return appendTrimmed(b, hostOf(r)), true
	case "transfer-encoding":
		if len(r.TransferEncoding) > 0 {
			for i, v := range r.TransferEncoding {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendTrimmed(b, v)
			}
			return b, true
		}
	}
	var kb [64]byte
	values, ok := r.Header[string(appendCanonicalKey(kb[:0], name))]
	if !ok {
		if values, ok = r.Header[name]; !ok {
			return b, false
		}
	}
	for i, v := range values {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendTrimmed(b, v)
	}
	return b, true
}

// hostOf returns the request's host as its client signed it: the Host
// header, without the scheme's default port (the SDKs leave it out).
func hostOf(r *http.Request) string {
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	if r.TLS != nil {
		return strings.TrimSuffix(host, ":443")
	}
	return strings.TrimSuffix(host, ":80")
}

// appendCanonicalKey appends the canonical MIME form of a lower-case
// header name ("x-amz-date" -> "X-Amz-Date"), the key of Go's Header map.
func appendCanonicalKey(b []byte, name string) []byte {
	upper := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case upper && 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case !upper && 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
		upper = c == '-'
	}
	return b
}

// appendTrimmed appends v without leading and trailing white space and
// with each run of spaces made one ("Trimall").
func appendTrimmed(b []byte, v string) []byte {
	v = strings.TrimSpace(v)
	for i := 0; i < len(v); i++ {
		if v[i] == ' ' && i > 0 && v[i-1] == ' ' {
			continue
		}
		b = append(b, v[i])
	}
	return b
}

// The signing key: "kSecret = your secret access key; kDate =
// HMAC("AWS4" + kSecret, Date); kRegion = HMAC(kDate, Region); kService =
// HMAC(kRegion, Service); kSigning = HMAC(kService, "aws4_request")". It
// depends on the day, region and service only, so each credential keeps
// the last one it derived, as the AWS SDKs cache theirs.

const blockSize = 64 // SHA-256's block, HMAC's pad

// derivedKey is a signing key for one scope, kept as HMAC's inner and
// outer pads.
type derivedKey struct {
	date, region, service string
	ipad, opad            [blockSize]byte
}

// credential is an entry of the table: the credential and its last
// signing key.
type credential struct {
	Credential
	key atomic.Pointer[derivedKey]
}

// signingKey returns the signing key of the scope, derived once per day,
// region and service.
func (c *credential) signingKey(date, region, service string) *derivedKey {
	if k := c.key.Load(); k != nil && k.date == date && k.region == region && k.service == service {
		return k
	}
	mac := func(key []byte, data string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(data))
		return h.Sum(nil)
	}
	signing := mac(mac(mac(mac([]byte("AWS4"+c.SecretAccessKey), date), region), service), terminator)
	k := &derivedKey{date: date, region: region, service: service}
	for i := range blockSize {
		var kb byte
		if i < len(signing) {
			kb = signing[i]
		}
		k.ipad[i] = kb ^ 0x36
		k.opad[i] = kb ^ 0x5c
	}
	c.key.Store(k)
	return k
}

// parseSignature reads the signature of a request: its Authorization
// header, or the X-Amz-* parameters of a presigned request.
func parseSignature(r *http.Request, q query) (signature, *authError) {
	if auth := first(r.Header["Authorization"]); auth != "" {
		sig, aerr := parseAuthorization(auth)
		if aerr != nil {
			return sig, aerr
		}
		sig.amzDate = first(r.Header["X-Amz-Date"])
		if sig.amzDate == "" {
			sig.amzDate, sig.dateHeader = first(r.Header["Date"]), true
		}
		if sig.amzDate == "" {
			return sig, incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
		}
		sig.token = first(r.Header["X-Amz-Security-Token"])
		return sig, nil
	}
	if q.get("X-Amz-Algorithm") == "" {
		return signature{}, errMissingToken
	}
	return parsePresigned(q)
}

func first(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}

// parseAuthorization reads "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...".
func parseAuthorization(auth string) (signature, *authError) {
	alg, rest, _ := strings.Cut(auth, " ")
	if alg != algorithm {
		return signature{}, incomplete("Unsupported AWS 'algorithm': '" + alg + "'. The only supported algorithm is " + algorithm + ".")
	}
	var sig signature
	var credential string
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		part = strings.TrimSpace(part)
		k, val, ok := strings.Cut(part, "=")
		if !ok {
			return sig, incomplete("'" + part + "' not a valid key=value pair (missing equal-sign) in Authorization header.")
		}
		switch k {
		case "Credential":
			credential = val
		case "SignedHeaders":
			sig.signedHeaders = val
		case "Signature":
			sig.signature = val
		}
	}
	if credential == "" || sig.signature == "" || sig.signedHeaders == "" {
		var missing []string
		for _, p := range []struct{ name, v string }{{"Credential", credential}, {"Signature", sig.signature}, {"SignedHeaders", sig.signedHeaders}} {
			if p.v == "" {
				missing = append(missing, "Authorization header requires '"+p.name+"' parameter.")
			}
		}
		return sig, incomplete(strings.Join(missing, " "))
	}
	return sig, parseCredential(&sig, credential)
}

// parseCredential reads "AKID/20261206/us-east-1/artifact/aws4_request".
func parseCredential(sig *signature, credential string) *authError {
	var parts [5]string
	rest, n := credential, 0
	for ; n < len(parts); n++ {
		var ok bool
		parts[n], rest, ok = strings.Cut(rest, "/")
		if !ok {
			n++
			break
		}
	}
	if n != len(parts) || strings.Contains(parts[4], "/") {
		return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" + credential + "'")
	}
	if parts[4] != terminator {
		return incomplete("Credential should be scoped with a valid terminator: '" + terminator + "', not '" + parts[4] + "'.")
	}
	sig.accessKeyID, sig.date, sig.region, sig.service = parts[0], parts[1], parts[2], parts[3]
	return nil
}

// parsePresigned reads the X-Amz-* parameters of a presigned request.
func parsePresigned(q query) (signature, *authError) {
	if alg := q.get("X-Amz-Algorithm"); alg != algorithm {
		return signature{}, incomplete("Unsupported AWS 'algorithm': '" + alg + "'. The only supported algorithm is " + algorithm + ".")
	}
	sig := signature{presigned: true, signedHeaders: q.get("X-Amz-SignedHeaders"), signature: q.get("X-Amz-Signature"),
		amzDate: q.get("X-Amz-Date"), token: q.get("X-Amz-Security-Token")}
	var missing []string
	for _, p := range []string{"X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date", "X-Amz-Expires"} {
		if q.get(p) == "" {
			missing = append(missing, "AWS query-string parameters must include '"+p+"'.")
		}
	}
	if len(missing) > 0 {
		return sig, incomplete(strings.Join(missing, " ") + " Re-examine the query-string parameters.")
	}
	secs, err := strconv.ParseInt(q.get("X-Amz-Expires"), 10, 64)
	if err != nil || secs < 1 || time.Duration(secs)*time.Second > maxPresignExpiry {
		return sig, incomplete("X-Amz-Expires must be a whole number of seconds from 1 to 604800.")
	}
	sig.expires = time.Duration(secs) * time.Second
	return sig, parseCredential(&sig, q.get("X-Amz-Credential"))
}

// hasHeader reports whether the SignedHeaders list holds h.
func hasHeader(list, h string) bool {
	for list != "" {
		var s string
		s, list, _ = strings.Cut(list, ";")
		if s == h {
			return true
		}
	}
	return false
}
