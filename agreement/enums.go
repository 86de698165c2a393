package agreement

import "slices"

// Type is AWS's AgreementType. The zero value is not valid.
type Type string

// The agreement types of AWS Artifact.
const (
	TypeCustom   Type = "CUSTOM"
	TypeDefault  Type = "DEFAULT"
	TypeModified Type = "MODIFIED"
)

var types = []string{"CUSTOM", "DEFAULT", "MODIFIED"}

// IsValid reports whether t is CUSTOM, DEFAULT or MODIFIED.
func (t Type) IsValid() bool { return slices.Contains(types, string(t)) }

// String returns t's AWS name.
func (t Type) String() string { return string(t) }

// MarshalText implements [encoding.TextMarshaler]; it refuses unknown values.
func (t Type) MarshalText() ([]byte, error) { return marshalEnum("agreement type", string(t), types) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it refuses unknown
// values.
func (t *Type) UnmarshalText(b []byte) error {
	return unmarshalEnum("agreement type", b, types, (*string)(t))
}

// Kind says what an agreement is for. AWS does not name this; the library
// needs it to know which agreements make a HIPAA Account. The zero value is
// not valid.
type Kind string

// The kinds of agreement.
const (
	// KindBAA: the Business Associate Addendum; accepting it designates
	// HIPAA Accounts (H1, H2).
	KindBAA Kind = "BAA"
	// KindAddendum: another standard addendum, such as the Australian
	// (ANDB) or New Zealand (NZNDB) Notifiable Data Breach Addendum.
	KindAddendum Kind = "ADDENDUM"
	// KindCustom: a custom agreement.
	KindCustom Kind = "CUSTOM"
)

var kinds = []string{"BAA", "ADDENDUM", "CUSTOM"}

// IsValid reports whether k is BAA, ADDENDUM or CUSTOM.
func (k Kind) IsValid() bool { return slices.Contains(kinds, string(k)) }

// String returns k's name.
func (k Kind) String() string { return string(k) }

// MarshalText implements [encoding.TextMarshaler]; it refuses unknown values.
func (k Kind) MarshalText() ([]byte, error) { return marshalEnum("agreement kind", string(k), kinds) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it refuses unknown
// values.
func (k *Kind) UnmarshalText(b []byte) error {
	return unmarshalEnum("agreement kind", b, kinds, (*string)(k))
}

// Scope is who a customer agreement is accepted for, with the values of
// AWS's agreement subjects. The zero value is not valid.
type Scope string

// The scopes (AWS's subjects).
const (
	// ScopeAccount: an account agreement, for the accepting account only.
	ScopeAccount Scope = "ACCOUNT"
	// ScopeOrganization: an organization agreement, for every account of
	// the management account's organization (A1).
	ScopeOrganization Scope = "ORGANIZATION"
)

var scopes = []string{"ACCOUNT", "ORGANIZATION"}

// IsValid reports whether s is ACCOUNT or ORGANIZATION.
func (s Scope) IsValid() bool { return slices.Contains(scopes, string(s)) }

// String returns s's AWS name.
func (s Scope) String() string { return string(s) }

// MarshalText implements [encoding.TextMarshaler]; it refuses unknown values.
func (s Scope) MarshalText() ([]byte, error) { return marshalEnum("scope", string(s), scopes) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it refuses unknown
// values.
func (s *Scope) UnmarshalText(b []byte) error { return unmarshalEnum("scope", b, scopes, (*string)(s)) }

// State is AWS's CustomerAgreementState. The zero value is not valid.
type State string

// The states of a customer agreement.
const (
	Active             State = "ACTIVE"
	CustomerTerminated State = "CUSTOMER_TERMINATED"
	AWSTerminated      State = "AWS_TERMINATED"
)

var states = []string{"ACTIVE", "CUSTOMER_TERMINATED", "AWS_TERMINATED"}

// IsValid reports whether s is ACTIVE, CUSTOMER_TERMINATED or
// AWS_TERMINATED.
func (s State) IsValid() bool { return slices.Contains(states, string(s)) }

// String returns s's AWS name.
func (s State) String() string { return string(s) }

// MarshalText implements [encoding.TextMarshaler]; it refuses unknown values.
func (s State) MarshalText() ([]byte, error) {
	return marshalEnum("customer agreement state", string(s), states)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it refuses unknown
// values.
func (s *State) UnmarshalText(b []byte) error {
	return unmarshalEnum("customer agreement state", b, states, (*string)(s))
}

// Basis is what governs an account for an agreement at an instant. The zero
// value is not valid; "nothing" is BasisNone.
type Basis string

// The bases of coverage.
const (
	// BasisAccount: the account's own account agreement.
	BasisAccount Basis = "ACCOUNT"
	// BasisOrganization: its organization's organization agreement, which
	// applies instead of an account agreement (A8).
	BasisOrganization Basis = "ORGANIZATION"
	// BasisOffline: a designation under an offline BAA (BAA only, H6).
	BasisOffline Basis = "OFFLINE"
	// BasisNone: nothing covers the account.
	BasisNone Basis = "NONE"
)

var bases = []string{"ACCOUNT", "ORGANIZATION", "OFFLINE", "NONE"}

// IsValid reports whether b is ACCOUNT, ORGANIZATION, OFFLINE or NONE.
func (b Basis) IsValid() bool { return slices.Contains(bases, string(b)) }

// Covered reports whether b is a basis of coverage (not NONE).
func (b Basis) Covered() bool { return b.IsValid() && b != BasisNone }

// String returns b's name.
func (b Basis) String() string { return string(b) }

// MarshalText implements [encoding.TextMarshaler]; it refuses unknown values.
func (b Basis) MarshalText() ([]byte, error) { return marshalEnum("basis", string(b), bases) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it refuses unknown
// values.
func (b *Basis) UnmarshalText(t []byte) error { return unmarshalEnum("basis", t, bases, (*string)(b)) }

// EventKind says what an [Event] reports. The zero value is not valid.
type EventKind string

// The kinds of event.
const (
	// EventAccepted: a customer agreement was accepted.
	EventAccepted EventKind = "AGREEMENT_ACCEPTED"
	// EventTerminated: a customer agreement was terminated, by its
	// customer or by AWS.
	EventTerminated EventKind = "AGREEMENT_TERMINATED"
	// EventCoverageGained: an account went from no coverage to some for
	// an agreement.
	EventCoverageGained EventKind = "COVERAGE_GAINED"
	// EventCoverageLost: an account went from some coverage to none for
	// an agreement.
	EventCoverageLost EventKind = "COVERAGE_LOST"
)

var eventKinds = []string{"AGREEMENT_ACCEPTED", "AGREEMENT_TERMINATED", "COVERAGE_GAINED", "COVERAGE_LOST"}

// IsValid reports whether k is one of the kinds above.
func (k EventKind) IsValid() bool { return slices.Contains(eventKinds, string(k)) }

// String returns k's name.
func (k EventKind) String() string { return string(k) }

// MarshalText implements [encoding.TextMarshaler]; it refuses unknown values.
func (k EventKind) MarshalText() ([]byte, error) {
	return marshalEnum("event kind", string(k), eventKinds)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it refuses unknown
// values.
func (k *EventKind) UnmarshalText(b []byte) error {
	return unmarshalEnum("event kind", b, eventKinds, (*string)(k))
}

func marshalEnum(what, v string, valid []string) ([]byte, error) {
	if !slices.Contains(valid, v) {
		return nil, enumError(what, v, valid)
	}
	return []byte(v), nil
}

func unmarshalEnum(what string, b []byte, valid []string, dst *string) error {
	v := string(b)
	if !slices.Contains(valid, v) {
		return enumError(what, v, valid)
	}
	*dst = v
	return nil
}

func enumError(what, v string, valid []string) error {
	reason := "want one of"
	for i, s := range valid {
		if i > 0 {
			reason += ","
		}
		reason += " " + s
	}
	return &ParseError{What: what, Input: v, Reason: reason}
}
