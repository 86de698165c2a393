package org

import (
	"fmt"
	"unicode/utf8"
)

// AccountID is a 12-digit AWS account id, such as "111122223333". The zero
// value is no account. Obtain one from [ParseAccountID]; methods of this
// package validate the ids they are given and refuse invalid ones.
type AccountID string

// ParseAccountID returns s as an AccountID, or a *[ParseError] wrapping
// [ErrInvalidInput] when s is not exactly 12 decimal digits.
func ParseAccountID(s string) (AccountID, error) {
	if !AccountID(s).IsValid() {
		return "", &ParseError{What: "account id", Input: s, Reason: "want 12 digits"}
	}
	return AccountID(s), nil
}

// IsValid reports whether a is 12 decimal digits.
func (a AccountID) IsValid() bool {
	if len(a) != 12 {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] < '0' || a[i] > '9' {
			return false
		}
	}
	return true
}

// String returns the account id as AWS writes it.
func (a AccountID) String() string { return string(a) }

// MarshalText implements [encoding.TextMarshaler]; it refuses an invalid id.
func (a AccountID) MarshalText() ([]byte, error) {
	if !a.IsValid() {
		return nil, &ParseError{What: "account id", Input: string(a), Reason: "want 12 digits"}
	}
	return []byte(a), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseAccountID].
func (a *AccountID) UnmarshalText(b []byte) error {
	v, err := ParseAccountID(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// ID is an AWS Organizations organization id: "o-" followed by 10 to 32
// lower-case letters or digits, such as "o-exampleorg". The zero value is no
// organization.
type ID string

// ParseID returns s as an organization ID, or a *[ParseError] wrapping
// [ErrInvalidInput] when s does not match o-[a-z0-9]{10,32}.
func ParseID(s string) (ID, error) {
	if !ID(s).IsValid() {
		return "", &ParseError{What: "organization id", Input: s, Reason: "want o- and 10 to 32 lower-case letters or digits"}
	}
	return ID(s), nil
}

// IsValid reports whether id matches o-[a-z0-9]{10,32}.
func (id ID) IsValid() bool {
	if len(id) < 12 || len(id) > 34 || id[0] != 'o' || id[1] != '-' {
		return false
	}
	for i := 2; i < len(id); i++ {
		c := id[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// String returns the id as AWS writes it.
func (id ID) String() string { return string(id) }

// MarshalText implements [encoding.TextMarshaler]; it refuses an invalid id.
func (id ID) MarshalText() ([]byte, error) {
	if !id.IsValid() {
		return nil, &ParseError{What: "organization id", Input: string(id), Reason: "want o- and 10 to 32 lower-case letters or digits"}
	}
	return []byte(id), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseID].
func (id *ID) UnmarshalText(b []byte) error {
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// ParseError reports an input that is not a valid value of its kind. It
// wraps [ErrInvalidInput].
type ParseError struct {
	What   string // what was being parsed, e.g. "account id"
	Input  string // the rejected input
	Reason string // what a valid value looks like
}

// Error says what was invalid and why.
func (e *ParseError) Error() string {
	return fmt.Sprintf("org: invalid %s %s: %s", e.What, quote(e.Input), e.Reason)
}

// Unwrap returns [ErrInvalidInput].
func (e *ParseError) Unwrap() error { return ErrInvalidInput }

// quote quotes s for an error message, shortening long inputs.
func quote(s string) string {
	const max = 64
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%q...", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}
