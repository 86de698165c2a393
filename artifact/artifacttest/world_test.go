package artifacttest_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
	reportmem "github.com/artifactkit/artifactkit/report/memstore"
)

func d(s string) report.Date {
	dt, err := report.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return dt
}

func dates(ss ...string) []report.Date {
	out := make([]report.Date, len(ss))
	for i, s := range ss {
		out[i] = d(s)
	}
	return out
}

// TestReportsOnTheCalendar: every family has its versions on the calendar,
// 12-month periods with the right ends, published 45 days later, covering
// the two years before the start (R1, R3, R6, R7).
func TestReportsOnTheCalendar(t *testing.T) {
	w := artifacttest.New(t)
	cal := report.DefaultCalendar()
	tests := []struct {
		family, id, series string
		terms              report.AcceptanceType
		ends               []report.Date
	}{
		{artifacttest.FamilySOC1, artifacttest.SOC1ReportID, "SOC", report.Explicit, dates(
			"2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31")},
		{artifacttest.FamilySOC2, artifacttest.SOC2ReportID, "SOC", report.Explicit, dates(
			"2024-03-31", "2024-09-30", "2025-03-31", "2025-09-30")},
		{artifacttest.FamilySOC3, artifacttest.SOC3ReportID, "SOC", report.Passthrough, dates(
			"2024-03-31", "2024-09-30", "2025-03-31", "2025-09-30")},
		{artifacttest.FamilyISO27001, artifacttest.ISO27001ReportID, "ISO", report.Passthrough, dates("2024-11-30", "2025-11-30")},
		{artifacttest.FamilyPCIDSS, artifacttest.PCIDSSReportID, "PCI", report.Explicit, dates("2024-08-31", "2025-08-31")},
	}
	require.Equal(t, artifacttest.Families(), []string{tests[0].family, tests[1].family, tests[2].family, tests[3].family, tests[4].family})
	for _, tt := range tests {
		t.Run(tt.family, func(t *testing.T) {
			vs := w.Versions(tt.family)
			var ends []report.Date
			for i, r := range vs {
				ends = append(ends, r.PeriodEnd)
				require.NoError(t, report.ValidateID(r.ID))
				require.Equal(t, tt.id, r.ID)
				require.Equal(t, int64(i+1), r.Version)
				require.Equal(t, tt.series, r.Series)
				require.Equal(t, artifacttest.Category, r.Category)
				require.Equal(t, tt.terms, r.AcceptanceType)
				require.Equal(t, report.Type2, r.Type)
				require.Equal(t, r.PeriodEnd.AddDays(1).AddMonths(-12), r.PeriodStart, "a 12-month period")
				require.Equal(t, r.PeriodEnd.AddDays(artifacttest.PublicationDelayDays).Start(), r.PublishedAt)
				require.Equal(t, r.PublishedAt, r.CreatedAt, "published at its publication instant")
				require.True(t, r.Available(w.Clock.Now()))
				require.False(t, r.Scope.IsZero())
				// R6: the digest is that of the placeholder document.
				doc := w.ReportDocument(r.Ref())
				require.NotEmpty(t, doc)
				require.NoError(t, r.Verify(bytes.NewReader(doc)))
				require.Equal(t, report.Digest(sha256.Sum256(doc)), r.Document.SHA256)
				if s, ok := cal.Schedule(tt.family); ok { // R3
					require.Contains(t, s.PeriodEnds, report.MonthDay{Month: r.PeriodEnd.Month, Day: r.PeriodEnd.Day})
					days := report.DateOf(r.PublishedAt).Sub(r.PeriodEnd)
					require.True(t, days >= s.ReleaseFrom && days <= s.ReleaseTo, "released %d days after", days)
				}
				if tt.family == artifacttest.FamilySOC2 || tt.family == artifacttest.FamilySOC3 { // R7
					require.True(t, r.Covers(report.Security))
					require.False(t, r.Covers(report.ProcessingIntegrity))
					require.Equal(t, !r.PeriodEnd.Before(d("2025-01-01")), r.Covers(report.Privacy))
				} else {
					require.Empty(t, r.TrustCategories)
				}
			}
			require.Empty(t, cmp.Diff(tt.ends, ends))
			latest := w.Latest(tt.family)
			require.Equal(t, vs[len(vs)-1], latest)
			got, ok := w.Report(tt.family, tt.ends[0])
			require.True(t, ok)
			require.Equal(t, vs[0], got)

			// The service answers the same: version 0 is the latest.
			meta, err := w.Service.GetReportMetadata(context.Background(), w.Root(artifacttest.ManagementAccount),
				artifact.GetReportMetadataInput{ReportID: tt.id})
			require.NoError(t, err)
			require.Equal(t, latest, meta.ReportDetails)
		})
	}
	require.Empty(t, w.Versions("SOC 4"))
	require.Zero(t, w.Latest("SOC 4"))
	_, ok := w.Report(artifacttest.FamilySOC2, d("2025-06-30"))
	require.False(t, ok)
	require.Nil(t, w.ReportDocument(report.Ref{ID: artifacttest.SOC2ReportID, Version: 99}))
}

