// Package org models AWS Organizations as AWS Artifact sees them:
// organizations, their feature set and trusted access, and account
// membership with its full history, answerable for any past instant.
//
// # Ids
//
// Account ids ([AccountID]) are 12 digits; organization ids ([ID]) are "o-"
// and 10 to 32 lower-case letters or digits. Parse them with
// [ParseAccountID] and [ParseID]; every method validates the ids it is
// given and refuses invalid ones with an error wrapping [ErrInvalidInput].
//
// # Organizations
//
// An [Organization] has a management account (the account that created it,
// which can never leave), a feature set ([AllFeatures] or
// [ConsolidatedBilling]), the service principals with trusted access
// enabled, and whether Artifact's service-linked role exists. Artifact's
// organization agreements need all features (rule A4) and trusted access
// with the role (A5): [Organization.ArtifactEnabled]. As in AWS
// Organizations, trusted access can be enabled only with all features, and
// enabling it for [ArtifactServicePrincipal] creates the role
// [ArtifactServiceLinkedRole] when it is missing.
//
// # Membership
//
// An account belongs to at most one organization at a time (A11). Its
// history is a list of dated [Change] values: it founds an organization, is
// created in one, joins one, leaves, is removed, or moves (a Left and a
// Joined at the same instant). [Directory.OrganizationOf] answers where an
// account stood at any instant, [Directory.Members] who was in an
// organization then. A change at instant T counts at T: an account that
// joins at T is a member at T, one that leaves at T is not.
//
// Costs: joining and leaving are O(1) whatever the organization's size;
// OrganizationOf is O(1) for the present and O(log h) for an instant in an
// account's history of h changes; Members is linear in the organization's
// changes.
//
// # Time, storage and concurrency
//
// A [Directory] dates every change with its clock ([WithClock], default
// time.Now, converted to UTC); an account's changes are never dated before
// the one before. State lives in a [Store] ([memstore] in memory; check
// other implementations with [storetest]). Records carry sequence numbers:
// a stale write fails with [ErrConflict], which Directory operations retry
// after re-reading and re-validating, so callers see the domain error
// (for example [ErrAlreadyInOrganization]) a serial execution would give.
// A Directory is safe for concurrent use, and a failed operation changes
// nothing.
//
// # Rules
//
// Rule ids such as A4 or A10 are those of the project's rulebook, RULES.md at
// the root of the repository, which states each rule and cites AWS's
// public documentation for it; "FAQ Agreements 5" or "BAA FAQ 12" is a
// question of the AWS Artifact FAQs (https://aws.amazon.com/artifact/faq/),
// numbered within its section as RULES.md says.
//
// [memstore]: https://pkg.go.dev/github.com/artifactkit/artifactkit/org/memstore
// [storetest]: https://pkg.go.dev/github.com/artifactkit/artifactkit/org/storetest
package org
