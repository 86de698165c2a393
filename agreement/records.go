package agreement

import (
	"slices"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/org"
)

// CustomerAgreement is an acceptance of an agreement: by an account for
// itself (ScopeAccount), or by a management account for its organization
// (ScopeOrganization). It has AWS's CustomerAgreementSummary fields. Values
// are copies: changing one changes nothing stored.
type CustomerAgreement struct {
	// ID is the customer agreement's id, such as
	// "customer-agreement-abcdefghij123456".
	ID   CustomerAgreementID
	ARN  string // arn:<partition>:artifact::<account>:customer-agreement/<id>
	Name string // the agreement's name
	// Description is the agreement's description.
	Description string
	// Agreement is the agreement accepted.
	Agreement ID
	// AgreementARN is the ARN of the agreement accepted.
	AgreementARN string
	Revision     RevisionID // the revision accepted
	// Kind is the agreement's kind.
	Kind Kind
	// Type is the agreement's type.
	Type Type
	// Scope is ScopeAccount or ScopeOrganization.
	Scope Scope
	// Account is the accepting account: for an organization agreement,
	// the organization's management account.
	Account org.AccountID
	// Organization and OrganizationARN are set for ScopeOrganization.
	Organization org.ID
	// OrganizationARN is the ARN of Organization.
	OrganizationARN string
	// State is Active, or how it was terminated (CustomerTerminated,
	// AWSTerminated).
	State State
	// EffectiveStart is when it was accepted; EffectiveEnd when it was
	// terminated (zero while ACTIVE). It is in effect in
	// [EffectiveStart, EffectiveEnd).
	EffectiveStart time.Time
	// EffectiveEnd is when it was terminated; zero while Active.
	EffectiveEnd time.Time
	// AcceptanceTerms are the terms of the revision accepted.
	AcceptanceTerms []string
	// TerminateTerms are the revision's terms of termination.
	TerminateTerms []string
	// Seq is the record's sequence number (optimistic locking).
	Seq uint64
}

// CustomerAgreementARN returns the ARN of customer agreement id of account
// in partition (an [aws.CustomerAgreementARN]).
func CustomerAgreementARN(partition string, account org.AccountID, id CustomerAgreementID) string {
	return aws.CustomerAgreementARN{Partition: partition, Account: account, CustomerAgreementID: string(id)}.String()
}

// Key returns the key the customer agreement is filed under.
func (c CustomerAgreement) Key() Key {
	if c.Scope == ScopeOrganization {
		return OrganizationKey(c.Agreement, c.Organization)
	}
	return AccountKey(c.Agreement, c.Account)
}

// InEffect reports whether the customer agreement is in effect at t:
// accepted at or before t and not terminated by t.
func (c CustomerAgreement) InEffect(t time.Time) bool {
	return !t.Before(c.EffectiveStart) && (c.EffectiveEnd.IsZero() || t.Before(c.EffectiveEnd))
}

// SortKey is the order in which customer agreements are listed: by
// EffectiveStart, then ID. Later acceptances sort after earlier ones, so a
// listing that resumes after a key neither skips nor repeats an entry when
// others are accepted meanwhile.
func (c CustomerAgreement) SortKey() string {
	return c.EffectiveStart.UTC().Format("20060102T150405.000000000Z") + "/" + string(c.ID)
}

// Clone returns a copy of c that shares no memory with it.
func (c CustomerAgreement) Clone() CustomerAgreement {
	c.AcceptanceTerms = slices.Clone(c.AcceptanceTerms)
	c.TerminateTerms = slices.Clone(c.TerminateTerms)
	return c
}

// Key files the customer agreements that succeed one another for one
// agreement and one holder: an account (ScopeAccount) or an organization
// (ScopeOrganization). At most one of them is ACTIVE at a time.
type Key struct {
	// Agreement is the agreement the customer agreements accept.
	Agreement ID
	// Scope is ScopeAccount or ScopeOrganization; it says what Holder is.
	Scope  Scope
	Holder string // the account id or the organization id
}

// AccountKey returns the key of account's account agreements of agreement.
func AccountKey(agreement ID, account org.AccountID) Key {
	return Key{Agreement: agreement, Scope: ScopeAccount, Holder: string(account)}
}

// OrganizationKey returns the key of organization o's organization
// agreements of agreement.
func OrganizationKey(agreement ID, o org.ID) Key {
	return Key{Agreement: agreement, Scope: ScopeOrganization, Holder: string(o)}
}