// TestStart: the catalog follows the clock's start.
func TestStart(t *testing.T) {
	tests := []struct {
		start      time.Time
		soc2Latest report.Date
		soc2Count  int
	}{
		{time.Time{}, d("2025-09-30"), 4},
		{time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC), d("2024-09-30"), 4},
		// 2026-03-31 is published on 2026-05-15, 2024-03-31 falls out.
		{time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC), d("2026-03-31"), 4},
		{time.Date(2026, 5, 14, 0, 0, 0, 0, time.UTC), d("2025-09-30"), 3},
	}
	for _, tt := range tests {
		t.Run(tt.start.String(), func(t *testing.T) {
			w := artifacttest.NewWithOptions(t, artifacttest.Options{Start: tt.start})
			want := tt.start
			if want.IsZero() {
				want = artifacttest.DefaultStart()
			}
			require.Equal(t, want, w.Start)
			require.Equal(t, want, w.Clock.Now())
			require.Equal(t, want.AddDate(-2, 0, 0), w.Founded)
			require.Equal(t, tt.soc2Latest, w.Latest(artifacttest.FamilySOC2).PeriodEnd)
			require.Len(t, w.Versions(artifacttest.FamilySOC2), tt.soc2Count)
		})
	}
}

// TestBestReportCalendarYear: for the calendar year before the clock's,
// the best SOC 2 is the one ending 9/30, with a 92-day gap that a
// continued operations letter answers (R4).
func TestBestReportCalendarYear(t *testing.T) {
	w := artifacttest.New(t)
	window := report.Window{Start: d("2025-01-01"), End: d("2025-12-31")}
	tests := []struct {
		family string
		end    report.Date
		gap    int
		class  report.GapClass
	}{
		{artifacttest.FamilySOC1, d("2025-12-31"), 0, report.GapNone},
		{artifacttest.FamilySOC2, d("2025-09-30"), 92, report.GapLetter},
		{artifacttest.FamilySOC3, d("2025-09-30"), 92, report.GapLetter},
		{artifacttest.FamilyISO27001, d("2025-11-30"), 31, report.GapLetter},
		{artifacttest.FamilyPCIDSS, d("2025-08-31"), 122, report.GapExtraProcedures},
	}
	for _, tt := range tests {
		t.Run(tt.family, func(t *testing.T) {
			cov, ok, err := w.Service.Reports().BestReport(context.Background(), tt.family, window, w.Clock.Now())
			require.NoError(t, err)
			require.True(t, ok)
			want, _ := w.Report(tt.family, tt.end)
			require.Equal(t, want.Ref(), cov.Report.Ref())
			require.Equal(t, tt.gap, cov.GapAfterDays)
			require.Equal(t, tt.class, cov.Gap)
			require.Zero(t, cov.UncoveredBeforeDays)
			require.False(t, cov.Stale)
		})
	}
}

// opState carries what one principal's calls hand each other, as tokens
// flow in AWS.
type opState struct {
	termToken string
	nda       artifact.GetNdaForAgreementOutput
	getToken  string
	view      artifact.GetAgreementOutput
	ca        agreement.CustomerAgreementID
	terminate string
}

type op struct {
	name   string
	action string // the action a denial names
	call   func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, st *opState) error
}

