package report

import (
	"fmt"
	"io"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Digest is the SHA-256 of a report version's document (R6):
// [aws.Digest], which every package shares.
type Digest = aws.Digest

// DigestOf reads r to its end and returns the SHA-256 of what it read and
// how many bytes that was.
func DigestOf(r io.Reader) (Digest, int64, error) {
	d, n, err := aws.DigestOf(r)
	if err != nil {
		return d, n, fmt.Errorf("report: %w", err)
	}
	return d, n, nil
}

// ParseDigest parses a digest written as 64 hexadecimal digits (either
// case). The error is a *ValidationError for field sha256.
func ParseDigest(s string) (Digest, error) {
	d, err := aws.ParseDigest(s)
	if err != nil {
		return Digest{}, aws.InvalidField("sha256", "%q is not 64 hexadecimal digits", aws.Clip(s))
	}
	return d, nil
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
		return aws.InvalidField("sha256", "no digest is recorded for this document")
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
