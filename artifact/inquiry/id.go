package inquiry

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// ID is a compliance inquiry id: "compliance-inquiry-" and 16 letters or
// digits (AWS's InquiryId), such as "compliance-inquiry-abcdef0123456789".
type ID string

// idPrefix starts every inquiry id.
const idPrefix = "compliance-inquiry-"

// idSuffixLen is the number of letters and digits after the prefix.
const idSuffixLen = 16

// ParseID returns s as an ID, or a *ValidationError for field
// complianceInquiryId when s does not have AWS's shape.
func ParseID(s string) (ID, error) {
	if !ID(s).IsValid() {
		return "", aws.InvalidField("complianceInquiryId", "%q is not compliance-inquiry- and 16 letters or digits", clip(s))
	}
	return ID(s), nil
}

// IsValid reports whether id has AWS's shape.
func (id ID) IsValid() bool {
	s := string(id)
	if len(s) != len(idPrefix)+idSuffixLen || s[:len(idPrefix)] != idPrefix {
		return false
	}
	for i := len(idPrefix); i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

// String returns the id.
func (id ID) String() string { return string(id) }

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

const alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomAlnum reads n uniformly chosen letters and digits from r.
func randomAlnum(r io.Reader, n int) (string, error) {
	out := make([]byte, 0, n)
	var buf [32]byte
	for len(out) < n {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return "", fmt.Errorf("inquiry: reading randomness: %w", err)
		}
		for _, b := range buf {
			// 62*4 = 248: reject the top bytes so that every symbol is
			// equally likely.
			if b < 248 && len(out) < n {
				out = append(out, alphanumerics[b%62])
			}
		}
	}
	return string(out), nil
}

// clip shortens s for an error message, on a rune boundary, and quotes
// nothing: callers quote.
func clip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