// Designation is an account's designation as a HIPAA Account under its
// customer's offline BAA, made by AWS outside Artifact (H6). It is in
// effect in [Start, End).
type Designation struct {
	// Account is the account designated.
	Account org.AccountID
	// Start is when the designation took effect.
	Start time.Time
	End   time.Time // zero while designated
	Seq   uint64    // sequence number (optimistic locking)
}

// InEffect reports whether the designation is in effect at t.
func (d Designation) InEffect(t time.Time) bool {
	return !t.Before(d.Start) && (d.End.IsZero() || t.Before(d.End))
}

// NDAAcceptance records that an account accepted the NDA of one revision of
// an agreement.
type NDAAcceptance struct {
	// Account is the account that accepted.
	Account org.AccountID
	// Agreement is the agreement whose NDA was accepted.
	Agreement ID
	// Revision is the revision whose NDA was accepted.
	Revision RevisionID
	// Accepted is when the NDA was accepted.
	Accepted time.Time
}

// OutsideNDA is an NDA an account's owner signed with Amazon outside
// Artifact. It does not open Artifact, but where it covers an agreement's
// information it is the NDA that governs (N3).
type OutsideNDA struct {
	// Account is the account whose owner signed it.
	Account   org.AccountID
	Reference string    // the customer's reference for it, 1 to 256 bytes
	Signed    time.Time // when it was signed
	// Covers lists the agreements whose information it covers.
	Covers []ID
}

// Clone returns a copy of n that shares no memory with it.
func (n OutsideNDA) Clone() OutsideNDA {
	n.Covers = slices.Clone(n.Covers)
	return n
}

// TokenKind says which step of the token chain a token is for.
type TokenKind string

// The tokens of the chain (T1).
const (
	// TokenNDA: from GetNdaForAgreement, for AcceptNdaForAgreement.
	TokenNDA TokenKind = "NDA"
	// TokenGetAgreement: from AcceptNdaForAgreement, for GetAgreement.
	TokenGetAgreement TokenKind = "GET_AGREEMENT"
	// TokenAcceptanceTerms and TokenExecute: from GetAgreement, for
	// AcceptAgreement.
	TokenAcceptanceTerms TokenKind = "ACCEPTANCE_TERMS"
	TokenExecute         TokenKind = "EXECUTE"
	// TokenTerminate: from GetCustomerAgreement, for TerminateAgreement.
	TokenTerminate TokenKind = "TERMINATE"
)

// Token is an issued token: what it is for and until when.
type Token struct {
	// Value is the token as handed out: "nda-token-" (TokenNDA,
	// TokenGetAgreement) or "agreement-token-", and 24 letters or digits.
	Value string
	// Kind is the step of the chain the token is for.
	Kind TokenKind
	// Account is the account the token was issued to; no other may use it.
	Account org.AccountID
	// Agreement is the agreement the token is for.
	Agreement ID
	// Revision is the revision the token was issued for.
	Revision RevisionID
	// CustomerAgreement is set for TokenTerminate.
	CustomerAgreement CustomerAgreementID
	// Issued is when the token was issued.
	Issued time.Time
	// Expires is when the token expires: it is refused from then on.
	Expires time.Time
}

// Event is a transition, returned as a value for the host to persist or
// announce. Coverage events are derived when the transition happens, one per
// account whose coverage it changes, except that an organization agreement
// accepted or terminated has one organization-wide coverage event
// (OrganizationWide) that Registry.Expand expands into its members'; they
// are not stored.
type Event struct {
	// Kind says what happened.
	Kind EventKind
	// At is when it happened.
	At time.Time
	// Account is the account concerned; empty for an organization-wide
	// coverage event (OrganizationWide).
	Account org.AccountID
	// Agreement is the agreement concerned.
	Agreement ID
	// Basis: for EventAccepted and EventTerminated, the customer
	// agreement's scope; for EventCoverageGained, the basis that now
	// governs; for EventCoverageLost, the basis that governed.
	Basis Basis
	// CustomerAgreement is the customer agreement accepted, terminated,
	// now governing (gained) or that governed (lost); empty for an
	// offline designation.
	CustomerAgreement CustomerAgreementID
	// Organization is the organization of an organization agreement.
	Organization org.ID
	// State is the customer agreement's state after an accept or a
	// terminate.
	State State
}
