package aws

import (
	"fmt"
	"io"
	"sync"
)

// ValidID reports whether s is prefix followed by n ASCII letters or
// digits: the shape of the ids and tokens of AWS Artifact's model
// (report-[a-zA-Z0-9]{16}, compliance-inquiry-[a-zA-Z0-9]{16},
// customer-agreement-[a-zA-Z0-9]{16}, ...).
func ValidID(prefix, s string, n int) bool {
	if len(s) != len(prefix)+n || s[:len(prefix)] != prefix {
		return false
	}
	for i := len(prefix); i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// idAlphabet holds the 62 letters and digits of an id.
const idAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// NewID returns prefix followed by n letters or digits drawn uniformly
// from the bytes of r (a byte of 248 or more, past the last whole multiple
// of 62, is dropped and another drawn): an id of the shape ValidID checks.
// It reads r in blocks of n+n/2 bytes. A reader shared between goroutines
// must be safe for concurrent use (see SerialReader). The error is r's,
// wrapped.
func NewID(r io.Reader, prefix string, n int) (string, error) {
	out := make([]byte, 0, len(prefix)+n)
	out = append(out, prefix...)
	buf := make([]byte, max(n+n/2, 1))
	for len(out) < len(prefix)+n {
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", fmt.Errorf("reading randomness: %w", err)
		}
		for _, b := range buf {
			if b < 248 && len(out) < len(prefix)+n {
				out = append(out, idAlphabet[b%62])
			}
		}
	}
	return string(out), nil
}

// SerialReader returns a reader of r safe for concurrent use: its reads
// of r are serialized, so that packages sharing one source of randomness
// (a seeded generator in a test) never read it at once. Given a reader
// SerialReader returned, it returns that reader, so that a source shared
// down a chain of packages is locked once per read.
func SerialReader(r io.Reader) io.Reader {
	if s, ok := r.(*serialReader); ok {
		return s
	}
	return &serialReader{r: r}
}

// serialReader serializes the reads of r.
type serialReader struct {
	mu sync.Mutex
	r  io.Reader
}

func (s *serialReader) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.Read(p)
}