// ops are the operations the managed-policy test makes, in order.
var ops = []op{
	{"ListReports", "artifact:ListReports", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, _ *opState) error {
		_, err := w.Service.ListReports(ctx, c, artifact.ListReportsInput{})
		return err
	}},
	{"ListReportVersions", "artifact:ListReportVersions", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, _ *opState) error {
		_, err := w.Service.ListReportVersions(ctx, c, artifact.ListReportVersionsInput{ReportID: artifacttest.SOC2ReportID})
		return err
	}},
	{"GetReportMetadata", "artifact:GetReportMetadata", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, _ *opState) error {
		_, err := w.Service.GetReportMetadata(ctx, c, artifact.GetReportMetadataInput{ReportID: artifacttest.SOC2ReportID})
		return err
	}},
	{"GetTermForReport", "artifact:GetTermForReport", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, st *opState) error {
		out, err := w.Service.GetTermForReport(ctx, c, artifact.GetTermForReportInput{ReportID: artifacttest.SOC2ReportID})
		if err == nil {
			st.termToken = out.TermToken
		}
		return err
	}},
	{"GetReport", "artifact:GetReport", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, st *opState) error {
		_, err := w.Service.GetReport(ctx, c, artifact.GetReportInput{ReportID: artifacttest.SOC2ReportID, TermToken: st.termToken})
		return err
	}},
	{"GetReportMetadata of SOC 1", "artifact:GetReportMetadata", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, _ *opState) error {
		_, err := w.Service.GetReportMetadata(ctx, c, artifact.GetReportMetadataInput{ReportID: artifacttest.SOC1ReportID})
		return err
	}},
	{"ListAgreements", "artifact:ListAgreements", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, _ *opState) error {
		_, err := w.Service.ListAgreements(ctx, c, artifact.ListAgreementsInput{})
		return err
	}},
	{"GetNdaForAgreement", "artifact:GetNdaForAgreement", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, st *opState) error {
		out, err := w.Service.GetNdaForAgreement(ctx, c, artifact.GetNdaForAgreementInput{AgreementID: artifacttest.NZNDB})
		if err == nil {
			st.nda = *out
		}
		return err
	}},
	{"AcceptNdaForAgreement", "artifact:AcceptNdaForAgreement", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, st *opState) error {
		out, err := w.Service.AcceptNdaForAgreement(ctx, c, artifact.AcceptNdaForAgreementInput{
			AgreementID: artifacttest.NZNDB, AgreementRevisionID: st.nda.AgreementRevisionID, NdaToken: st.nda.AcceptNdaForAgreementToken})
		if err == nil {
			st.getToken = out.GetAgreementToken
		}
		return err
	}},
	{"GetAgreement", "artifact:GetAgreement", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, st *opState) error {
		out, err := w.Service.GetAgreement(ctx, c, artifact.GetAgreementInput{AgreementID: artifacttest.NZNDB, NdaToken: st.getToken})
		if err == nil {
			st.view = *out
		}
		return err
	}},
	{"AcceptAgreement", "artifact:AcceptAgreement", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, st *opState) error {
		_, err := w.Service.AcceptAgreement(ctx, c, artifact.AcceptAgreementInput{AgreementID: artifacttest.NZNDB,
			AgreementRevisionID: st.view.AgreementRevisionID, AcceptanceTermsToken: st.view.AcceptanceTermsToken,
			ExecuteAgreementToken: st.view.ExecuteAgreementToken})
		return err
	}},
	{"ListCustomerAgreements", "artifact:ListCustomerAgreements", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, _ *opState) error {
		_, err := w.Service.ListCustomerAgreements(ctx, c, artifact.ListCustomerAgreementsInput{})
		return err
	}},
	{"GetCustomerAgreement", "artifact:GetCustomerAgreement", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, st *opState) error {
		out, err := w.Service.GetCustomerAgreement(ctx, c, artifact.GetCustomerAgreementInput{CustomerAgreementID: st.ca})
		if err == nil {
			st.terminate = out.TerminateAgreementToken
		}
		return err
	}},
	{"TerminateAgreement", "artifact:TerminateAgreement", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, st *opState) error {
		_, err := w.Service.TerminateAgreement(ctx, c, artifact.TerminateAgreementInput{CustomerAgreementID: st.ca, TerminateAgreementToken: st.terminate})
		return err
	}},
	{"GetAccountSettings", "artifact:GetAccountSettings", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, _ *opState) error {
		_, err := w.Service.GetAccountSettings(ctx, c)
		return err
	}},
	{"EnableTrustedAccess", "organizations:EnableAWSServiceAccess", func(ctx context.Context, w *artifacttest.World, c *artifact.Caller, _ *opState) error {
		_, err := w.Service.EnableTrustedAccess(ctx, c)
		return err
	}},
}

