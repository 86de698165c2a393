package aws

// AccountID is a 12-digit AWS account id, such as "111122223333". The zero
// value is no account. Obtain one from ParseAccountID, or convert a
// constant; the domain packages validate the ids they are given and refuse
// invalid ones.
type AccountID string

// ParseAccountID returns s as an AccountID, or a *ParseError when s is not
// exactly 12 decimal digits.
func ParseAccountID(s string) (AccountID, error) {
	if !AccountID(s).IsValid() {
		return "", accountError(s)
	}
	return AccountID(s), nil
}

func accountError(s string) *ParseError {
	return &ParseError{What: "account id", Input: s, Reason: "want 12 digits"}
}

// IsValid reports whether a is 12 decimal digits.
func (a AccountID) IsValid() bool { return len(a) == 12 && digits(string(a)) }

// String returns the account id as AWS writes it.
func (a AccountID) String() string { return string(a) }

// MarshalText implements encoding.TextMarshaler. The zero AccountID (no
// account, as in the record of a call no account made) is written as "";
// any other invalid id is refused.
func (a AccountID) MarshalText() ([]byte, error) {
	if a != "" && !a.IsValid() {
		return nil, accountError(string(a))
	}
	return []byte(a), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseAccountID,
// except that "" reads as the zero AccountID, as MarshalText writes it.
func (a *AccountID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*a = ""
		return nil
	}
	v, err := ParseAccountID(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// digits reports whether s is one or more ASCII decimal digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
