package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "healthcare:", err)
		os.Exit(1)
	}
}

// The cast.
const (
	management     = org.AccountID("111111111111") // MedTech Global's management account
	patientRecords = org.AccountID("222222222222")
	analytics      = org.AccountID("333333333333")
	imaging        = org.AccountID("444444444444") // joins later
	medtech        = org.ID("o-medtechglobal1")
	baa            = agreement.ID("agreement-baa0000000000001")
)

var names = map[org.AccountID]string{
	management: "management", patientRecords: "patient-records", analytics: "analytics", imaging: "imaging",
}

// clock is the walkthrough's clock: it moves only when the story says so.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time          { return c.now }
func (c *clock) Advance(d time.Duration) { c.now = c.now.Add(d) }

// story prints the walkthrough and stops at the first unexpected error.
type story struct {
	w     io.Writer
	ctx   context.Context
	clock *clock
	svc   *artifact.Service
	err   error
}

func (s *story) say(format string, args ...any) { fmt.Fprintf(s.w, format+"\n", args...) }

func (s *story) chapter(title string) {
	s.say("")
	s.say("== %s (%s)", title, s.clock.Now().Format("2 January 2006"))
}

// must records the first unexpected error.
func (s *story) must(err error) bool {
	if err != nil && s.err == nil {
		s.err = err
	}
	return s.err == nil
}

// denied prints why a call was refused.
func (s *story) denied(what string, err error) {
	var ad *artifact.AccessDeniedException
	var api artifact.APIError
	switch {
	case errors.As(err, &ad):
		s.say("   %s: denied. %s", what, ad.Message)
		if ad.ExplicitDeny {
			for _, line := range strings.Split(ad.Explanation, "\n") {
				if strings.HasSuffix(line, " Deny") {
					s.say("     decided by the Deny statement %s", strings.TrimSuffix(line, " Deny"))
				}
			}
		} else {
			s.say("     console: %s", ad.Console)
		}
	case errors.As(err, &api):
		s.say("   %s: refused with %s: %s", what, api.ErrorCode(), strings.TrimPrefix(err.Error(), api.ErrorCode()+": "))
	case err == nil:
		s.must(fmt.Errorf("%s: expected a refusal", what))
	default:
		s.must(err)
	}
}

// printer is the subscriber: it prints every notification delivered.
type printer struct{ s *story }

func (p printer) Notify(_ context.Context, d notify.Delivery) error {
	p.s.say("   >> notification to %s (%s): %s", names[org.AccountID(d.Account)], d.Event.Kind.DetailType(), d.Event.Reason)
	return nil
}

func run(w io.Writer) error {
	s := &story{w: w, ctx: context.Background(), clock: &clock{now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}}
	svc, err := artifact.New(artifact.WithClock(s.clock.Now), artifact.WithSubscriber(printer{s}),
		artifact.WithRand(rand.NewChaCha8([32]byte{'m', 'e', 'd', 't', 'e', 'c', 'h'})))
	if err != nil {
		return err
	}
	s.svc = svc
	s.say("MedTech Global, a healthcare start-up, keeps patient data on AWS. It needs the AWS")
	s.say("Business Associate Addendum (BAA) for HIPAA, and its auditor needs AWS's SOC 2 report.")

	s.catalog()
	s.organization()
	officer := s.acceptOrganizationBAA()
	s.growAndShrink()
	s.accountBAASurvives(officer)
	s.history()
	s.auditor()
	s.trail()
	return s.err
}