// TestManagedPolicies: each principal is allowed exactly the operations
// its policy grants (the managed policies and User Guide examples of
// policies.go) and denied the others with an
// AccessDeniedException naming the missing action in the console's words
// (G1, G3, G4, G6).
func TestManagedPolicies(t *testing.T) {
	reports := []string{"ListReports", "ListReportVersions", "GetReportMetadata", "GetTermForReport", "GetReport", "GetReportMetadata of SOC 1"}
	agreementsRead := []string{"ListAgreements", "ListCustomerAgreements", "GetCustomerAgreement"}
	tests := []struct {
		principal string // "" is the management account's root user
		allowed   []string
	}{
		{"", nil}, // everything
		{artifacttest.ReportsReader, reports},
		{artifacttest.SomeReportsReader, []string{"ListReports", "GetReportMetadata", "GetTermForReport", "GetReport", "GetReportMetadata of SOC 1"}},
		{artifacttest.AgreementsReader, agreementsRead},
		{artifacttest.AgreementsAdmin, append(slices.Clone(agreementsRead), "GetNdaForAgreement", "AcceptNdaForAgreement",
			"GetAgreement", "AcceptAgreement", "TerminateAgreement", "EnableTrustedAccess")},
		{artifacttest.Auditor, []string{"GetReportMetadata", "GetTermForReport", "GetReport"}},
		{artifacttest.NoPolicy, []string{}},
	}
	require.Len(t, tests, len(artifacttest.Principals())+1)
	for _, tt := range tests {
		name := tt.principal
		if name == "" {
			name = "root"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			w := artifacttest.New(t)
			c := w.Root(artifacttest.ManagementAccount)
			if tt.principal != "" {
				c = w.Caller(tt.principal)
			}
			// A customer agreement to read and terminate.
			acc, err := w.AcceptAgreement(ctx, w.Root(artifacttest.ManagementAccount), artifacttest.BAA, agreement.ScopeAccount)
			require.NoError(t, err)
			st := &opState{ca: acc.CustomerAgreement.ID}
			for _, o := range ops {
				err := o.call(ctx, w, c, st)
				if tt.allowed == nil || slices.Contains(tt.allowed, o.name) {
					require.NoError(t, err, o.name)
					continue
				}
				var denied *artifact.AccessDeniedException
				require.True(t, errors.As(err, &denied), "%s: want AccessDeniedException, got %v", o.name, err)
				require.Equal(t, o.action, denied.Action, o.name)
				require.Equal(t, c.Principal(), denied.Principal)
				require.False(t, denied.ExplicitDeny)
				require.Contains(t, denied.Console, o.action, "G4: the console names the permission")
			}
		})
	}
}

