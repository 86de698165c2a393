package policy

import "errors"

// ErrInvalidPolicy is matched (with errors.Is) by every error that reports
// a policy document [Parse] refuses.
var ErrInvalidPolicy = errors.New("invalid policy")

// ErrInvalidSet is matched by the errors of [Compile] when a [Set] holds a
// missing policy or a policy of the wrong kind for its layer.
var ErrInvalidSet = errors.New("invalid policy set")

// A ParseError reports why a policy document is invalid and where.
type ParseError struct {
	// Path is the JSON path of the offending element, for example
	// "Statement[1].Condition.StringEquals"; empty for the document as a
	// whole.
	Path string
	// Reason says what is wrong, in lower case.
	Reason string
}

// Error implements error.
func (e *ParseError) Error() string {
	if e.Path == "" {
		return "invalid policy: " + e.Reason
	}
	return "invalid policy: " + e.Path + ": " + e.Reason
}

// Unwrap returns [ErrInvalidPolicy].
func (e *ParseError) Unwrap() error { return ErrInvalidPolicy }

// quote quotes s for an error message, shortening very long inputs.
func quote(s string) string {
	const max = 200
	if len(s) > max {
		s = s[:max] + "..."
	}
	return `"` + s + `"`
}