// catalog is AWS's side: the BAA and the reports.
func (s *story) catalog() {
	_, err := s.svc.DefineAgreement(s.ctx, agreement.Spec{
		ID: baa, Name: "AWS Business Associate Addendum", Kind: agreement.KindBAA, Type: agreement.TypeDefault,
		Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization},
		Revision: agreement.RevisionSpec{Document: []byte("AWS Business Associate Addendum"), NDA: []byte("AWS Artifact NDA"),
			AcceptanceTerms: []string{"I have read and agree to the terms of the AWS Business Associate Addendum."},
			TerminateTerms:  []string{"I understand that terminating the BAA ends the HIPAA Account designation."}},
	})
	s.must(err)
	for _, r := range []report.Report{
		{ID: "report-Soc2Type2Apr2025", Name: "SOC 2 Type 2 Report (April 2024 - March 2025)", Family: "SOC 2",
			PeriodStart: report.D(2024, 4, 1), PeriodEnd: report.D(2025, 3, 31), PublishedAt: time.Date(2025, 5, 15, 18, 0, 0, 0, time.UTC)},
		{ID: "report-Soc2Type2Sep2025", Name: "SOC 2 Type 2 Report (October 2024 - September 2025)", Family: "SOC 2",
			PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30), PublishedAt: time.Date(2025, 11, 14, 18, 0, 0, 0, time.UTC)},
		{ID: "report-Iso27001Cert2025", Name: "ISO/IEC 27001:2022 Certificate", Family: "ISO 27001", Series: "ISO",
			PeriodStart: report.D(2025, 1, 1), PeriodEnd: report.D(2025, 12, 31), PublishedAt: time.Date(2025, 12, 20, 12, 0, 0, 0, time.UTC)},
	} {
		if r.Series == "" {
			r.Series = "SOC"
		}
		r.Category = "Certifications and Attestations"
		r.AcceptanceType = report.Explicit
		r.Document = report.Document{SHA256: sha256.Sum256([]byte(r.Name))}
		_, err := s.svc.PublishReport(s.ctx, r)
		s.must(err)
	}
}

// organization creates the organization, first with consolidated billing
// only (A4).
func (s *story) organization() {
	s.chapter("1. The organization")
	_, err := s.svc.CreateOrganization(s.ctx, medtech, management, org.ConsolidatedBilling)
	s.must(err)
	for _, a := range []org.AccountID{patientRecords, analytics} {
		_, _, err := s.svc.CreateAccount(s.ctx, medtech, a)
		s.must(err)
	}
	s.say("   %s manages %s with accounts patient-records (%s) and analytics (%s).", management, medtech, patientRecords, analytics)
	root := s.caller(management, "root", nil)
	_, err = s.svc.EnableTrustedAccess(s.ctx, root)
	s.denied("enabling Artifact's trusted access with consolidated billing only", err)
	_, err = s.svc.EnableAllFeatures(s.ctx, medtech)
	s.must(err)
	s.say("   All features are enabled (A4).")
}