// TestSomeReportsCondition: the SOC, PCI and ISO policy allows only those
// series in its category; the managed read-only policy allows any (G7).
func TestSomeReportsCondition(t *testing.T) {
	ctx := context.Background()
	w := artifacttest.New(t)
	extra := []report.Report{
		{ID: "report-c500000000000001", Name: "C5 Attestation", Series: "C5", Category: artifacttest.Category},
		{ID: "report-soc9000000000001", Name: "SOC for Cybersecurity", Series: "SOC", Category: "Third-Party Reports", Family: "SOC Cybersecurity"},
	}
	for _, r := range extra {
		r.PeriodStart, r.PeriodEnd = d("2025-01-01"), d("2025-12-31")
		r.AcceptanceType = report.Explicit
		r.Document = report.Document{SHA256: sha256.Sum256([]byte(r.Name))}
		_, err := w.Service.PublishReport(ctx, r)
		require.NoError(t, err)
	}
	tests := []struct {
		principal, report string
		allowed           bool
	}{
		{artifacttest.SomeReportsReader, artifacttest.SOC2ReportID, true},
		{artifacttest.SomeReportsReader, artifacttest.PCIDSSReportID, true},
		{artifacttest.SomeReportsReader, artifacttest.ISO27001ReportID, true},
		{artifacttest.SomeReportsReader, extra[0].ID, false},
		{artifacttest.SomeReportsReader, extra[1].ID, false},
		{artifacttest.ReportsReader, extra[0].ID, true},
		{artifacttest.ReportsReader, extra[1].ID, true},
		{artifacttest.Auditor, artifacttest.SOC2ReportID, true},
		{artifacttest.Auditor, artifacttest.SOC3ReportID, false},
	}
	for _, tt := range tests {
		t.Run(tt.principal+"/"+tt.report, func(t *testing.T) {
			_, err := w.DownloadReport(ctx, w.Caller(tt.principal), tt.report, 0)
			if tt.allowed {
				require.NoError(t, err)
				return
			}
			var denied *artifact.AccessDeniedException
			require.ErrorAs(t, err, &denied)
			require.Equal(t, "artifact:GetTermForReport", denied.Action)
		})
	}
}

// TestOrganization: the members are members at the clock's instant, and
// were not before the organization was founded (A3-A5).
func TestOrganization(t *testing.T) {
	ctx := context.Background()
	w := artifacttest.New(t)
	dir := w.Service.Organizations()
	o, err := dir.Organization(ctx, artifacttest.OrgID)
	require.NoError(t, err)
	require.Equal(t, artifacttest.ManagementAccount, o.ManagementAccount)
	require.Equal(t, org.AllFeatures, o.FeatureSet)
	require.True(t, o.ArtifactEnabled())
	require.Equal(t, w.Founded, o.Created)

	members, err := dir.Members(ctx, artifacttest.OrgID, w.Clock.Now())
	require.NoError(t, err)
	require.Equal(t, artifacttest.OrganizationAccounts(), members)
	before, err := dir.Members(ctx, artifacttest.OrgID, w.Founded.Add(-time.Second))
	require.NoError(t, err)
	require.Empty(t, before)

	tests := []struct {
		account org.AccountID
		in      org.ID
		kind    org.ChangeKind
	}{
		{artifacttest.ManagementAccount, artifacttest.OrgID, org.Founded},
		{artifacttest.ClinicalAccount, artifacttest.OrgID, org.Joined},
		{artifacttest.ResearchAccount, artifacttest.OrgID, org.Created},
		{artifacttest.BillingAccount, artifacttest.OrgID, org.Created},
		{artifacttest.StandaloneAccount, "", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.account), func(t *testing.T) {
			m, err := dir.OrganizationOf(ctx, tt.account, w.Clock.Now())
			require.NoError(t, err)
			require.Equal(t, tt.in, m.Org)
			require.Equal(t, tt.kind, m.Last.Kind)
			require.True(t, w.Root(tt.account).IsRoot())
			require.Equal(t, tt.account, w.Root(tt.account).Account())
		})
	}
}

// TestAgreementCatalog: the four agreements, their scopes, and revisions
// whose digests are those of the placeholder documents; nothing accepted.
func TestAgreementCatalog(t *testing.T) {
	ctx := context.Background()
	w := artifacttest.New(t)
	out, err := w.Service.ListAgreements(ctx, w.Caller(artifacttest.AgreementsAdmin), artifact.ListAgreementsInput{})
	require.NoError(t, err)
	var ids []agreement.ID
	for _, a := range out.Agreements {
		ids = append(ids, a.ID)
	}
	require.Equal(t, artifacttest.Agreements(), ids)

	hexSHA := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	tests := []struct {
		id   agreement.ID
		kind agreement.Kind
		org  bool
	}{
		{artifacttest.BAA, agreement.KindBAA, true},
		{artifacttest.ANDB, agreement.KindAddendum, true},
		{artifacttest.NZNDB, agreement.KindAddendum, true},
		{artifacttest.AccountOnly, agreement.KindCustom, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			a, err := w.Service.Agreements().Agreement(ctx, tt.id)
			require.NoError(t, err)
			require.Equal(t, tt.kind, a.Kind)
			require.True(t, a.Offers(agreement.ScopeAccount))
			require.Equal(t, tt.org, a.Offers(agreement.ScopeOrganization))
			rev := a.Current()
			require.True(t, rev.ID.IsValid())
			require.Equal(t, w.Founded, rev.Published)
			require.NotEmpty(t, rev.AcceptanceTerms)
			require.NotEmpty(t, rev.TerminateTerms)
			require.Equal(t, hexSHA(w.AgreementDocument(tt.id)), rev.DocumentSHA256.String())
			require.Equal(t, hexSHA(w.NDADocument(tt.id)), rev.NDASHA256.String())
		})
	}
	hipaa, err := w.Service.Agreements().HIPAAAccounts(ctx, artifacttest.OrgID, w.Clock.Now())
	require.NoError(t, err)
	for _, h := range hipaa {
		require.False(t, h.HIPAA, "nothing is accepted: %s", h.Account)
	}
	require.Nil(t, w.AgreementDocument("agreement-none000000000001"))
}

