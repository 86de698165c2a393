package endpoint

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Signature Version 4 verification. The expected signature is computed by
// aws-sdk-go-v2's signer over a copy of the request holding exactly what
// the client signed, and compared with the client's in constant time.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

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

// signature is what a request says of its own signature.
type signature struct {
	accessKeyID   string
	date          string // the scope's date, 20060102
	region        string
	service       string
	signedHeaders string
	signature     string
	amzDate       string
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
	signer  *v4.Signer
}

// verify authenticates r, whose body is body, and returns its credential.
func (v *verifier) verify(r *http.Request, body []byte) (Credential, *authError) {
	sig, aerr := parseSignature(r)
	if aerr != nil {
		return Credential{}, aerr
	}
	cred, ok := v.keys.Lookup(sig.accessKeyID)
	if !ok {
		return Credential{}, &authError{code: codeUnrecognized, status: http.StatusForbidden, message: msgUnrecognized}
	}
	if subtle.ConstantTimeCompare([]byte(sig.token), []byte(cred.SessionToken)) != 1 {
		return Credential{}, &authError{code: codeUnrecognized, status: http.StatusForbidden, message: msgUnrecognized}
	}
	at, err := time.Parse(amzDateFormat, sig.amzDate)
	if err != nil {
		return Credential{}, incomplete("Date must be in ISO-8601 'basic format'. Got '" + sig.amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601")
	}
	if sig.date != sig.amzDate[:8] {
		return Credential{}, invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
			sig.date + "' != '" + sig.amzDate[:8] + "', from '" + sig.amzDate + "'.")
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
	if aerr := v.checkTime(sig, at); aerr != nil {
		return Credential{}, aerr
	}
	if !hasHeader(sig.signedHeaders, "host") {
		return Credential{}, incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
	}
	want, aerr := v.expected(r, body, sig, cred, at)
	if aerr != nil {
		return Credential{}, aerr
	}
	if subtle.ConstantTimeCompare([]byte(want), []byte(sig.signature)) != 1 {
		return Credential{}, invalidSignature(msgSignatureDiffer)
	}
	return cred, nil
}

// checkTime refuses a request signed too long ago or too far ahead, and a
// presigned request past its expiry, with AWS's messages.
func (v *verifier) checkTime(sig signature, at time.Time) *authError {
	now := v.now().UTC()
	if sig.presigned {
		if now.After(at.Add(sig.expires)) {
			return &authError{code: codeInvalidSig, status: http.StatusForbidden,
				message: "Signature expired: " + sig.amzDate + " is now earlier than " + now.Add(-sig.expires).Format(amzDateFormat) +
					" (" + now.Format(amzDateFormat) + " - " + sig.expires.String() + ".)"}
		}
	} else if at.Before(now.Add(-v.maxSkew)) {
		return invalidSignature("Signature expired: " + sig.amzDate + " is now earlier than " + now.Add(-v.maxSkew).Format(amzDateFormat) +
			" (" + now.Format(amzDateFormat) + " - " + minutes(v.maxSkew) + ".)")
	}
	if at.After(now.Add(v.maxSkew)) {
		return invalidSignature("Signature not yet current: " + sig.amzDate + " is still later than " + now.Add(v.maxSkew).Format(amzDateFormat) +
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

// expected computes the signature of what r's client signed: the method,
// path and query, exactly the headers it lists, and the payload's hash.
func (v *verifier) expected(r *http.Request, body []byte, sig signature, cred Credential, at time.Time) (string, *authError) {
	payload, aerr := payloadHash(r, body)
	if aerr != nil {
		return "", aerr
	}
	u := &url.URL{Scheme: "http", Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	if r.TLS != nil {
		u.Scheme = "https"
	}
	c := &http.Request{Method: r.Method, URL: u, Host: r.Host, Header: make(http.Header, 4)}
	for h := range strings.SplitSeq(sig.signedHeaders, ";") {
		switch h {
		case "host", "x-amz-date", "x-amz-security-token":
			// The signer adds them itself, from the request's host and
			// the signing time and token.
		case "content-length":
			c.ContentLength = r.ContentLength
		default:
			values, ok := r.Header[http.CanonicalHeaderKey(h)]
			if !ok {
				// A header signed but not sent: the signature cannot be the
				// one the request carries.
				return "", invalidSignature(msgSignatureDiffer)
			}
			c.Header[h] = values
		}
	}
	creds := aws.Credentials{AccessKeyID: cred.AccessKeyID, SecretAccessKey: cred.SecretAccessKey}
	if hasHeader(sig.signedHeaders, "x-amz-security-token") || sig.presigned {
		creds.SessionToken = sig.token
	}
	ctx := context.Background()
	if sig.presigned {
		q := c.URL.Query()
		q.Del("X-Amz-Signature")
		c.URL.RawQuery = q.Encode()
		signed, _, err := v.signer.PresignHTTP(ctx, creds, c, payload, sig.service, sig.region, at)
		if err != nil {
			return "", invalidSignature(msgSignatureDiffer)
		}
		su, err := url.Parse(signed)
		if err != nil || su.Query().Get("X-Amz-SignedHeaders") != sig.signedHeaders {
			return "", invalidSignature(msgSignatureDiffer)
		}
		return su.Query().Get("X-Amz-Signature"), nil
	}
	if err := v.signer.SignHTTP(ctx, creds, c, payload, sig.service, sig.region, at); err != nil {
		return "", invalidSignature(msgSignatureDiffer)
	}
	got, err := parseAuthorization(c.Header.Get("Authorization"))
	if err != nil || got.signedHeaders != sig.signedHeaders {
		// The signer signs headers the client did not (or the reverse):
		// not the request the client signed.
		return "", invalidSignature(msgSignatureDiffer)
	}
	return got.signature, nil
}

// payloadHash is the hash the request's signature covers: the body's
// SHA-256, or the X-Amz-Content-Sha256 the client sent, which must then be
// the body's (or UNSIGNED-PAYLOAD).
func payloadHash(r *http.Request, body []byte) (string, *authError) {
	sum := emptySHA256
	if len(body) > 0 {
		h := sha256.Sum256(body)
		sum = hex.EncodeToString(h[:])
	}
	sent := r.Header.Get("X-Amz-Content-Sha256")
	switch {
	case sent == "":
		return sum, nil
	case sent == "UNSIGNED-PAYLOAD", sent == sum:
		return sent, nil
	}
	return "", invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.")
}

// parseSignature reads the signature of a request: its Authorization
// header, or the X-Amz-* parameters of a presigned request.
func parseSignature(r *http.Request) (signature, *authError) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		sig, aerr := parseAuthorization(auth)
		if aerr != nil {
			return sig, aerr
		}
		sig.amzDate = r.Header.Get("X-Amz-Date")
		if sig.amzDate == "" {
			return sig, incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
		}
		sig.token = r.Header.Get("X-Amz-Security-Token")
		return sig, nil
	}
	q := r.URL.Query()
	if q.Get("X-Amz-Algorithm") == "" {
		return signature{}, &authError{code: codeMissingToken, status: http.StatusForbidden, message: msgMissingToken}
	}
	return parsePresigned(q)
}

// parseAuthorization reads "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...".
func parseAuthorization(auth string) (signature, *authError) {
	alg, rest, _ := strings.Cut(auth, " ")
	if alg != algorithm {
		return signature{}, incomplete("Unsupported AWS 'algorithm': '" + alg + "'. The only supported algorithm is " + algorithm + ".")
	}
	var sig signature
	var credential string
	var missing []string
	for part := range strings.SplitSeq(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return sig, incomplete("'" + strings.TrimSpace(part) + "' not a valid key=value pair (missing equal-sign) in Authorization header.")
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
	for _, p := range []struct{ name, v string }{{"Credential", credential}, {"Signature", sig.signature}, {"SignedHeaders", sig.signedHeaders}} {
		if p.v == "" {
			missing = append(missing, "Authorization header requires '"+p.name+"' parameter.")
		}
	}
	if len(missing) > 0 {
		return sig, incomplete(strings.Join(missing, " "))
	}
	return sig, parseCredential(&sig, credential)
}

// parseCredential reads "AKID/20261206/us-east-1/artifact/aws4_request".
func parseCredential(sig *signature, credential string) *authError {
	parts := strings.Split(credential, "/")
	if len(parts) != 5 {
		return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" + credential + "'")
	}
	if parts[4] != "aws4_request" {
		return incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not '" + parts[4] + "'.")
	}
	sig.accessKeyID, sig.date, sig.region, sig.service = parts[0], parts[1], parts[2], parts[3]
	return nil
}

// parsePresigned reads the X-Amz-* parameters of a presigned request.
func parsePresigned(q url.Values) (signature, *authError) {
	if alg := q.Get("X-Amz-Algorithm"); alg != algorithm {
		return signature{}, incomplete("Unsupported AWS 'algorithm': '" + alg + "'. The only supported algorithm is " + algorithm + ".")
	}
	sig := signature{presigned: true, signedHeaders: q.Get("X-Amz-SignedHeaders"), signature: q.Get("X-Amz-Signature"),
		amzDate: q.Get("X-Amz-Date"), token: q.Get("X-Amz-Security-Token")}
	var missing []string
	for _, p := range []string{"X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date", "X-Amz-Expires"} {
		if q.Get(p) == "" {
			missing = append(missing, "AWS query-string parameters must include '"+p+"'.")
		}
	}
	if len(missing) > 0 {
		return sig, incomplete(strings.Join(missing, " ") + " Re-examine the query-string parameters.")
	}
	secs, err := strconv.ParseInt(q.Get("X-Amz-Expires"), 10, 64)
	if err != nil || secs < 1 || time.Duration(secs)*time.Second > maxPresignExpiry {
		return sig, incomplete("X-Amz-Expires must be a whole number of seconds from 1 to 604800.")
	}
	sig.expires = time.Duration(secs) * time.Second
	return sig, parseCredential(&sig, q.Get("X-Amz-Credential"))
}

// hasHeader reports whether the SignedHeaders list holds h.
func hasHeader(list, h string) bool {
	for s := range strings.SplitSeq(list, ";") {
		if s == h {
			return true
		}
	}
	return false
}
