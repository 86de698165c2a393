package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// Digest is the SHA-256 of a report version's document (R6).
type Digest [sha256.Size]byte

// DigestOf reads r to its end and returns the SHA-256 of what it read and
// how many bytes that was.
func DigestOf(r io.Reader) (Digest, int64, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return Digest{}, n, fmt.Errorf("report: reading document: %w", err)
	}
	var d Digest
	h.Sum(d[:0])
	return d, n, nil
}

// ParseDigest parses a digest written as 64 hexadecimal digits (either case).
func ParseDigest(s string) (Digest, error) {
	var d Digest
	if len(s) != 2*len(d) {
		return Digest{}, invalid("sha256", "%q is not 64 hexadecimal digits", clip(s))
	}
	if _, err := hex.Decode(d[:], []byte(s)); err != nil {
		return Digest{}, invalid("sha256", "%q is not 64 hexadecimal digits", clip(s))
	}
	return d, nil
}

// IsZero reports whether d is the zero digest (no digest recorded).
func (d Digest) IsZero() bool { return d == Digest{} }

// String returns d as 64 lower-case hexadecimal digits.
func (d Digest) String() string {
	var buf [2 * sha256.Size]byte
	return string(hex.AppendEncode(buf[:0], d[:]))
}

// MarshalText implements encoding.TextMarshaler (lower-case hex).
func (d Digest) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Digest) UnmarshalText(b []byte) error {
	v, err := ParseDigest(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Document describes the file of a report version: what a download hands
// out, and what proves it unchanged.
type Document struct {
	// SHA256 is the digest of the file. A version whose upload is COMPLETE
	// must have one.
	SHA256 Digest
	// Size is the length of the file in bytes; 0 when not recorded.
	Size int64
}

// Verify reads the document from r and reports whether it is the one
// recorded: its SHA-256 (and size, when recorded) must match. A mismatch is
// an *IntegrityError (R6).
func (doc Document) Verify(r io.Reader) error {
	if doc.SHA256.IsZero() {
		return invalid("sha256", "no digest is recorded for this document")
	}
	got, n, err := DigestOf(r)
	if err != nil {
		return err
	}
	if got != doc.SHA256 || (doc.Size > 0 && n != doc.Size) {
		return &IntegrityError{Want: doc.SHA256, Got: got}
	}
	return nil
}
