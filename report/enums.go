package report

import (
	"github.com/artifactkit/artifactkit/artifact/aws"
)

// PublishedState is AWS's PublishedState of a report version.
type PublishedState string

// The publication states, with AWS's values.
const (
	Published   PublishedState = "PUBLISHED"
	Unpublished PublishedState = "UNPUBLISHED"
)

// IsValid reports whether s is PUBLISHED or UNPUBLISHED.
func (s PublishedState) IsValid() bool { return s == Published || s == Unpublished }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (s PublishedState) MarshalText() ([]byte, error) { return aws.MarshalEnum(s, "state") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (s *PublishedState) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(s, b, "state") }

// UploadState is AWS's UploadState of a report version's document.
type UploadState string

// The upload states, with AWS's values.
const (
	UploadProcessing UploadState = "PROCESSING"
	UploadComplete   UploadState = "COMPLETE"
	UploadFailed     UploadState = "FAILED"
	UploadFault      UploadState = "FAULT"
)

// IsValid reports whether s is one of AWS's upload states.
func (s UploadState) IsValid() bool {
	switch s {
	case UploadProcessing, UploadComplete, UploadFailed, UploadFault:
		return true
	}
	return false
}

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (s UploadState) MarshalText() ([]byte, error) { return aws.MarshalEnum(s, "uploadState") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (s *UploadState) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(s, b, "uploadState") }

// AcceptanceType is AWS's AcceptanceType of a report version's terms (N2).
type AcceptanceType string

// The acceptance types, with AWS's values.
const (
	// Explicit terms need a click-through: the account accepts them by
	// presenting the term token, and the acceptance is recorded.
	Explicit AcceptanceType = "EXPLICIT"
	// Passthrough terms need no click-through (public reports, e.g. SOC 3).
	Passthrough AcceptanceType = "PASSTHROUGH"
)

// IsValid reports whether t is EXPLICIT or PASSTHROUGH.
func (t AcceptanceType) IsValid() bool { return t == Explicit || t == Passthrough }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (t AcceptanceType) MarshalText() ([]byte, error) { return aws.MarshalEnum(t, "acceptanceType") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (t *AcceptanceType) UnmarshalText(b []byte) error {
	return aws.UnmarshalEnum(t, b, "acceptanceType")
}

// Type says what an attestation report examines. AWS leaves it to the
// report's name and prose; the library models it. ISO certificates and PCI
// attestations, which cover a period, are TYPE2.
type Type string

// The report types.
const (
	// Type1 reports on the design of controls as of one date. A Type I
	// report never covers an audit window.
	Type1 Type = "TYPE1"
	// Type2 reports on the operation of controls over a period.
	Type2 Type = "TYPE2"
)

// IsValid reports whether t is TYPE1 or TYPE2.
func (t Type) IsValid() bool { return t == Type1 || t == Type2 }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (t Type) MarshalText() ([]byte, error) { return aws.MarshalEnum(t, "type") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (t *Type) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(t, b, "type") }

// TrustCategory is one of the AICPA Trust Services categories a SOC 2
// report examines (R7).
type TrustCategory string

// The Trust Services categories, in the AICPA's words.
const (
	Security            TrustCategory = "Security"
	Availability        TrustCategory = "Availability"
	ProcessingIntegrity TrustCategory = "Processing Integrity"
	Confidentiality     TrustCategory = "Confidentiality"
	Privacy             TrustCategory = "Privacy"
)

// IsValid reports whether c is one of the five categories.
func (c TrustCategory) IsValid() bool {
	switch c {
	case Security, Availability, ProcessingIntegrity, Confidentiality, Privacy:
		return true
	}
	return false
}

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (c TrustCategory) MarshalText() ([]byte, error) { return aws.MarshalEnum(c, "trustCategory") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (c *TrustCategory) UnmarshalText(b []byte) error {
	return aws.UnmarshalEnum(c, b, "trustCategory")
}

// rank orders the categories as the AICPA lists them.
func (c TrustCategory) rank() int {
	switch c {
	case Security:
		return 0
	case Availability:
		return 1
	case ProcessingIntegrity:
		return 2
	case Confidentiality:
		return 3
	case Privacy:
		return 4
	}
	return 5
}

// GapClass grades the part of an audit window after the period of the
// report that covers it (R4).
type GapClass string

// The gap classes, with the values of the conformance scenarios.
const (
	// GapNone: the report's period reaches the window's end.
	GapNone GapClass = "none"
	// GapLetter: a gap a SOC Continued Operations Letter answers (by
	// default up to 3 months after the period).
	GapLetter GapClass = "letter"
	// GapExtraProcedures: the auditor needs extra procedures (by default
	// up to 6 months).
	GapExtraProcedures GapClass = "extra_procedures"
	// GapWeak: the report is weak evidence for the window's end.
	GapWeak GapClass = "weak"
)

// IsValid reports whether g is one of the gap classes.
func (g GapClass) IsValid() bool {
	switch g {
	case GapNone, GapLetter, GapExtraProcedures, GapWeak:
		return true
	}
	return false
}

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (g GapClass) MarshalText() ([]byte, error) { return aws.MarshalEnum(g, "gapClass") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (g *GapClass) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(g, b, "gapClass") }

// AccessState is the state of an account's request for access to a report
// that needs AWS's approval (R2).
type AccessState string

// The access states.
const (
	// AccessNone: the account never asked.
	AccessNone AccessState = "NONE"
	// AccessPending: the account asked; nobody decided yet.
	AccessPending AccessState = "PENDING"
	// AccessApproved: the account may download.
	AccessApproved AccessState = "APPROVED"
	// AccessRejected: the request was refused; the account may ask again.
	AccessRejected AccessState = "REJECTED"
	// AccessRevoked: an approval was withdrawn; the account may ask again.
	AccessRevoked AccessState = "REVOKED"
)

// IsValid reports whether s is one of the access states.
func (s AccessState) IsValid() bool {
	switch s {
	case AccessNone, AccessPending, AccessApproved, AccessRejected, AccessRevoked:
		return true
	}
	return false
}

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (s AccessState) MarshalText() ([]byte, error) { return aws.MarshalEnum(s, "accessState") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (s *AccessState) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(s, b, "accessState") }
