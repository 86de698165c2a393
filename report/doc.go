// Package report models the AWS Artifact report catalog: reports and their
// versions, the terms and approval gates in front of a download, the SOC
// release calendar, which version covers an audit window and the gap after
// it, and the services and regions in scope.
//
// # The catalog
//
// A Report is one version of a report, with AWS's fields (ReportDetail:
// id, ARN, name, category, series, period, state, upload state, acceptance
// type, term ARN, timestamps, sequence number) and what AWS leaves to the
// document's prose: the Family the calendar and coverage work on ("SOC 2";
// AWS's own Series is "SOC" for SOC 1, 2 and 3), the Type (TYPE1 as of a
// date, TYPE2 over a period), the Trust Services categories of a SOC 2
// version (R7), its Scope (R5), and the SHA-256 of its document (R6).
//
// A Catalog keeps versions in a Store (report/memstore is the in-memory
// one; report/storetest checks any other):
//
//	cat, err := report.New(memstore.New(), report.WithClock(clock))
//	r, err := cat.Put(ctx, report.Report{...})          // a new version
//	r, err = cat.Get(ctx, r.ID, 0)                        // the latest published
//	page, next, err := cat.List(ctx, report.Filter{Series: "SOC"}, report.Page{})
//
// Versions carry sequence numbers: Update with a stale one fails with
// ErrConflict and changes nothing. List and ListVersions return items in a
// stable key order with the key to continue after, so a listing neither
// skips nor repeats items while others are added.
//
// A host that must act on a write once it is stored (announce a version)
// passes Put or Update a BeforeStore option: it sees each write before it
// is stored (the version number Put assigns on each attempt, the record
// an Update replaces), and its error fails the write. Stored later tells
// whether a write whose outcome the host did not learn was stored.
//
// # Gates
//
// Download is the gate of AWS's GetReport (N2, R2). Its errors come in the
// order of the conformance scenarios: ErrNotFound, ErrNotPublished,
// ErrApprovalRequired, then the terms: ErrTermsNotAccepted when the terms
// are EXPLICIT and no term token is presented, ErrInvalidToken when the
// token presented is unknown, expired, or another account's or another
// version's. TermToken (AWS's GetTermForReport) hands out tokens bound to
// (account, report, version); presenting one for EXPLICIT terms records the
// acceptance (who, when, which version and terms), once per token.
// PASSTHROUGH terms need no acceptance. RequestAccess, Approve, Reject and
// Revoke manage an account's access to a report that needs approval.
//
// # Calendar and coverage
//
// Calendar predicts the next release of a family (R3; DefaultCalendar has
// today's SOC schedule). BestReport answers "which version covers my audit
// window, and what gap is left" (R4) in O(log n) over an Index the catalog
// rebuilds when the store changes; CoveringChain returns consecutive
// versions covering a long window and the holes between them. A store
// with an index of its own (a database) answers both without that
// in-memory index: BestStore and ChainStore. Windows and
// periods are civil Dates with inclusive ends; instants are compared, and
// their dates taken, in UTC; months are added as time.Time.AddDate does.
//
// # Scope
//
// Scope answers "is service S in scope in region R for this version" in
// O(1), what changed between versions (DiffScope), and which of a
// customer's services need compensating controls (OutOfScope). Programs
// lists the programs of AWS's certifications whitepaper with their region
// limits, which the catalog enforces. Eligibility lists the HIPAA Eligible
// Services and names the services that must not hold PHI (H7).
//
// # Decisions where AWS is silent
//
//   - Term tokens live DefaultTermLifetime (one hour) unless configured,
//     and may be presented any number of times while they live (G2).
//   - A download presents a token; with PASSTHROUGH terms an empty token is
//     accepted (the scenarios' "accepted_terms": false is ok), but a token
//     presented must be valid.
//   - Approval is per account and report, covering all its versions.
//   - A version whose upload is not COMPLETE, or that is deleted, cannot be
//     downloaded and covers no window, like an UNPUBLISHED one.
//   - A version's document, period, type, family, terms, categories and
//     scope never change once stored; a new document is a new version.
//
// # Concurrency and aliasing
//
// A Catalog, an Index, a Calendar, a Scope and an Eligibility are safe for
// concurrent use. Values are copied in and out: changing a Report after
// passing it to the catalog, or after getting it back, changes nothing
// stored. The package does no I/O and keeps no global state: time comes
// from WithClock and randomness from WithRand.
//
// # Rules
//
// Rule ids such as R4 or N2 are those of the project's rulebook, RULES.md at
// the root of the repository, which states each rule and cites AWS's
// public documentation for it; "FAQ Agreements 5" or "BAA FAQ 12" is a
// question of the AWS Artifact FAQs (https://aws.amazon.com/artifact/faq/),
// numbered within its section as RULES.md says.
package report