// TestOrganizationBAA: the agreements admin of the management account
// accepts the BAA for the organization, and every member becomes a HIPAA
// Account (A1, A5, H2); terminating it ends that (H4).
func TestOrganizationBAA(t *testing.T) {
	ctx := context.Background()
	w := artifacttest.New(t)
	admin := w.Caller(artifacttest.AgreementsAdmin)
	out, err := w.AcceptAgreement(ctx, admin, artifacttest.BAA, agreement.ScopeOrganization)
	require.NoError(t, err)
	require.Equal(t, artifacttest.OrgID, out.CustomerAgreement.Organization)
	for _, a := range artifacttest.OrganizationAccounts() {
		h, err := w.Service.Agreements().IsHIPAA(ctx, a, w.Clock.Now())
		require.NoError(t, err)
		require.True(t, h.HIPAA, a)
	}
	// A member cannot accept for the organization (A2).
	member, err := artifacttest.NewCaller(artifacttest.ClinicalAccount, "admin", artifacttest.AgreementsFullAccessPolicy)
	require.NoError(t, err)
	_, err = w.AcceptAgreement(ctx, member, artifacttest.ANDB, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrNotManagementAccount)

	w.Clock.Advance(time.Hour)
	_, err = w.TerminateAgreement(ctx, admin, out.CustomerAgreement.ID)
	require.NoError(t, err)
	h, err := w.Service.Agreements().IsHIPAA(ctx, artifacttest.ResearchAccount, w.Clock.Now())
	require.NoError(t, err)
	require.False(t, h.HIPAA)
}

// TestDeterministic: the same options give the same world, tokens
// included; another seed gives other tokens.
func TestDeterministic(t *testing.T) {
	token := func(seed byte) string {
		w := artifacttest.NewWithOptions(t, artifacttest.Options{Seed: [32]byte{seed}})
		out, err := w.Service.GetTermForReport(context.Background(), w.Caller(artifacttest.Auditor),
			artifact.GetTermForReportInput{ReportID: artifacttest.SOC2ReportID})
		require.NoError(t, err)
		return out.TermToken
	}
	require.Equal(t, token(1), token(1))
	require.NotEqual(t, token(1), token(2))
	a, b := artifacttest.New(t), artifacttest.New(t)
	require.Empty(t, cmp.Diff(a.Versions(artifacttest.FamilySOC1), b.Versions(artifacttest.FamilySOC1)))
}

// TestServiceOptions: the service options are applied, but cannot take the
// clock away from the fixture.
func TestServiceOptions(t *testing.T) {
	other := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	w, err := artifacttest.NewWorld(artifacttest.Options{ServiceOptions: []artifact.Option{
		artifact.WithTokenLifetime(time.Minute),
		artifact.WithClock(func() time.Time { return other }),
	}})
	require.NoError(t, err)
	require.Equal(t, w.Start, w.Service.Now())
	out, err := w.Service.GetTermForReport(context.Background(), w.Caller(artifacttest.ReportsReader),
		artifact.GetTermForReportInput{ReportID: artifacttest.SOC1ReportID})
	require.NoError(t, err)
	require.Equal(t, w.Start.Add(time.Minute), out.Expires)

	_, err = artifacttest.NewWorld(artifacttest.Options{ServiceOptions: []artifact.Option{artifact.WithRegion("nowhere")}})
	require.Error(t, err)
}

