package aws

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// Digest is the SHA-256 of a document: a report version's file (rule R6),
// an agreement's document or NDA. The zero Digest is no digest recorded.
type Digest [sha256.Size]byte

// DigestOf reads r to its end and returns the SHA-256 of what it read and
// how many bytes that was. (The digest of bytes in memory is
// sha256.Sum256, which converts to a Digest.)
func DigestOf(r io.Reader) (Digest, int64, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return Digest{}, n, fmt.Errorf("reading the document: %w", err)
	}
	var d Digest
	h.Sum(d[:0])
	return d, n, nil
}

// ParseDigest parses a digest written as 64 hexadecimal digits (either
// case). The error is a *ParseError.
func ParseDigest(s string) (Digest, error) {
	var d Digest
	if len(s) != 2*len(d) {
		return Digest{}, digestError(s)
	}
	if _, err := hex.Decode(d[:], []byte(s)); err != nil {
		return Digest{}, digestError(s)
	}
	return d, nil
}

func digestError(s string) *ParseError {
	return &ParseError{What: "sha-256 digest", Input: s, Reason: "want 64 hexadecimal digits"}
}

// IsZero reports whether d is the zero digest (no digest recorded).
func (d Digest) IsZero() bool { return d == Digest{} }

// String returns d as 64 lower-case hexadecimal digits.
func (d Digest) String() string {
	var buf [2 * sha256.Size]byte
	return string(hex.AppendEncode(buf[:0], d[:]))
}

// MarshalText implements encoding.TextMarshaler (lower-case hex).
func (d Digest) MarshalText() ([]byte, error) {
	return hex.AppendEncode(make([]byte, 0, 2*sha256.Size), d[:]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseDigest.
func (d *Digest) UnmarshalText(b []byte) error {
	v, err := ParseDigest(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
