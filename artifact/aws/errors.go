package aws

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrInvalidInput is wrapped by every *ParseError: the input is not a
// valid value of its kind. The domain packages return it for their own
// malformed input too (org.ErrInvalidInput and agreement.ErrInvalidInput
// are this value), so one errors.Is matches them all.
var ErrInvalidInput = errors.New("invalid input")

// ParseError reports an input that is not a valid value of its kind. It
// wraps ErrInvalidInput.
type ParseError struct {
	// What names the kind of value being parsed, e.g. "account id",
	// "arn", "report arn", "region".
	What string
	// Input is the rejected input.
	Input string
	// Field names the part of an ARN that is wrong: "arn" (its shape),
	// "partition", "service", "region", "account", "resource", "id" or
	// "version"; empty when the input is wrong as a whole.
	Field string
	// Reason says what a valid value looks like, or what is wrong, in
	// lower case.
	Reason string
}

// Error says what was invalid and why, e.g.
//
//	invalid account id "1234": want 12 digits
//	invalid report arn "arn:aws:artifact:::report/x": region: report arns need a region
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("invalid ")
	b.WriteString(e.What)
	b.WriteByte(' ')
	b.WriteString(Quote(e.Input))
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns ErrInvalidInput.
func (e *ParseError) Unwrap() error { return ErrInvalidInput }

// maxQuoted is the most bytes of an input Quote and Clip show.
const maxQuoted = 64

// Quote quotes s for an error message as strconv.Quote does, shortening
// an input longer than 64 bytes (at a rune boundary) and marking the cut
// with "...", so that no message grows with its input.
func Quote(s string) string {
	if head, cut := shorten(s); cut {
		return strconv.Quote(head) + "..."
	}
	return strconv.Quote(s)
}

// Clip shortens s for an error message as Quote does, without quoting
// it: an input longer than 64 bytes is cut at a rune boundary and marked
// with "...".
func Clip(s string) string {
	if head, cut := shorten(s); cut {
		return head + "..."
	}
	return s
}

// shorten returns the first 64 bytes of s or fewer, cut at a rune
// boundary, and whether it cut.
func shorten(s string) (string, bool) {
	if len(s) <= maxQuoted {
		return s, false
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut], true
}