// officerPolicy is AWSArtifactAgreementsFullAccess, with the company's own
// guard rails: MFA required, and only from the corporate network.
const officerPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Sid": "ListAgreementActions", "Effect": "Allow", "Action": ["artifact:ListAgreements", "artifact:ListCustomerAgreements"], "Resource": "*"},
  {"Sid": "AWSAgreementActions", "Effect": "Allow",
   "Action": ["artifact:GetAgreement", "artifact:AcceptNdaForAgreement", "artifact:GetNdaForAgreement", "artifact:AcceptAgreement"],
   "Resource": "arn:aws:artifact:::agreement/*"},
  {"Sid": "CustomerAgreementActions", "Effect": "Allow", "Action": ["artifact:GetCustomerAgreement", "artifact:TerminateAgreement"],
   "Resource": "arn:aws:artifact::*:customer-agreement/*"},
  {"Sid": "CreateServiceLinkedRoleForOrganizationsIntegration", "Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole"],
   "Resource": "arn:aws:iam::*:role/aws-service-role/artifact.amazonaws.com/AWSServiceRoleForArtifact",
   "Condition": {"StringEquals": {"iam:AWSServiceName": ["artifact.amazonaws.com"]}}},
  {"Sid": "EnableServiceTrustForOrganizationsIntegration", "Effect": "Allow", "Action": ["organizations:EnableAWSServiceAccess"],
   "Resource": "*", "Condition": {"StringEquals": {"organizations:ServicePrincipal": ["aws-artifact-account-sync.amazonaws.com"]}}},
  {"Sid": "ListServiceTrustAndDescribeOrganization", "Effect": "Allow",
   "Action": ["organizations:ListAWSServiceAccessForOrganization", "organizations:DescribeOrganization"], "Resource": "*"},
  {"Sid": "RequireMFA", "Effect": "Deny", "Action": "artifact:*", "Resource": "*",
   "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}},
  {"Sid": "CorporateNetworkOnly", "Effect": "Deny", "Action": "*", "Resource": "*",
   "Condition": {"NotIpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}
]}`

// acceptOrganizationBAA: the compliance officer sets up trusted access,
// accepts the NDA and the organization BAA (A1-A5, N1, T1, H2).
func (s *story) acceptOrganizationBAA() *artifact.Caller {
	s.chapter("2. The compliance officer accepts the BAA for the whole organization")
	officer := s.caller(management, "arn:aws:iam::111111111111:role/ComplianceOfficer",
		map[string][]string{"aws:MultiFactorAuthPresent": {"true"}, "aws:SourceIp": {"198.51.100.20"}}, officerPolicy)
	fromHome := officer.WithContext(map[string][]string{"aws:MultiFactorAuthPresent": {"true"}, "aws:SourceIp": {"203.0.113.9"}})
	_, err := s.svc.GetNdaForAgreement(s.ctx, fromHome, artifact.GetNdaForAgreementInput{AgreementID: baa})
	s.denied("from home", err)
	noMFA := officer.WithContext(map[string][]string{"aws:MultiFactorAuthPresent": {"false"}, "aws:SourceIp": {"198.51.100.20"}})
	_, err = s.svc.GetNdaForAgreement(s.ctx, noMFA, artifact.GetNdaForAgreementInput{AgreementID: baa})
	s.denied("in the office, without MFA", err)

	s.say("   In the office, with MFA:")
	o, err := s.svc.EnableTrustedAccess(s.ctx, officer)
	if !s.must(err) {
		return officer
	}
	s.say("   - trusted access for %s enabled; service-linked role %s created: %v", org.ArtifactServicePrincipal, org.ArtifactServiceLinkedRole, o.ServiceLinkedRole)
	nda, err := s.svc.GetNdaForAgreement(s.ctx, officer, artifact.GetNdaForAgreementInput{AgreementID: baa})
	if !s.must(err) {
		return officer
	}
	acc, err := s.svc.AcceptNdaForAgreement(s.ctx, officer, artifact.AcceptNdaForAgreementInput{
		AgreementID: baa, AgreementRevisionID: nda.AgreementRevisionID, NdaToken: nda.AcceptNdaForAgreementToken})
	if !s.must(err) {
		return officer
	}
	s.say("   - NDA of revision %s accepted (N1)", nda.AgreementRevisionID)
	view, err := s.svc.GetAgreement(s.ctx, officer, artifact.GetAgreementInput{AgreementID: baa, NdaToken: acc.GetAgreementToken})
	if !s.must(err) {
		return officer
	}
	s.say("   - read %q: %s", view.Agreement.Name, view.AcceptanceTerms[0])
	out, err := s.svc.AcceptAgreement(s.ctx, officer, artifact.AcceptAgreementInput{
		AgreementID: baa, AgreementRevisionID: view.AgreementRevisionID, Scope: agreement.ScopeOrganization,
		AcceptanceTermsToken: view.AcceptanceTermsToken, ExecuteAgreementToken: view.ExecuteAgreementToken})
	if !s.must(err) {
		return officer
	}
	s.say("   - accepted for the organization: %s, %s", out.CustomerAgreement.ID, out.CustomerAgreement.State)
	s.events(out.Events)
	s.hipaa(management, patientRecords, analytics)
	return officer
}

// growAndShrink: a new account is covered from the moment it joins (A3); an
// account that leaves loses coverage at once and is told (A10).
func (s *story) growAndShrink() {
	s.clock.Advance(30 * 24 * time.Hour)
	s.chapter("3. The organization grows and shrinks")
	_, err := s.svc.PutAccountSettings(s.ctx, s.caller(analytics, "root", nil), artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
	s.must(err)
	_, err = s.svc.PutNotificationConfiguration(s.ctx, s.caller(analytics, "root", nil), artifact.NotificationConfiguration{Agreements: true})
	s.must(err)
	s.say("   analytics subscribes to agreement notifications (S1, S2).")
	_, events, err := s.svc.JoinOrganization(s.ctx, imaging, medtech)
	s.must(err)
	s.say("   imaging (%s) joins %s:", imaging, medtech)
	s.events(events)
	s.clock.Advance(14 * 24 * time.Hour)
	s.say("   analytics leaves %s on %s:", medtech, s.clock.Now().Format("2 January 2006"))
	_, events, err = s.svc.LeaveOrganization(s.ctx, analytics)
	s.must(err)
	s.events(events)
	s.hipaa(imaging, analytics)
}

// accountBAASurvives: patient-records accepts a BAA of its own; when the
// organization BAA is terminated, it applies again (A8, A9, H3, H4).
func (s *story) accountBAASurvives(officer *artifact.Caller) {
	s.clock.Advance(7 * 24 * time.Hour)
	s.chapter("4. An account BAA survives the organization BAA's termination")
	pr := s.caller(patientRecords, "root", nil)
	s.acceptAccountBAA(pr)
	cov, err := s.svc.Agreements().Coverage(s.ctx, patientRecords, baa, s.clock.Now())
	s.must(err)
	s.say("   patient-records now has both; what governs: %s (A8: the organization's)", cov.Basis)

	s.clock.Advance(24 * time.Hour)
	list, err := s.svc.ListCustomerAgreements(s.ctx, officer, artifact.ListCustomerAgreementsInput{})
	if !s.must(err) {
		return
	}
	for _, ca := range list.CustomerAgreements {
		if ca.Scope != agreement.ScopeOrganization {
			continue
		}
		got, err := s.svc.GetCustomerAgreement(s.ctx, officer, artifact.GetCustomerAgreementInput{CustomerAgreementID: ca.ID})
		if !s.must(err) {
			return
		}
		out, err := s.svc.TerminateAgreement(s.ctx, officer, artifact.TerminateAgreementInput{
			CustomerAgreementID: ca.ID, TerminateAgreementToken: got.TerminateAgreementToken})
		if !s.must(err) {
			return
		}
		s.say("   The officer terminates the organization BAA %s: %s", ca.ID, out.CustomerAgreement.State)
		s.events(out.Events)
	}
	s.hipaa(management, patientRecords, imaging)
}

func (s *story) acceptAccountBAA(c *artifact.Caller) {
	nda, err := s.svc.GetNdaForAgreement(s.ctx, c, artifact.GetNdaForAgreementInput{AgreementID: baa})
	if !s.must(err) {
		return
	}
	acc, err := s.svc.AcceptNdaForAgreement(s.ctx, c, artifact.AcceptNdaForAgreementInput{AgreementID: baa,
		AgreementRevisionID: nda.AgreementRevisionID, NdaToken: nda.AcceptNdaForAgreementToken})
	if !s.must(err) {
		return
	}
	view, err := s.svc.GetAgreement(s.ctx, c, artifact.GetAgreementInput{AgreementID: baa, NdaToken: acc.GetAgreementToken})
	if !s.must(err) {
		return
	}
	out, err := s.svc.AcceptAgreement(s.ctx, c, artifact.AcceptAgreementInput{AgreementID: baa, AgreementRevisionID: view.AgreementRevisionID,
		AcceptanceTermsToken: view.AcceptanceTermsToken, ExecuteAgreementToken: view.ExecuteAgreementToken})
	if !s.must(err) {
		return
	}
	s.say("   patient-records' root accepts an account BAA of its own: %s", out.CustomerAgreement.ID)
	s.events(out.Events)
}

// history answers from history, not from today's state.
func (s *story) history() {
	s.chapter("5. The auditor's question: who was a HIPAA Account when?")
	for _, q := range []struct {
		account org.AccountID
		at      time.Time
	}{
		{analytics, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
		{analytics, s.clock.Now()},
		{management, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
		{management, s.clock.Now()},
	} {
		h, err := s.svc.Agreements().IsHIPAA(s.ctx, q.account, q.at)
		if !s.must(err) {
			return
		}
		s.say("   was %s a HIPAA Account on %s? %v", names[q.account], q.at.Format("2006-01-02"), h.HIPAA)
		s.say("     %s", h.Reason)
	}
}

// auditorPolicy is AWSArtifactReportsReadOnlyAccess limited to the SOC
// series and to the weeks of the audit.
const auditorPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Sid": "SOCReportsDuringTheAudit", "Effect": "Allow",
   "Action": ["artifact:GetReport", "artifact:GetReportMetadata", "artifact:GetTermForReport"], "Resource": "*",
   "Condition": {"StringEquals": {"artifact:ReportSeries": "SOC"},
                 "DateLessThan": {"aws:CurrentTime": "2026-04-01T00:00:00Z"}}}
]}`

// auditor: an external auditor downloads the SOC 2 report for its audit
// window and sees the gap after its period (R4, G3, N2).
func (s *story) auditor() {
	s.chapter("6. The external auditor")
	auditor := s.caller(management, "arn:aws:iam::111111111111:role/ExternalAuditor", nil, auditorPolicy)
	window := report.Window{Start: report.D(2025, 1, 1), End: report.D(2025, 12, 31)}
	best, ok, err := s.svc.Reports().BestReport(s.ctx, "SOC 2", window, s.clock.Now())
	if !s.must(err) || !ok {
		s.must(errors.New("no SOC 2 report covers the window"))
		return
	}
	r := best.Report
	s.say("   Audit window %s: the best SOC 2 report is %q (%s..%s).", window, r.Name, r.PeriodStart, r.PeriodEnd)
	s.say("   It leaves %d days after its period end uncovered: gap class %q, stale: %v (R4).", best.GapAfterDays, best.Gap, best.Stale)
	s.say("   AWS answers that gap with a SOC Continued Operations Letter.")

	term, err := s.svc.GetTermForReport(s.ctx, auditor, artifact.GetTermForReportInput{ReportID: r.ID, ReportVersion: new(r.Version)})
	if !s.must(err) {
		return
	}
	got, err := s.svc.GetReport(s.ctx, auditor, artifact.GetReportInput{ReportID: r.ID, ReportVersion: new(r.Version), TermToken: term.TermToken})
	if !s.must(err) {
		return
	}
	s.say("   The auditor accepts the terms and downloads it: %s", got.DocumentPresignedURL)
	s.say("   SHA-256 %s (R6)", got.Document.SHA256)

	_, err = s.svc.GetReportMetadata(s.ctx, auditor, artifact.GetReportMetadataInput{ReportID: "report-Iso27001Cert2025"})
	s.denied("the ISO 27001 certificate", err)
	_, err = s.svc.ListReports(s.ctx, auditor, artifact.ListReportsInput{})
	s.denied("the list of reports", err)
	_, err = s.svc.ListCustomerAgreements(s.ctx, auditor, artifact.ListCustomerAgreementsInput{})
	s.denied("the agreements", err)
	s.clock.Advance(40 * 24 * time.Hour)
	_, err = s.svc.GetTermForReport(s.ctx, auditor, artifact.GetTermForReportInput{ReportID: r.ID, ReportVersion: new(r.Version)})
	s.denied("the SOC 2 report again on "+s.clock.Now().Format("2 January 2006")+", after the audit (aws:CurrentTime)", err)
}

// trail shows the audit trail (G5).
func (s *story) trail() {
	s.chapter("7. The audit trail")
	all, err := s.svc.Audit().Query(s.ctx, audit.Filter{})
	if !s.must(err) {
		return
	}
	denied := 0
	for _, r := range all {
		if r.Decision == audit.Denied {
			denied++
		}
	}
	s.say("   %d calls recorded, %d of them denied; the hash chain verifies: %v.", len(all), denied, s.svc.Audit().Verify(s.ctx) == nil)
	mine, err := s.svc.Audit().Query(s.ctx, audit.Filter{Principal: "arn:aws:iam::111111111111:role/ExternalAuditor"})
	if !s.must(err) {
		return
	}
	for _, r := range mine {
		code := r.ErrorCode
		if code == "" {
			code = "ok"
		}
		s.say("   #%d %s %s %s %s", r.Seq, r.Time.Format("2006-01-02 15:04"), r.EventName, r.Decision, code)
	}
}

// events prints agreement events.
func (s *story) events(events []agreement.Event) {
	var all []agreement.Event
	for _, e := range events {
		// An organization agreement's coverage event stands for its
		// members: Expand yields theirs.
		for m, err := range s.svc.Agreements().Expand(s.ctx, e, "") {
			if !s.must(err) {
				return
			}
			all = append(all, m)
		}
	}
	for _, e := range all {
		switch e.Kind {
		case agreement.EventCoverageGained, agreement.EventCoverageLost:
			s.say("     event: %s %s (%s)", e.Kind, names[e.Account], e.Basis)
		default:
			s.say("     event: %s by %s (%s)", e.Kind, names[e.Account], e.State)
		}
	}
}

// hipaa prints whether each account is a HIPAA Account now, and why.
func (s *story) hipaa(accounts ...org.AccountID) {
	for _, a := range accounts {
		h, err := s.svc.Agreements().IsHIPAA(s.ctx, a, s.clock.Now())
		if !s.must(err) {
			return
		}
		s.say("   %s: %s", names[a], h.Reason)
	}
}

// caller compiles a principal of account.
func (s *story) caller(account org.AccountID, principal string, ctx map[string][]string, policies ...string) *artifact.Caller {
	id := artifact.Identity{Account: account, Principal: principal, Context: ctx}
	for _, p := range policies {
		d, err := policy.Parse([]byte(p), policy.Identity)
		if !s.must(err) {
			return nil
		}
		id.Policies = append(id.Policies, d)
	}
	c, err := artifact.NewCaller(id)
	s.must(err)
	return c
}
