package org

import (
	"fmt"
	"slices"
	"time"
)

// FeatureSet is the feature set of an organization, with AWS Organizations'
// values. The zero value is not valid.
type FeatureSet string

// The feature sets of AWS Organizations.
const (
	// AllFeatures: every feature, including trusted access for services.
	AllFeatures FeatureSet = "ALL"
	// ConsolidatedBilling: consolidated billing only.
	ConsolidatedBilling FeatureSet = "CONSOLIDATED_BILLING"
)

// IsValid reports whether f is ALL or CONSOLIDATED_BILLING.
func (f FeatureSet) IsValid() bool { return f == AllFeatures || f == ConsolidatedBilling }

// String returns f's AWS name.
func (f FeatureSet) String() string { return string(f) }

// MarshalText implements [encoding.TextMarshaler]; it refuses unknown values.
func (f FeatureSet) MarshalText() ([]byte, error) {
	if !f.IsValid() {
		return nil, &ParseError{What: "feature set", Input: string(f), Reason: "want ALL or CONSOLIDATED_BILLING"}
	}
	return []byte(f), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it refuses unknown
// values.
func (f *FeatureSet) UnmarshalText(b []byte) error {
	v := FeatureSet(b)
	if !v.IsValid() {
		return &ParseError{What: "feature set", Input: string(b), Reason: "want ALL or CONSOLIDATED_BILLING"}
	}
	*f = v
	return nil
}

// Names AWS uses for Artifact inside an organization (RULES.md A5;
// https://docs.aws.amazon.com/artifact/latest/ug/using-service-linked-roles.html,
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSArtifactAgreementsFullAccess.html).
const (
	// ArtifactServicePrincipal is the service principal for which trusted
	// access (organizations:EnableAWSServiceAccess) is enabled so that
	// Artifact can see the organization's accounts.
	ArtifactServicePrincipal = "aws-artifact-account-sync.amazonaws.com"

	// ArtifactServiceLinkedRole is the role Artifact uses in the
	// management account to list the organization's accounts; it trusts
	// artifact.amazonaws.com.
	ArtifactServiceLinkedRole = "AWSServiceRoleForArtifact"
)

// Organization is an organization of AWS Organizations as Artifact needs
// it. Values are copies: changing one changes nothing stored.
type Organization struct {
	// ID is the organization's id, such as "o-exampleorg".
	ID                ID
	ARN               string    // arn:<partition>:organizations::<management>:organization/<id>
	ManagementAccount AccountID // the account that created it; it never leaves
	// FeatureSet is AllFeatures or ConsolidatedBilling.
	FeatureSet FeatureSet
	// TrustedAccess lists the service principals with trusted access
	// enabled, sorted.
	TrustedAccess []string
	// ServiceLinkedRole reports whether Artifact's service-linked role
	// (AWSServiceRoleForArtifact) exists in the management account.
	ServiceLinkedRole bool
	// Created is when the organization was created, in UTC: the At of its
	// management account's Founded change.
	Created time.Time
	// Seq is the record's sequence number, 1 when created and one more at
	// each update (optimistic locking).
	Seq uint64
}

// OrganizationARN returns the ARN of organization id managed by management
// in partition (for example "aws").
func OrganizationARN(partition string, management AccountID, id ID) string {
	return fmt.Sprintf("arn:%s:organizations::%s:organization/%s", partition, management, id)
}

// HasTrustedAccess reports whether trusted access is enabled for principal.
func (o Organization) HasTrustedAccess(principal string) bool {
	_, ok := slices.BinarySearch(o.TrustedAccess, principal)
	return ok
}

// ArtifactEnabled reports whether Artifact may manage organization
// agreements here (A5): trusted access for [ArtifactServicePrincipal] is
// enabled and the service-linked role exists.
func (o Organization) ArtifactEnabled() bool {
	return o.ServiceLinkedRole && o.HasTrustedAccess(ArtifactServicePrincipal)
}

// Clone returns a copy of o that shares no memory with it.
func (o Organization) Clone() Organization {
	o.TrustedAccess = slices.Clone(o.TrustedAccess)
	return o
}
