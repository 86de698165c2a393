package artifact

import (
	"context"
	"io"
	"iter"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// The read side of the service: the questions auditors and GRC platforms
// ask of its agreements, reports, organizations and compliance inquiries,
// answered from its stores without authorization, audit record or
// notification. The views change nothing, and hand out copies: every
// change goes through the Service's operations, which are authorized,
// audited and announced. A view is obtained from its Service; its zero
// value is not usable.

// AgreementsView answers questions about agreements, customer agreements,
// coverage and HIPAA Accounts (see package agreement).
type AgreementsView struct{ reg *agreement.Registry }

// Agreements returns the read side of the service's agreements.
func (s *Service) Agreements() AgreementsView { return AgreementsView{s.reg} }

// Agreement returns the agreement with that id, with its revisions.
func (v AgreementsView) Agreement(ctx context.Context, id agreement.ID) (agreement.Agreement, error) {
	return v.reg.Agreement(ctx, id)
}

// List returns a page of the agreement catalog, ordered by id.
func (v AgreementsView) List(ctx context.Context, p agreement.Page) ([]agreement.Agreement, string, error) {
	return v.reg.List(ctx, p)
}

// Coverage returns what governs account for agreement id at instant t, and
// why (A8, H5, H6).
func (v AgreementsView) Coverage(ctx context.Context, account org.AccountID, id agreement.ID, t time.Time) (agreement.Coverage, error) {
	return v.reg.Coverage(ctx, account, id, t)
}

// IsHIPAA reports whether account is a HIPAA Account at instant t, and why
// (H1-H6).
func (v AgreementsView) IsHIPAA(ctx context.Context, account org.AccountID, t time.Time) (agreement.HIPAAStatus, error) {
	return v.reg.IsHIPAA(ctx, account, t)
}

// HIPAAAccounts returns the HIPAA status of every account of organization
// id at instant t.
func (v AgreementsView) HIPAAAccounts(ctx context.Context, id org.ID, t time.Time) ([]agreement.HIPAAStatus, error) {
	return v.reg.HIPAAAccounts(ctx, id, t)
}

// HIPAAAccountsSeq yields the HIPAA Accounts of organization id at
// instant t one at a time (agreement.Registry.HIPAAAccountsSeq): on stores
// that page and batch, in memory that does not grow with the organization.
func (v AgreementsView) HIPAAAccountsSeq(ctx context.Context, id org.ID, t time.Time) iter.Seq2[agreement.HIPAAStatus, error] {
	return v.reg.HIPAAAccountsSeq(ctx, id, t)
}

// Expand yields the events an event of AcceptAgreement's,
// TerminateAgreement's or AWSTerminateAgreement's answer stands for
// (agreement.Registry.Expand): the event itself when it is about one
// account, each member's for an organization-wide one, in account order
// from the first account after after, derived as of the event's instant.
func (v AgreementsView) Expand(ctx context.Context, e agreement.Event, after org.AccountID) iter.Seq2[agreement.Event, error] {
	return v.reg.Expand(ctx, e, after)
}

// Lookup returns the latest customer agreement of agreement id at scope
// that concerns account now, whatever its state.
func (v AgreementsView) Lookup(ctx context.Context, account org.AccountID, id agreement.ID, scope agreement.Scope) (agreement.CustomerAgreement, error) {
	return v.reg.Lookup(ctx, account, id, scope)
}

// Active returns the active customer agreement of agreement id at scope
// that concerns account now, or agreement.ErrNotActive.
func (v AgreementsView) Active(ctx context.Context, account org.AccountID, id agreement.ID, scope agreement.Scope) (agreement.CustomerAgreement, error) {
	return v.reg.Active(ctx, account, id, scope)
}

// CustomerAgreement returns customer agreement id as account sees it,
// without the token GetCustomerAgreement issues.
func (v AgreementsView) CustomerAgreement(ctx context.Context, account org.AccountID, id agreement.CustomerAgreementID) (agreement.CustomerAgreement, error) {
	return v.reg.CustomerAgreement(ctx, account, id)
}

// ListCustomerAgreements returns a page of the active customer agreements
// that apply to account now.
func (v AgreementsView) ListCustomerAgreements(ctx context.Context, account org.AccountID, p agreement.Page) ([]agreement.CustomerAgreement, string, error) {
	return v.reg.ListCustomerAgreements(ctx, account, p)
}

// NDAStatus says whether account accepted the NDA of agreement id's current
// revision (N1, N3).
func (v AgreementsView) NDAStatus(ctx context.Context, account org.AccountID, id agreement.ID) (agreement.NDAStatus, error) {
	return v.reg.NDAStatus(ctx, account, id)
}

// ReportsView answers questions about the report catalog: versions,
// coverage of an audit window, the release calendar, scope, terms
// accepted and access requests (see package report).
type ReportsView struct{ cat *report.Catalog }

// Reports returns the read side of the service's report catalog.
func (s *Service) Reports() ReportsView { return ReportsView{s.cat} }

// Get returns version v of report id (0: the latest available), whatever
// its state: unlike GetReportMetadata, it answers for versions customers
// do not see.
func (v ReportsView) Get(ctx context.Context, id string, version int64) (report.Report, error) {
	return v.cat.Get(ctx, id, version)
}

// List returns a page of reports, each once, as the filter selects them.
func (v ReportsView) List(ctx context.Context, f report.Filter, p report.Page) ([]report.Report, string, error) {
	return v.cat.List(ctx, f, p)
}

// ListVersions returns a page of every version of report id, whatever its
// state.
func (v ReportsView) ListVersions(ctx context.Context, id string, p report.Page) ([]report.Report, string, error) {
	return v.cat.ListVersions(ctx, id, p)
}

// BestReport returns the version of family that best covers audit window
// w as seen at instant at, with the gap after it (R4).
func (v ReportsView) BestReport(ctx context.Context, family string, w report.Window, at time.Time) (report.Coverage, bool, error) {
	return v.cat.BestReport(ctx, family, w, at)
}

// CoveringChain returns the versions of family that cover audit window w
// back to back as seen at instant at, and the holes between them (R4).
func (v ReportsView) CoveringChain(ctx context.Context, family string, w report.Window, at time.Time) (report.Chain, error) {
	return v.cat.CoveringChain(ctx, family, w, at)
}

// NextRelease returns the release of family to expect at instant at (R3).
func (v ReportsView) NextRelease(family string, at time.Time) (report.Release, error) {
	return v.cat.NextRelease(family, at)
}

// InScope reports whether service is in scope in region for version
// version of report id (0: the latest available) (R5).
func (v ReportsView) InScope(ctx context.Context, id string, version int64, service, region string) (bool, error) {
	return v.cat.InScope(ctx, id, version, service, region)
}

// OutOfScope returns the uses that version version of report id does not
// cover (R5).
func (v ReportsView) OutOfScope(ctx context.Context, id string, version int64, uses []report.Use) ([]report.Use, error) {
	return v.cat.OutOfScope(ctx, id, version, uses)
}

// DiffScope returns what changed in scope from one version to another
// (R5).
func (v ReportsView) DiffScope(ctx context.Context, from, to report.Ref) (report.ScopeDiff, error) {
	return v.cat.DiffScope(ctx, from, to)
}

// Program returns the compliance program family belongs to.
func (v ReportsView) Program(family string) (report.Program, bool) { return v.cat.Program(family) }

// Verify reads a document and reports whether it is the one recorded for
// version version of report id (R6).
func (v ReportsView) Verify(ctx context.Context, id string, version int64, rd io.Reader) error {
	return v.cat.Verify(ctx, id, version, rd)
}

// Acceptances returns the report terms account accepted, in order (N2).
func (v ReportsView) Acceptances(ctx context.Context, account aws.AccountID) ([]report.Acceptance, error) {
	return v.cat.Acceptances(ctx, account)
}

// Access returns account's access request for report id (R2).
func (v ReportsView) Access(ctx context.Context, account aws.AccountID, id string) (report.Access, error) {
	return v.cat.Access(ctx, account, id)
}

// OrganizationsView answers questions about organizations and where
// accounts stood (see package org).
type OrganizationsView struct{ dir *org.Directory }

// Organizations returns the read side of the service's organization
// directory. Membership changes go through the Service's own methods
// (JoinOrganization, LeaveOrganization, ...), which announce the coverage
// they change.
func (s *Service) Organizations() OrganizationsView { return OrganizationsView{s.dir} }

// Organization returns the organization with that id.
func (v OrganizationsView) Organization(ctx context.Context, id org.ID) (org.Organization, error) {
	return v.dir.Organization(ctx, id)
}

// OrganizationOf returns where account stood at instant t.
func (v OrganizationsView) OrganizationOf(ctx context.Context, account org.AccountID, t time.Time) (org.Membership, error) {
	return v.dir.OrganizationOf(ctx, account, t)
}

// Members returns the accounts in organization id at instant t.
func (v OrganizationsView) Members(ctx context.Context, id org.ID, t time.Time) ([]org.AccountID, error) {
	return v.dir.Members(ctx, id, t)
}

// MembersSeq yields the memberships of the accounts in organization id at
// instant t one at a time (org.Directory.MembersSeq).
func (v OrganizationsView) MembersSeq(ctx context.Context, id org.ID, t time.Time) iter.Seq2[org.Membership, error] {
	return v.dir.MembersSeq(ctx, id, t)
}

// History returns account's membership changes, oldest first.
func (v OrganizationsView) History(ctx context.Context, account org.AccountID) ([]org.Change, error) {
	return v.dir.History(ctx, account)
}

// InquiriesView answers questions about the compliance inquiries as
// stored: without authorization, audit record or processing (an inquiry
// whose processing is due stays as it is until it is read through an
// operation, or AdvanceComplianceInquiries runs). It changes nothing and
// hands out copies. Obtain it from a Service.
type InquiriesView struct{ a *inquiry.Assistant }

// Inquiries returns the read side of the service's compliance inquiries.
func (s *Service) Inquiries() InquiriesView { return InquiriesView{s.inq} }

// Get returns the account's inquiry id as stored.
func (v InquiriesView) Get(ctx context.Context, account aws.AccountID, id inquiry.ID) (inquiry.Inquiry, error) {
	return v.a.Peek(ctx, account, id)
}

// List returns up to limit of the account's inquiries after the listing
// key after ("" for the first), oldest first, and the key to continue
// after ("" after the last).
func (v InquiriesView) List(ctx context.Context, account aws.AccountID, after string, limit int) ([]inquiry.Inquiry, string, error) {
	return v.a.ListStored(ctx, account, after, limit)
}

// Queries returns up to limit of the queries of the account's inquiry id
// after identifier after, and the identifier to continue after (0 after
// the last).
func (v InquiriesView) Queries(ctx context.Context, account aws.AccountID, id inquiry.ID, after, limit int) ([]inquiry.Query, int, error) {
	return v.a.Queries(ctx, account, id, after, limit)
}

// Feedback returns the feedback on the account's inquiry id, by query then
// principal: what the team improving the answers reads.
func (v InquiriesView) Feedback(ctx context.Context, account aws.AccountID, id inquiry.ID) ([]inquiry.Feedback, error) {
	return v.a.Feedback(ctx, account, id)
}

// AuditView reads and verifies the service's audit trail (G5). Records are
// appended by the service's calls alone.
type AuditView struct{ log *audit.Log }

// Audit returns the read side of the service's audit trail (G5): query it,
// verify it.
func (s *Service) Audit() AuditView { return AuditView{s.log} }

// Query returns the records the filter selects, in sequence.
func (v AuditView) Query(ctx context.Context, f audit.Filter) ([]audit.Record, error) {
	return v.log.Query(ctx, f)
}

// Verify checks the whole hash chain and reports the first record that
// breaks it.
func (v AuditView) Verify(ctx context.Context) error { return v.log.Verify(ctx) }

// Head returns the number and hash of the last record; kept somewhere
// else, it lets a later Verify detect a trail cut short.
func (v AuditView) Head(ctx context.Context) (uint64, audit.Hash, error) { return v.log.Head(ctx) }
