// Package agreement models AWS Artifact agreements: the templates AWS
// offers (BAA, addenda, custom), the NDA gate and token chain in front of
// them, customer agreements accepted at account or organization scope,
// which one governs an account at any instant, and HIPAA Account
// designation, online and offline.
//
// # The operations
//
// A [Registry] holds it all, over a [Store] and an [org.Directory]. Its
// methods are AWS Artifact's agreement operations:
//
//	ListAgreements          Registry.List
//	GetNdaForAgreement      Registry.GetNda
//	AcceptNdaForAgreement   Registry.AcceptNda
//	GetAgreement            Registry.Get
//	AcceptAgreement         Registry.Accept
//	GetCustomerAgreement    Registry.GetCustomerAgreement
//	TerminateAgreement      Registry.Terminate
//	ListCustomerAgreements  Registry.ListCustomerAgreements
//
// and AWS's side of them: [Registry.Define] and [Registry.PublishRevision]
// (the catalog), [Registry.AWSTerminate], [Registry.AWSDesignateOffline].
// The questions an auditor asks are [Registry.Coverage] (which customer
// agreement governs an account for an agreement at an instant, and why),
// [Registry.IsHIPAA] and [Registry.HIPAAAccounts]; they answer from
// history, so "was account X a HIPAA Account on 2026-03-01?" gets the
// answer of that day, not of today.
//
// # The token chain (rules N1, T1)
//
// An agreement is confidential and sits behind its NDA. GetNda issues an
// NDA token; AcceptNda records the account's acceptance of that revision's
// NDA and issues a get-agreement token; Get, for an account that accepted
// the current revision's NDA, issues an acceptance-terms token and an
// execute token; Accept needs both and the revision id they were issued
// for. Terminate needs the terminate token from GetCustomerAgreement.
// Tokens have AWS's formats (nda-token- or agreement-token- and 24 letters
// or digits), are drawn from a cryptographically random source (or one
// given with [WithRand]), and are bound to their account, agreement and
// revision (a terminate token to its customer agreement). Any other token,
// or one past its lifetime, is refused with [ErrInvalidToken], a
// *[TokenError] saying why (AWS: ValidationException, reason
// invalidToken). An NDA signed with Amazon outside Artifact does not open
// Artifact ([Registry.RecordOutsideNDA], [Registry.NDAStatus], N3).
//
// # Scope (A1-A11)
//
// An account agreement covers its account; an organization agreement,
// accepted by a management account whose organization has all features and
// Artifact's trusted access and service-linked role, covers every account
// of the organization while it is one, members joining later included. It
// cannot cover some members only. Both may be active for one account; then
// the organization agreement governs, and when it ends the account
// agreement applies again. An account that leaves, is removed or moves is
// covered by the organization it is in. [Registry.Join], Leave, Remove,
// Move and CreateAccount change membership through the Directory and return
// the coverage events of the change.
//
// When several checks fail, Accept returns the first of: ErrInvalidInput,
// ErrAgreementNotFound, ErrNDARequired, ErrInvalidToken,
// ErrScopeNotOffered, org.ErrNotInOrganization, ErrNotManagementAccount,
// ErrAllFeaturesRequired, ErrTrustedAccessRequired, ErrAlreadyActive.
// Terminate returns the first of: ErrInvalidInput,
// ErrCustomerAgreementNotFound, ErrInvalidToken, ErrNotManagementAccount,
// ErrNotActive. All features and trusted access are checked when an
// organization agreement is accepted, not when it is terminated; turning
// trusted access off later neither ends accepted agreements nor stops
// membership changes from counting. Terminating needs no NDA.
//
// # HIPAA Accounts (H1-H6)
//
// An account is a HIPAA Account while a BAA ([KindBAA]) covers it at
// account or organization scope, or while AWS has designated it under its
// customer's offline BAA. Artifact can remove such a designation
// ([Registry.RemoveOfflineDesignation]) but neither make one, nor terminate
// or download the offline BAA ([ErrOfflineNotSupported]).
//
// # Time
//
// Every change is dated by the Registry's clock ([WithClock]; by default
// the Directory's). A customer agreement is in effect from its
// EffectiveStart up to, not including, its EffectiveEnd; a membership
// change at instant T counts at T. So a question about instant T sees
// every change made at or before T.
//
// # Decisions where AWS is silent
//
//   - An offline BAA designation governs an account that also has an online
//     BAA (AWS: its terms "continue to apply to the accounts you designated"),
//     so the precedence is offline, organization, account.
//   - An NDA acceptance is bound to the revision it was accepted for; after a
//     new revision is published the account accepts its NDA again before
//     reading or accepting. Customer agreements of earlier revisions stay in
//     force.
//   - Tokens live [DefaultTokenLifetime] (one hour; [WithTokenLifetime]) and
//     may be presented again within it: an active agreement's acceptance
//     tokens presented again fail with ErrAlreadyActive, a terminated
//     customer agreement's terminate token with ErrNotActive. A published
//     revision invalidates the tokens of the previous one at once.
//   - AWS's AcceptAgreement request names no scope; [AcceptInput] has one,
//     as the console's two tabs do.
//   - A member sees (GetCustomerAgreement, ListCustomerAgreements) the
//     organization agreements of the organization it is in now, and not
//     those of an organization it left.
//
// # Events
//
// Transitions return [Event] values for the host to persist or announce:
// EventAccepted, EventTerminated, and EventCoverageGained or
// EventCoverageLost for every account whose coverage of the agreement goes
// from none to some or back (a change of governing scope is neither).
// Accepting or terminating an organization agreement returns two events
// whatever the organization's size: the change, and one
// organization-wide coverage event ([Event.OrganizationWide]: an
// Organization, no Account) that stands for every member whose coverage
// the organization agreement decides; [Registry.Expand] yields those
// members' events, in account order, resumable after any account. The
// member events are derived from history as of the change's instant, so
// expanding them at once or later yields the same: an organization BAA is
// one record and two events, and the work linear in the organization is
// done by whoever consumes the members (a notifier streaming them), not
// by the acceptance. Events of operations that touch the same account at
// the same instant concurrently are each derived from the state their own
// operation saw.
//
// One order for every change: its events are derived, and its
// [BeforeStore] options run with them, before the change is stored, from
// the state the change is made on (membership changes through
// [org.BeforeAppend]); the store is the change's last step. Once a change
// is stored nothing is left to fail, so an operation that stored its
// change always returns it with its events, and an operation that fails
// stored nothing. A host that records a change's events in BeforeStore
// (an outbox) has them whatever fails after the change is stored, and
// [Registry.Stored] tells it, from the first event, whether a change it
// recorded went through.
//
// # Costs
//
// Accepting or terminating an organization agreement writes one record
// and reads nothing per member; expanding its coverage event reads each
// member's own coverage once (a thousand members per query on a
// [BatchStore]); joining or leaving is O(1) in the organization's size;
// IsHIPAA and Coverage are O(1) for the present and O(log h) for an
// instant in a history of h changes; HIPAAAccounts is linear in the
// organization's size.
//
// # Storage and concurrency
//
// State lives in a [Store] ([memstore] in memory; check other
// implementations with [storetest]). Records carry sequence numbers; a
// stale write fails with [ErrConflict], and a Store refuses a second ACTIVE
// customer agreement for one account (or organization), agreement and
// scope. Registry operations re-read, re-validate and retry on a conflict,
// so two concurrent acceptances of the same agreement end with exactly one
// ACTIVE customer agreement and the other caller gets ErrAlreadyActive. A
// Registry is safe for concurrent use, and a failed operation changes
// nothing.
//
// # Rules
//
// Rule ids such as A8 or H6 are those of the project's rulebook, RULES.md at
// the root of the repository, which states each rule and cites AWS's
// public documentation for it; "FAQ Agreements 5" or "BAA FAQ 12" is a
// question of the AWS Artifact FAQs (https://aws.amazon.com/artifact/faq/),
// numbered within its section as RULES.md says.
//
// [memstore]: https://pkg.go.dev/github.com/artifactkit/artifactkit/agreement/memstore
// [storetest]: https://pkg.go.dev/github.com/artifactkit/artifactkit/agreement/storetest
package agreement
