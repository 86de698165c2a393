package inquiry

import (
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
		return "", aws.InvalidField("complianceInquiryId", "%q is not compliance-inquiry- and 16 letters or digits", aws.Clip(s))
	}
	return ID(s), nil
}

// IsValid reports whether id has AWS's shape.
func (id ID) IsValid() bool { return aws.ValidID(idPrefix, string(id), idSuffixLen) }

// String returns the id.
func (id ID) String() string { return string(id) }

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
