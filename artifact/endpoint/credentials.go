package endpoint

import (
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/artifactkit/artifactkit/artifact"
)

// A Credential is an access key and the caller it stands for: a request
// signed with the key's secret is the Caller's.
type Credential struct {
	// AccessKeyID is the key's id, 16 to 128 letters, digits or
	// underscores (IAM's AccessKeyId), such as "AKIAIOSFODNN7EXAMPLE".
	AccessKeyID string
	// SecretAccessKey signs the requests; it never leaves the table.
	SecretAccessKey string
	// SessionToken, when set, makes the key temporary credentials: every
	// request must carry it in X-Amz-Security-Token.
	SessionToken string
	// Caller is who the requests are from: its account, principal,
	// policies and fixed condition keys. The endpoint adds each request's
	// own keys (WithRequestKeys).
	Caller *artifact.Caller
}

// String returns the access key id and the caller's principal, never the
// secret: "AKIAIOSFODNN7EXAMPLE (arn:aws:iam::111122223333:user/alice)",
// or "(no caller)" in place of the principal when Caller is nil.
func (c Credential) String() string {
	who := "no caller"
	if c.Caller != nil {
		who = c.Caller.String()
	}
	return c.AccessKeyID + " (" + who + ")"
}

// GoString is String, so that %#v does not print the secret either.
func (c Credential) GoString() string { return "endpoint.Credential{" + c.String() + "}" }

// ErrInvalidCredential is the cause of NewCredentials' refusals.
var ErrInvalidCredential = errors.New("invalid credential")

// Credentials is the table of access keys the endpoint accepts. It is
// immutable and safe for concurrent use. A nil *Credentials is an empty
// table. Each key keeps the signing key it
// derived last (one per day, region and service), as the AWS SDKs do.
type Credentials struct {
	byID map[string]*credential
}

// NewCredentials returns the table of list. It refuses a malformed access
// key id, an empty secret, a nil caller and an id listed twice
// (ErrInvalidCredential).
func NewCredentials(list ...Credential) (*Credentials, error) {
	t := &Credentials{byID: make(map[string]*credential, len(list))}
	for _, c := range list {
		switch {
		case !validAccessKeyID(c.AccessKeyID):
			return nil, fmt.Errorf("endpoint: %w: access key id %q is not 16 to 128 letters, digits or underscores", ErrInvalidCredential, c.AccessKeyID)
		case c.SecretAccessKey == "":
			return nil, fmt.Errorf("endpoint: %w: access key %s has no secret", ErrInvalidCredential, c.AccessKeyID)
		case c.Caller == nil:
			return nil, fmt.Errorf("endpoint: %w: access key %s has no caller", ErrInvalidCredential, c.AccessKeyID)
		}
		if _, dup := t.byID[c.AccessKeyID]; dup {
			return nil, fmt.Errorf("endpoint: %w: access key %s is listed twice", ErrInvalidCredential, c.AccessKeyID)
		}
		t.byID[c.AccessKeyID] = &credential{Credential: c}
	}
	return t, nil
}

// Lookup returns the credential of an access key id.
func (t *Credentials) Lookup(accessKeyID string) (Credential, bool) {
	if t == nil {
		return Credential{}, false
	}
	c, ok := t.byID[accessKeyID]
	if !ok {
		return Credential{}, false
	}
	return c.Credential, true
}

// lookup returns the table's entry of an access key id, nil when none.
func (t *Credentials) lookup(accessKeyID string) *credential {
	if t == nil {
		return nil
	}
	return t.byID[accessKeyID]
}

// Len returns the number of credentials in the table.
func (t *Credentials) Len() int {
	if t == nil {
		return 0
	}
	return len(t.byID)
}

func validAccessKeyID(id string) bool {
	if len(id) < 16 || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// NewCredential draws a long-term access key for caller from rand (use
// crypto/rand.Reader): an id of "AKIA" and 16 upper-case letters and
// digits, as IAM's look, and a 40-character secret. A nil rand or caller
// is a programming error: NewCredential panics.
func NewCredential(rand io.Reader, caller *artifact.Caller) (Credential, error) {
	switch {
	case rand == nil:
		panic("endpoint: NewCredential with a nil io.Reader")
	case caller == nil:
		panic("endpoint: NewCredential with a nil Caller")
	}
	var b [10 + 30]byte
	if _, err := io.ReadFull(rand, b[:]); err != nil {
		return Credential{}, fmt.Errorf("endpoint: drawing an access key: %w", err)
	}
	id := "AKIA" + base32.StdEncoding.EncodeToString(b[:10])[:16]
	secret := base64Secret(b[10:])
	return Credential{AccessKeyID: id, SecretAccessKey: secret, Caller: caller}, nil
}

// base64Secret spells 30 random bytes as a 40-character secret of the
// characters IAM's secrets use.
func base64Secret(b []byte) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var sb strings.Builder
	sb.Grow(40)
	for i := 0; i+3 <= len(b); i += 3 {
		n := uint(b[i])<<16 | uint(b[i+1])<<8 | uint(b[i+2])
		sb.WriteByte(alphabet[n>>18&63])
		sb.WriteByte(alphabet[n>>12&63])
		sb.WriteByte(alphabet[n>>6&63])
		sb.WriteByte(alphabet[n&63])
	}
	return sb.String()
}
