package artifacttest

import (
	"fmt"

	"github.com/artifactkit/artifactkit/agreement"
)

// The agreement catalog of the world: the ids the conformance scenarios
// use.
const (
	// BAA is the AWS Business Associate Addendum (KindBAA), offered at
	// account and organization scope.
	BAA agreement.ID = "agreement-baa0000000000001"
	// ANDB is the AWS Australian Notifiable Data Breach Addendum.
	ANDB agreement.ID = "agreement-andb000000000001"
	// NZNDB is the AWS New Zealand Notifiable Data Breach Addendum.
	NZNDB agreement.ID = "agreement-nzndb00000000001"
	// AccountOnly is a custom agreement offered at account scope only.
	AccountOnly agreement.ID = "agreement-acctonly00000001"
)

// Agreements returns the ids of the world's agreements, in id order (as
// ListAgreements lists them).
func Agreements() []agreement.ID { return []agreement.ID{AccountOnly, ANDB, BAA, NZNDB} }

// agreementSpecs returns the specs of the catalog, each with one revision
// whose documents are placeholders.
func agreementSpecs() []agreement.Spec {
	both := []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}
	specs := []agreement.Spec{
		{ID: BAA, Name: "AWS Business Associate Addendum", Kind: agreement.KindBAA, Type: agreement.TypeDefault, Subjects: both,
			Description: "The addendum that makes accounts HIPAA Accounts."},
		{ID: ANDB, Name: "AWS Australian Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: both,
			Description: "Notification of eligible data breaches under the Australian Privacy Act."},
		{ID: NZNDB, Name: "AWS New Zealand Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: both,
			Description: "Notification of privacy breaches under the New Zealand Privacy Act."},
		{ID: AccountOnly, Name: "Custom Data Processing Agreement", Kind: agreement.KindCustom, Type: agreement.TypeCustom,
			Subjects: []agreement.Scope{agreement.ScopeAccount}, Description: "A custom agreement offered to single accounts only."},
	}
	for i := range specs {
		s := &specs[i]
		s.Revision = agreement.RevisionSpec{
			ID:       agreement.RevisionID(fmt.Sprintf("6f1c9a2e-4b7d-4c1e-9a3f-%012d", i+1)),
			Document: fmt.Appendf(nil, "%s\nA placeholder agreement document of the artifacttest fixture.\n", s.Name),
			NDA:      fmt.Appendf(nil, "Non-disclosure agreement for the %s\nA placeholder NDA of the artifacttest fixture.\n", s.Name),
			AcceptanceTerms: []string{
				"I have read and agree to the terms of the " + s.Name + ".",
				"I am authorized to accept this agreement for the account or organization I act for.",
			},
			TerminateTerms: []string{
				"I understand that terminating the " + s.Name + " ends it at once for every account it covers.",
			},
		}
	}
	return specs
}