// cancelling is a report store that cancels the world's context when the
// first version is put, as a signal arriving mid-way would.
type cancelling struct {
	report.Store
	cancel context.CancelFunc
}

func (c cancelling) PutReport(ctx context.Context, r report.Report) (report.Report, error) {
	c.cancel()
	return c.Store.PutReport(ctx, r)
}

// TestNewWorldContext: a world whose context is done, before or while it
// is built, is not built, and the error says why.
func TestNewWorldContext(t *testing.T) {
	done, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := artifacttest.NewWorldContext(done, artifacttest.Options{})
	require.ErrorIs(t, err, context.Canceled)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = artifacttest.NewWorldContext(ctx, artifacttest.Options{ServiceOptions: []artifact.Option{
		artifact.WithReportStore(cancelling{Store: reportmem.New(), cancel: cancel}),
	}})
	require.ErrorIs(t, err, context.Canceled)

	w, err := artifacttest.NewWorldContext(context.Background(), artifacttest.Options{})
	require.NoError(t, err)
	require.NotEmpty(t, w.Versions(artifacttest.FamilySOC2))
}

// TestAuditTrail: building the world leaves an intact, chronological
// trail (G5).
func TestAuditTrail(t *testing.T) {
	ctx := context.Background()
	w := artifacttest.New(t)
	require.NoError(t, w.Service.Audit().Verify(ctx))
	recs, err := w.Service.Audit().Query(ctx, audit.Filter{})
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	for i := 1; i < len(recs); i++ {
		require.False(t, recs[i].Time.Before(recs[i-1].Time), "record %d", recs[i].Seq)
	}
}

// TestNewCaller: policies are parsed, bad ones refused.
func TestNewCaller(t *testing.T) {
	tests := []struct {
		name     string
		account  org.AccountID
		policies []string
		ok       bool
	}{
		{"reader", artifacttest.ClinicalAccount, []string{artifacttest.ReportsReadOnlyPolicy}, true},
		{"two-policies", artifacttest.ClinicalAccount, []string{artifacttest.SomeReportsPolicy, artifacttest.AgreementsReadOnlyPolicy}, true},
		{"auditor", artifacttest.ClinicalAccount, []string{artifacttest.OneReportPolicy(artifacttest.PCIDSSReportID)}, true},
		{"none", artifacttest.ClinicalAccount, nil, true},
		{"bad-json", artifacttest.ClinicalAccount, []string{`{"Version": "2012-10-17"`}, false},
		{"bad-account", "1234", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := artifacttest.NewCaller(tt.account, tt.name, tt.policies...)
			if !tt.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, "arn:aws:iam::"+string(tt.account)+":user/"+tt.name, c.Principal())
		})
	}
	w := artifacttest.New(t)
	require.Panics(t, func() { w.Caller("nobody") })
	require.Panics(t, func() { w.Root("1234") })
	require.Equal(t, "arn:aws:iam::444455556666:root", w.Root("444455556666").Principal())
}

// TestClock: Set and Advance, and concurrent use.
func TestClock(t *testing.T) {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	tests := []struct {
		name string
		move func(c *artifacttest.Clock)
		want time.Time
	}{
		{"unmoved", func(*artifacttest.Clock) {}, start.UTC()},
		{"advance", func(c *artifacttest.Clock) { c.Advance(90 * time.Minute) }, start.UTC().Add(90 * time.Minute)},
		{"set", func(c *artifacttest.Clock) { c.Set(start.AddDate(1, 0, 0)) }, start.AddDate(1, 0, 0).UTC()},
		{"back", func(c *artifacttest.Clock) { c.Advance(-time.Hour) }, start.UTC().Add(-time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := artifacttest.NewClock(start)
			tt.move(c)
			require.Equal(t, tt.want, c.Now())
			require.Equal(t, time.UTC, c.Now().Location())
		})
	}

	c := artifacttest.NewClock(start)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				c.Advance(time.Second)
				_ = c.Now()
			}
		})
	}
	wg.Wait()
	require.Equal(t, start.UTC().Add(800*time.Second), c.Now())
}
