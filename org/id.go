package org

import "github.com/artifactkit/artifactkit/artifact/aws"

// AccountID is a 12-digit AWS account id: [aws.AccountID], which every
// package shares.
type AccountID = aws.AccountID

// ParseAccountID is [aws.ParseAccountID]: it returns s as an AccountID, or
// a *[ParseError] wrapping [ErrInvalidInput] when s is not exactly 12
// decimal digits.
func ParseAccountID(s string) (AccountID, error) { return aws.ParseAccountID(s) }

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

// ParseError reports an input that is not a valid value of its kind:
// [aws.ParseError], which every package shares. It wraps [ErrInvalidInput].
type ParseError = aws.ParseError
