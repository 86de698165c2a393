package agreement

import "github.com/artifactkit/artifactkit/artifact/aws"

// ID identifies an agreement (AWS's template): "agreement-" and 16 letters
// or digits, such as "agreement-baa0000000000001".
type ID string

// ParseID returns s as an agreement ID, or a *[ParseError] wrapping
// [ErrInvalidInput] when s does not match agreement-[a-zA-Z0-9]{16}.
func ParseID(s string) (ID, error) {
	if !ID(s).IsValid() {
		return "", &ParseError{What: "agreement id", Input: s, Reason: "want agreement- and 16 letters or digits"}
	}
	return ID(s), nil
}

// IsValid reports whether id matches agreement-[a-zA-Z0-9]{16}.
func (id ID) IsValid() bool { return aws.ValidID("agreement-", string(id), 16) }

// String returns the id.
func (id ID) String() string { return string(id) }

// ARN returns the agreement's ARN in partition:
// arn:<partition>:artifact:::agreement/<id> (an [aws.AgreementARN]).
func (id ID) ARN(partition string) string {
	return aws.AgreementARN{Partition: partition, AgreementID: string(id)}.String()
}

// MarshalText implements [encoding.TextMarshaler]; it refuses an invalid id.
func (id ID) MarshalText() ([]byte, error) {
	if !id.IsValid() {
		_, err := ParseID(string(id))
		return nil, err
	}
	return []byte(id), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseID].
func (id *ID) UnmarshalText(b []byte) error {
	v, err := ParseID(string(b))
	if err == nil {
		*id = v
	}
	return err
}

// CustomerAgreementID identifies a customer agreement (an acceptance):
// "customer-agreement-" and 16 letters or digits.
type CustomerAgreementID string

// ParseCustomerAgreementID returns s as a CustomerAgreementID, or a
// *[ParseError] wrapping [ErrInvalidInput] when s does not match
// customer-agreement-[a-zA-Z0-9]{16}.
func ParseCustomerAgreementID(s string) (CustomerAgreementID, error) {
	if !CustomerAgreementID(s).IsValid() {
		return "", &ParseError{What: "customer agreement id", Input: s, Reason: "want customer-agreement- and 16 letters or digits"}
	}
	return CustomerAgreementID(s), nil
}

// IsValid reports whether id matches customer-agreement-[a-zA-Z0-9]{16}.
func (id CustomerAgreementID) IsValid() bool {
	return aws.ValidID("customer-agreement-", string(id), 16)
}

// String returns the id.
func (id CustomerAgreementID) String() string { return string(id) }

// MarshalText implements [encoding.TextMarshaler]; it refuses an invalid id.
func (id CustomerAgreementID) MarshalText() ([]byte, error) {
	if !id.IsValid() {
		_, err := ParseCustomerAgreementID(string(id))
		return nil, err
	}
	return []byte(id), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with
// [ParseCustomerAgreementID].
func (id *CustomerAgreementID) UnmarshalText(b []byte) error {
	v, err := ParseCustomerAgreementID(string(b))
	if err == nil {
		*id = v
	}
	return err
}

// RevisionID identifies a revision of an agreement: a lower-case UUID such
// as "6f1c9a2e-4b7d-4c1e-9a3f-2d5e8b0c7a41".
type RevisionID string

// ParseRevisionID returns s as a RevisionID, or a *[ParseError] wrapping
// [ErrInvalidInput] when s is not a lower-case UUID
// ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}).
func ParseRevisionID(s string) (RevisionID, error) {
	if !RevisionID(s).IsValid() {
		return "", &ParseError{What: "revision id", Input: s, Reason: "want a lower-case UUID"}
	}
	return RevisionID(s), nil
}

// IsValid reports whether id is a lower-case UUID.
func (id RevisionID) IsValid() bool {
	if len(id) != 36 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
				return false
			}
		}
	}
	return true
}

// String returns the id.
func (id RevisionID) String() string { return string(id) }

// MarshalText implements [encoding.TextMarshaler]; it refuses an invalid id.
func (id RevisionID) MarshalText() ([]byte, error) {
	if !id.IsValid() {
		_, err := ParseRevisionID(string(id))
		return nil, err
	}
	return []byte(id), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseRevisionID].
func (id *RevisionID) UnmarshalText(b []byte) error {
	v, err := ParseRevisionID(string(b))
	if err == nil {
		*id = v
	}
	return err
}

// Token prefixes, as AWS writes its tokens (the responses of
// https://docs.aws.amazon.com/artifact/latest/APIReference/API_GetNdaForAgreement.html
// and the agreement operations beside it): NDA and
// get-agreement tokens are nda-token-[a-zA-Z0-9]{24}; acceptance-terms,
// execute and terminate tokens are agreement-token-[a-zA-Z0-9]{24}.
const (
	ndaTokenPrefix       = "nda-token-"
	agreementTokenPrefix = "agreement-token-"
	tokenLen             = 24
)

// ValidTokenFormat reports whether s has the form of an AWS Artifact
// agreement token: nda-token- or agreement-token- and 24 letters or digits.
func ValidTokenFormat(s string) bool {
	return aws.ValidID(ndaTokenPrefix, s, tokenLen) || aws.ValidID(agreementTokenPrefix, s, tokenLen)
}

// ParseError reports an input that is not a valid value of its kind:
// [aws.ParseError], which every package shares. It wraps [ErrInvalidInput].
type ParseError = aws.ParseError
