package agreement

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Limits of AWS's agreement fields, as the AWS Artifact API Reference
// gives them (https://docs.aws.amazon.com/artifact/latest/APIReference/API_AgreementSummary.html).
// Lengths count characters (Unicode code points), as AWS's length
// constraints do, not bytes.
const (
	// MaxTerms is the most acceptance or termination terms an agreement
	// revision has (AgreementTerms).
	MaxTerms = 10
	// MaxTermLen is the longest term or description, in characters
	// (LongStringAttribute: 1 to 2048, without < or >).
	MaxTermLen = 2048
	// MaxNameLen is the longest agreement name, in characters: AWS's
	// LongStringAttribute, like a term. The library adds no limit of its
	// own.
	MaxNameLen = 2048
)

// Agreement is one of AWS's agreement templates, such as the Business
// Associate Addendum, with every revision it has had. Values are copies:
// changing one changes nothing stored.
type Agreement struct {
	// ID is the agreement's id, such as "agreement-baa0000000000001".
	ID  ID
	ARN string // arn:<partition>:artifact:::agreement/<id>
	// Name is the agreement's name, 1 to MaxNameLen characters.
	Name string
	// Description is free text, at most MaxTermLen characters.
	Description string
	// Kind says what the agreement is for, such as KindBAA.
	Kind Kind
	// Type is AWS's agreement type, such as TypeDefault.
	Type Type
	// Subjects are the scopes the agreement is offered at.
	Subjects []Scope
	// Revisions, oldest first; the last is the current one. A new
	// revision does not end acceptances of earlier ones.
	Revisions []Revision
	// Created is when the agreement was defined.
	Created time.Time
	// Seq is the record's sequence number (optimistic locking).
	Seq uint64
}

// Revision is one published version of an agreement.
type Revision struct {
	// ID is the revision's id, a lower-case UUID.
	ID RevisionID
	// Published is when the revision was published.
	Published time.Time
	// DocumentSHA256 and NDASHA256 are the SHA-256 digests of the
	// agreement's document and of its NDA.
	DocumentSHA256 aws.Digest
	// NDASHA256 is the SHA-256 digest of the revision's NDA.
	NDASHA256       aws.Digest
	AcceptanceTerms []string // at most MaxTerms
	TerminateTerms  []string // at most MaxTerms
}

// Current returns the agreement's current (latest) revision, or the zero
// Revision for an agreement without one.
func (a Agreement) Current() Revision {
	if len(a.Revisions) == 0 {
		return Revision{}
	}
	return a.Revisions[len(a.Revisions)-1]
}

// Revision returns the agreement's revision with that id.
func (a Agreement) Revision(id RevisionID) (Revision, bool) {
	for _, r := range a.Revisions {
		if r.ID == id {
			return r, true
		}
	}
	return Revision{}, false
}

// Offers reports whether the agreement is offered at scope s.
func (a Agreement) Offers(s Scope) bool { return slices.Contains(a.Subjects, s) }

// Clone returns a copy of a that shares no memory with it.
func (a Agreement) Clone() Agreement {
	a.Subjects = slices.Clone(a.Subjects)
	a.Revisions = slices.Clone(a.Revisions)
	for i := range a.Revisions {
		a.Revisions[i] = a.Revisions[i].Clone()
	}
	return a
}

// Clone returns a copy of r that shares no memory with it.
func (r Revision) Clone() Revision {
	r.AcceptanceTerms = slices.Clone(r.AcceptanceTerms)
	r.TerminateTerms = slices.Clone(r.TerminateTerms)
	return r
}

// Spec describes an agreement to add to the catalog with [Registry.Define].
type Spec struct {
	// ID is the agreement's id; a random one is drawn when it is empty.
	ID          ID
	Name        string // 1 to MaxNameLen characters, without < or >
	Description string // at most MaxTermLen characters, without < or >
	// Kind says what the agreement is for, such as KindBAA.
	Kind Kind
	// Type is AWS's agreement type, such as TypeDefault.
	Type     Type
	Subjects []Scope // at least one, no repeats
	// Revision is the agreement's first revision.
	Revision RevisionSpec
}

// RevisionSpec describes a revision of an agreement, for [Registry.Define]
// and [Registry.PublishRevision].
type RevisionSpec struct {
	// ID is the revision's id; a random UUID is drawn when it is empty.
	ID RevisionID
	// Document and NDA are the revision's agreement document and NDA;
	// their SHA-256 digests are recorded.
	Document []byte
	// NDA is the revision's NDA.
	NDA []byte
	// AcceptanceTerms and TerminateTerms: at most MaxTerms each, each 1
	// to MaxTermLen characters without < or >.
	AcceptanceTerms []string
	// TerminateTerms has the same limits as AcceptanceTerms.
	TerminateTerms []string
}

func (s Spec) validate() error {
	if s.ID != "" && !s.ID.IsValid() {
		_, err := ParseID(string(s.ID))
		return err
	}
	if err := validText("agreement name", s.Name, 1, MaxNameLen); err != nil {
		return err
	}
	if err := validText("agreement description", s.Description, 0, MaxTermLen); err != nil {
		return err
	}
	if !s.Kind.IsValid() {
		return enumError("agreement kind", string(s.Kind), kinds)
	}
	if !s.Type.IsValid() {
		return enumError("agreement type", string(s.Type), types)
	}
	if len(s.Subjects) == 0 {
		return &ParseError{What: "agreement subjects", Input: "", Reason: "want at least one of ACCOUNT, ORGANIZATION"}
	}
	for i, sc := range s.Subjects {
		if !sc.IsValid() {
			return enumError("scope", string(sc), scopes)
		}
		if slices.Contains(s.Subjects[:i], sc) {
			return &ParseError{What: "agreement subjects", Input: string(sc), Reason: "listed twice"}
		}
	}
	return s.Revision.validate()
}

func (s RevisionSpec) validate() error {
	if s.ID != "" && !s.ID.IsValid() {
		_, err := ParseRevisionID(string(s.ID))
		return err
	}
	for _, terms := range []struct {
		what string
		list []string
	}{{"acceptance terms", s.AcceptanceTerms}, {"terminate terms", s.TerminateTerms}} {
		if len(terms.list) > MaxTerms {
			return &ParseError{What: terms.what, Input: fmt.Sprintf("%d terms", len(terms.list)), Reason: fmt.Sprintf("want at most %d", MaxTerms)}
		}
		for _, t := range terms.list {
			if err := validText(terms.what, t, 1, MaxTermLen); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s RevisionSpec) revision(id RevisionID, at time.Time) Revision {
	return Revision{
		ID:              id,
		Published:       at,
		DocumentSHA256:  sha256.Sum256(s.Document),
		NDASHA256:       sha256.Sum256(s.NDA),
		AcceptanceTerms: slices.Clone(s.AcceptanceTerms),
		TerminateTerms:  slices.Clone(s.TerminateTerms),
	}
}

// validText checks a text field of minLen to maxLen characters without <
// or >, the shape of AWS's LongStringAttribute.
func validText(what, s string, minLen, maxLen int) error {
	switch n := utf8.RuneCountInString(s); {
	case n < minLen:
		return &ParseError{What: what, Input: s, Reason: "must not be empty"}
	case n > maxLen:
		return &ParseError{What: what, Input: s, Reason: fmt.Sprintf("longer than %d characters", maxLen)}
	case !utf8.ValidString(s):
		return &ParseError{What: what, Input: s, Reason: "is not valid UTF-8"}
	case strings.ContainsAny(s, "<>"):
		return &ParseError{What: what, Input: s, Reason: "must not contain < or >"}
	}
	return nil
}
