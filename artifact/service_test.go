package artifact_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// G1: the root user needs no policy, an administrator (Allow * on *) may do
// everything, anyone else needs the action.
func TestG1_RootAndAdministrators(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name   string
		caller *artifact.Caller
		ok     bool
	}{
		{"root", root(t, member), true},
		{"administrator", caller(t, member, "arn:aws:iam::222222222222:role/Admin", nil, allowAll), true},
		{"no policy", caller(t, member, "arn:aws:iam::222222222222:user/intern", nil), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.ListReports(bg, tc.caller, artifact.ListReportsInput{})
			require.Equal(t, tc.ok, err == nil, "ListReports: %v", err)
			_, err = f.download(t, tc.caller, f.soc2)
			require.Equal(t, tc.ok, err == nil, "GetReport: %v", err)
			_, err = f.svc.GetAccountSettings(bg, tc.caller)
			require.Equal(t, tc.ok, err == nil, "GetAccountSettings: %v", err)
			_, err = f.svc.ListAgreements(bg, tc.caller, artifact.ListAgreementsInput{})
			require.Equal(t, tc.ok, err == nil, "ListAgreements: %v", err)
		})
	}
}

// G2: a report may be downloaded any number of times with its term token.
func TestG2_UnlimitedDownloads(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	term, err := f.svc.GetTermForReport(bg, c, artifact.GetTermForReportInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	for range 50 {
		out, err := f.svc.GetReport(bg, c, artifact.GetReportInput{ReportID: f.soc2.ID, TermToken: term.TermToken})
		require.NoError(t, err)
		require.Equal(t, f.soc2.Document.SHA256, out.Document.SHA256)
	}
}

// G3: an auditor's principal reads the reports of its audit and nothing
// else.
func TestG3_AuditorScopedToOneReport(t *testing.T) {
	f := newFixture(t)
	auditor := caller(t, member, "arn:aws:iam::222222222222:role/ExternalAuditor", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["artifact:GetReportMetadata","artifact:GetTermForReport","artifact:GetReport"],
		 "Resource":"arn:aws:artifact:us-east-1::report/report-jRVRFP8HxUN5zpPh:*"}]}`)
	_, err := f.download(t, auditor, f.soc2)
	require.NoError(t, err)
	_, err = f.download(t, auditor, f.pci)
	requireDenied(t, err, "artifact:GetTermForReport", f.pci.ARN)
	_, err = f.svc.ListReports(bg, auditor, artifact.ListReportsInput{})
	requireDenied(t, err, "artifact:ListReports", "*")
	_, err = f.svc.GetNdaForAgreement(bg, auditor, artifact.GetNdaForAgreementInput{AgreementID: baa})
	requireDenied(t, err, "artifact:GetNdaForAgreement", "arn:aws:artifact:::agreement/agreement-baa0000000000001")
}

func requireDenied(t *testing.T, err error, action, resource string) *artifact.AccessDeniedException {
	t.Helper()
	var ad *artifact.AccessDeniedException
	require.True(t, errors.As(err, &ad), "want AccessDeniedException, got %v", err)
	require.Equal(t, action, ad.Action)
	require.Equal(t, resource, ad.Resource)
	return ad
}

// G4: a denial reads like CloudTrail, names the missing permission in the
// console's words, says whether a Deny decided, and explains which
// statements matched.
func TestG4_DenialSaysWhichPermission(t *testing.T) {
	f := newFixture(t)
	power := caller(t, member, "arn:aws:iam::222222222222:user/power", nil, allowAll,
		`{"Version":"2012-10-17","Statement":[{"Sid":"NoAccept","Effect":"Deny","Action":"artifact:AcceptAgreement","Resource":"*"}]}`)
	_, err := f.acceptAs(t, power, baa, agreement.ScopeAccount)
	ad := requireDenied(t, err, "artifact:AcceptAgreement", "arn:aws:artifact:::agreement/agreement-baa0000000000001")
	require.True(t, ad.ExplicitDeny)
	require.Equal(t, "User: arn:aws:iam::222222222222:user/power is not authorized to perform: artifact:AcceptAgreement on resource: "+
		"arn:aws:artifact:::agreement/agreement-baa0000000000001 with an explicit deny", ad.Message)
	require.Contains(t, ad.Console, "You don't have the permissions to accept the agreement")
	require.Contains(t, ad.Console, "artifact:AcceptAgreement")
	require.Contains(t, ad.Explanation, "(NoAccept) Deny")
	require.Contains(t, ad.Explanation, "policy0.Statement[0] Allow")
	require.Equal(t, 403, ad.HTTPStatusCode())

	intern := caller(t, member, "arn:aws:iam::222222222222:user/intern", nil)
	_, err = f.svc.GetTermForReport(bg, intern, artifact.GetTermForReportInput{ReportID: f.soc2.ID, ReportVersion: new(int64(1))})
	ad = requireDenied(t, err, "artifact:GetTermForReport", f.soc2.ARN)
	require.False(t, ad.ExplicitDeny)
	require.Contains(t, ad.Console, "You don't have the permissions to download this report")
}

// G4: authorization comes first: a denied call says nothing of what exists,
// neither an unknown report nor a missing token, nor a report's latest
// version.
func TestG4_AuthorizationBeforeValidation(t *testing.T) {
	f := newFixture(t)
	intern := caller(t, member, "arn:aws:iam::222222222222:user/intern", nil)
	_, err1 := f.svc.GetReportMetadata(bg, intern, artifact.GetReportMetadataInput{ReportID: f.soc2.ID})
	_, err2 := f.svc.GetReportMetadata(bg, intern, artifact.GetReportMetadataInput{ReportID: "report-DoesNotExist0001"})
	require.Equal(t, strings.Replace(err1.Error(), f.soc2.ID, "report-DoesNotExist0001", 1), err2.Error())
	_, err := f.svc.GetReport(bg, intern, artifact.GetReportInput{ReportID: "report-DoesNotExist0001", ReportVersion: new(int64(1))})
	requireDenied(t, err, "artifact:GetReport", "arn:aws:artifact:us-east-1::report/report-DoesNotExist0001:1")
	_, err = f.svc.GetReport(bg, root(t, member), artifact.GetReportInput{ReportID: "report-DoesNotExist0001", ReportVersion: new(int64(1))})
	var nf *artifact.ResourceNotFoundException
	require.True(t, errors.As(err, &nf), "%v", err)
	require.True(t, errors.Is(err, report.ErrNotFound))
	_, err = f.svc.GetReport(bg, root(t, member), artifact.GetReportInput{ReportID: f.soc2.ID})
	var ve *artifact.ValidationException
	require.True(t, errors.As(err, &ve), "%v", err)
	require.Equal(t, "termToken", ve.FieldList[0].Name)
}

// G5: every call, allowed or denied, leaves a record naming who, what,
// which resource, when and the decision; tokens are hidden as CloudTrail
// hides them; the trail verifies and answers queries.
func TestG5_AuditTrail(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	intern := caller(t, member, "arn:aws:iam::222222222222:user/intern", nil)
	_, err := f.download(t, c, f.soc2)
	require.NoError(t, err)
	f.clock.Advance(time.Minute)
	_, err = f.svc.GetReport(bg, intern, artifact.GetReportInput{ReportID: f.soc2.ID, TermToken: "term-token-abcdefghijklm01234567890"})
	require.Error(t, err)

	recs, err := f.svc.Audit().Query(bg, audit.Filter{Resource: f.soc2.ARN})
	require.NoError(t, err)
	type brief struct {
		Event, Principal string
		Account          aws.AccountID
		Action           string
		Decision         audit.Decision
		Code             string
		Params           []audit.Param
	}
	var got []brief
	for _, r := range recs {
		if r.Principal == artifact.ServicePrincipal {
			continue
		}
		got = append(got, brief{r.EventName, r.Principal, r.Account, r.Action, r.Decision, r.ErrorCode, r.Params})
	}
	tokenParams := []audit.Param{{Name: "reportId", Value: f.soc2.ID}, {Name: "reportVersion", Value: "1"}, {Name: "termToken", Value: "HIDDEN_DUE_TO_SECURITY_REASONS"}}
	want := []brief{
		{"GetTermForReport", "arn:aws:iam::222222222222:root", "222222222222", "artifact:GetTermForReport", audit.Allowed, "", tokenParams[:2]},
		{"GetReport", "arn:aws:iam::222222222222:root", "222222222222", "artifact:GetReport", audit.Allowed, "", tokenParams},
	}
	require.Empty(t, cmp.Diff(want, got))

	denied, err := f.svc.Audit().Query(bg, audit.Filter{Principal: "arn:aws:iam::222222222222:user/intern", From: start.Add(30 * time.Second)})
	require.NoError(t, err)
	require.Len(t, denied, 1)
	require.Equal(t, start.Add(time.Minute), denied[0].Time)
	// The denial names the report as the caller did, without a version.
	require.Equal(t, "arn:aws:artifact:us-east-1::report/report-jRVRFP8HxUN5zpPh", denied[0].Resource)
	require.Equal(t, audit.Denied, denied[0].Decision)
	require.Equal(t, "AccessDeniedException", denied[0].ErrorCode)
	require.Equal(t, []audit.Param{{Name: "reportId", Value: f.soc2.ID}, {Name: "termToken", Value: "HIDDEN_DUE_TO_SECURITY_REASONS"}}, denied[0].Params)
	require.NoError(t, f.svc.Audit().Verify(bg))
}

// G6: under the legacy model reports need artifact:Get on their report
// package, reading an agreement needs artifact:DownloadAgreement, and
// accepting needs it as well as artifact:AcceptAgreement.
func TestG6_LegacyModel(t *testing.T) {
	f := newFixture(t)
	legacy := func(policies ...string) *artifact.Caller {
		id := artifact.Identity{Account: member, Principal: "arn:aws:iam::222222222222:user/old", Model: artifact.Legacy}
		for _, p := range policies {
			id.Policies = append(id.Policies, policy.MustParse([]byte(p), policy.Identity))
		}
		c, err := artifact.NewCaller(id)
		require.NoError(t, err)
		return c
	}
	socOnly := legacy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:Get",
		"Resource":"arn:aws:artifact:::report-package/Certifications and Attestations/SOC/*"}]}`)
	_, err := f.download(t, socOnly, f.soc2)
	require.NoError(t, err)
	_, err = f.download(t, socOnly, f.pci)
	requireDenied(t, err, "artifact:Get", "arn:aws:artifact:::report-package/Certifications and Attestations/PCI/PCI DSS Attestation of Compliance")
	list, err := f.svc.ListReports(bg, socOnly, artifact.ListReportsInput{})
	require.NoError(t, err)
	require.Len(t, list.Reports, 1, "the legacy listing shows the packages the caller may get")
	require.Equal(t, f.soc2.ID, list.Reports[0].ID)

	// The fine-grained actions do not open anything under the legacy model.
	fine := legacy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["artifact:GetReport","artifact:GetTermForReport","artifact:GetAgreement","artifact:GetNdaForAgreement","artifact:AcceptNdaForAgreement","artifact:AcceptAgreement"],"Resource":"*"}]}`)
	_, err = f.download(t, fine, f.soc2)
	requireDenied(t, err, "artifact:Get", "arn:aws:artifact:::report-package/Certifications and Attestations/SOC/SOC 2 Type 2 Report")
	_, err = f.svc.GetNdaForAgreement(bg, fine, artifact.GetNdaForAgreementInput{AgreementID: baa})
	requireDenied(t, err, "artifact:DownloadAgreement", "arn:aws:artifact:::agreement/agreement-baa0000000000001")

	download := legacy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:DownloadAgreement","Resource":"*"}]}`)
	_, err = f.acceptAs(t, download, baa, agreement.ScopeAccount)
	requireDenied(t, err, "artifact:AcceptAgreement", "arn:aws:artifact:::agreement/agreement-baa0000000000001")
	both := legacy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["artifact:DownloadAgreement","artifact:AcceptAgreement"],"Resource":"*"}]}`)
	_, err = f.acceptAs(t, both, baa, agreement.ScopeAccount)
	require.NoError(t, err)
	require.Equal(t, "legacy", artifact.Legacy.String())
}

// G7: artifact:ReportSeries and artifact:ReportCategory are in the context
// of actions on a report, and only those.
func TestG7_ReportConditionKeys(t *testing.T) {
	f := newFixture(t)
	soc := caller(t, member, "arn:aws:iam::222222222222:user/soc", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["artifact:ListReports","artifact:GetReport","artifact:GetTermForReport","artifact:GetReportMetadata"],"Resource":"*",
		 "Condition":{"StringEquals":{"artifact:ReportSeries":"SOC","artifact:ReportCategory":"Certifications and Attestations"}}}]}`)
	_, err := f.svc.GetReportMetadata(bg, soc, artifact.GetReportMetadataInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	_, err = f.svc.GetReportMetadata(bg, soc, artifact.GetReportMetadataInput{ReportID: f.pci.ID, ReportVersion: new(int64(1))})
	requireDenied(t, err, "artifact:GetReportMetadata", f.pci.ARN)
	_, err = f.svc.ListReports(bg, soc, artifact.ListReportsInput{})
	requireDenied(t, err, "artifact:ListReports", "*")
}

// A time-limited policy sees the service's clock as aws:CurrentTime.
func TestCurrentTimeFromTheServiceClock(t *testing.T) {
	f := newFixture(t)
	limited := caller(t, member, "arn:aws:iam::222222222222:user/auditor", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"artifact:GetReportMetadata","Resource":"*",
		 "Condition":{"DateLessThan":{"aws:CurrentTime":"2026-03-02T00:00:00Z"}}}]}`)
	_, err := f.svc.GetReportMetadata(bg, limited, artifact.GetReportMetadataInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	f.clock.Advance(24 * time.Hour)
	_, err = f.svc.GetReportMetadata(bg, limited, artifact.GetReportMetadataInput{ReportID: f.soc2.ID, ReportVersion: new(int64(1))})
	requireDenied(t, err, "artifact:GetReportMetadata", f.soc2.ARN)
}

// SCPs bind every principal of a member account, root included, but not a
// principal of the management account.
func TestSCPsSpareTheManagementAccount(t *testing.T) {
	f := newFixture(t)
	denyReports := []*policy.Document{policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"*","Resource":"*"},
		{"Effect":"Deny","Action":"artifact:*Report*","Resource":"*"}]}`), policy.ServiceControl)}
	for _, tc := range []struct {
		account org.AccountID
		ok      bool
	}{{member, false}, {mgmt, true}} {
		c, err := artifact.NewCaller(artifact.Identity{Account: tc.account, SCPs: [][]*policy.Document{denyReports}})
		require.NoError(t, err)
		_, err = f.svc.ListReports(bg, c, artifact.ListReportsInput{})
		require.Equal(t, tc.ok, err == nil, "%s: %v", tc.account, err)
	}
}

// A12 with A2: an organization agreement needs the organizations
// permissions of the console, and only the management account accepts or
// terminates it.
func TestOrganizationAgreementPermissions(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.EnableTrustedAccess(bg, root(t, mgmt))
	require.NoError(t, err)
	artifactOnly := caller(t, mgmt, "arn:aws:iam::111111111111:role/Officer", nil,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:*","Resource":"*"}]}`)
	_, err = f.acceptAs(t, artifactOnly, baa, agreement.ScopeOrganization)
	ad := requireDenied(t, err, "organizations:DescribeOrganization", "*")
	require.Contains(t, ad.Console, "retrieve information about your AWS account's organization")

	officer := caller(t, mgmt, "arn:aws:iam::111111111111:role/Officer", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"artifact:*","Resource":"*"},
		{"Effect":"Allow","Action":["organizations:DescribeOrganization","organizations:ListAWSServiceAccessForOrganization"],"Resource":"*"}]}`)
	out, err := f.acceptAs(t, officer, baa, agreement.ScopeOrganization)
	require.NoError(t, err)
	require.Equal(t, agreement.ScopeOrganization, out.CustomerAgreement.Scope)
	require.Len(t, out.Events, 2, "the acceptance, and the organization's gain of coverage")
	require.True(t, out.Events[1].OrganizationWide())
	gained := 0
	for e, err := range f.svc.Agreements().Expand(bg, out.Events[1], "") {
		require.NoError(t, err)
		if e.Kind == agreement.EventCoverageGained {
			gained++
		}
	}
	require.Equal(t, 2, gained, "the management account and the member are covered")

	h, err := f.svc.Agreements().IsHIPAA(bg, member, f.clock.Now())
	require.NoError(t, err)
	require.True(t, h.HIPAA)

	// A member sees the organization agreement only with DescribeOrganization.
	memberView := caller(t, member, "arn:aws:iam::222222222222:user/viewer", nil,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:*","Resource":"*"}]}`)
	list, err := f.svc.ListCustomerAgreements(bg, memberView, artifact.ListCustomerAgreementsInput{})
	require.NoError(t, err)
	require.Empty(t, list.CustomerAgreements)
	_, err = f.svc.GetCustomerAgreement(bg, memberView, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
	requireDenied(t, err, "organizations:DescribeOrganization", "*")
	memberRoot := root(t, member)
	list, err = f.svc.ListCustomerAgreements(bg, memberRoot, artifact.ListCustomerAgreementsInput{})
	require.NoError(t, err)
	require.Len(t, list.CustomerAgreements, 1)

	// A2: the member cannot terminate it.
	v, err := f.svc.GetCustomerAgreement(bg, memberRoot, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
	require.NoError(t, err)
	require.Equal(t, out.CustomerAgreement.ARN, "arn:aws:artifact::111111111111:customer-agreement/"+string(out.CustomerAgreement.ID))
	_, err = f.svc.TerminateAgreement(bg, memberRoot, artifact.TerminateAgreementInput{CustomerAgreementID: v.CustomerAgreement.ID, TerminateAgreementToken: v.TerminateAgreementToken})
	var denied *artifact.AccessDeniedException
	require.True(t, errors.As(err, &denied), "%v", err)
	require.True(t, errors.Is(err, agreement.ErrNotManagementAccount))
}

// A5 through the service: setting up trusted access needs
// organizations:EnableAWSServiceAccess and, while the role is missing,
// iam:CreateServiceLinkedRole, by the management account only.
func TestEnableTrustedAccess(t *testing.T) {
	f := newFixture(t)
	orgsOnly := caller(t, mgmt, "arn:aws:iam::111111111111:role/Setup", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"organizations:EnableAWSServiceAccess","Resource":"*",
		 "Condition":{"StringEquals":{"organizations:ServicePrincipal":"aws-artifact-account-sync.amazonaws.com"}}}]}`)
	_, err := f.svc.EnableTrustedAccess(bg, orgsOnly)
	requireDenied(t, err, "iam:CreateServiceLinkedRole", "arn:aws:iam::111111111111:role/aws-service-role/artifact.amazonaws.com/AWSServiceRoleForArtifact")

	_, err = f.svc.EnableTrustedAccess(bg, root(t, member))
	require.True(t, errors.Is(err, agreement.ErrNotManagementAccount), "%v", err)

	full := caller(t, mgmt, "arn:aws:iam::111111111111:role/Setup", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"organizations:EnableAWSServiceAccess","Resource":"*",
		 "Condition":{"StringEquals":{"organizations:ServicePrincipal":"aws-artifact-account-sync.amazonaws.com"}}},
		{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"arn:aws:iam::*:role/aws-service-role/artifact.amazonaws.com/AWSServiceRoleForArtifact",
		 "Condition":{"StringEquals":{"iam:AWSServiceName":"artifact.amazonaws.com"}}}]}`)
	o, err := f.svc.EnableTrustedAccess(bg, full)
	require.NoError(t, err)
	require.True(t, o.ServiceLinkedRole)
	require.Contains(t, o.TrustedAccess, org.ArtifactServicePrincipal)
	// Once the role exists, enabling again needs only the organizations action.
	_, err = f.svc.EnableTrustedAccess(bg, orgsOnly)
	require.NoError(t, err)
}

// S1 and S2: a subscribed account receives what its configuration chooses;
// an unsubscribed one nothing.
func TestS1S2_Notifications(t *testing.T) {
	f := newFixture(t)
	mRoot, memRoot := root(t, mgmt), root(t, member)
	_, err := f.svc.PutAccountSettings(bg, mRoot, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
	require.NoError(t, err)
	_, err = f.svc.PutNotificationConfiguration(bg, mRoot, artifact.NotificationConfiguration{Agreements: true, Reports: notify.ReportFilter{Series: []string{"SOC"}}})
	require.NoError(t, err)
	// The member chose everything but is not subscribed (S1).
	_, err = f.svc.PutNotificationConfiguration(bg, memRoot, artifact.NotificationConfiguration{Agreements: true, Reports: notify.ReportFilter{All: true}})
	require.NoError(t, err)
	got, err := f.svc.GetAccountSettings(bg, memRoot)
	require.NoError(t, err)
	require.Equal(t, notify.NotSubscribed, got.AccountSettings.NotificationSubscriptionStatus)

	f.publish(t, report.Report{ID: f.soc2.ID, Name: "SOC 2 Type 2 Report", Series: "SOC", Family: "SOC 2",
		Category: "Certifications and Attestations", PeriodStart: report.D(2025, 4, 1), PeriodEnd: report.D(2026, 3, 31), AcceptanceType: report.Explicit})
	f.publish(t, report.Report{ID: f.pci.ID, Name: "PCI DSS Attestation of Compliance", Series: "PCI", Family: "PCI DSS",
		Category: "Certifications and Attestations", PeriodStart: report.D(2025, 4, 1), PeriodEnd: report.D(2026, 3, 31), AcceptanceType: report.Explicit})
	deliveries := f.inbox.take()
	require.Len(t, deliveries, 1, "only the SOC version, only to the subscribed account")
	require.Equal(t, mgmt, deliveries[0].Account)
	require.Equal(t, notify.ReportPublished, deliveries[0].Event.Kind)
	require.Equal(t, int64(2), deliveries[0].Event.Version)

	_, err = f.svc.EnableTrustedAccess(bg, mRoot)
	require.NoError(t, err)
	out, err := f.acceptAs(t, mRoot, baa, agreement.ScopeOrganization)
	require.NoError(t, err)
	deliveries = f.inbox.take()
	require.Len(t, deliveries, 1)
	require.Equal(t, notify.AgreementStatusChanged, deliveries[0].Event.Kind)
	require.Equal(t, string(out.CustomerAgreement.ID), deliveries[0].Event.CustomerAgreementID)

	// A10: the member leaves and loses coverage; it is told once subscribed.
	_, err = f.svc.PutAccountSettings(bg, memRoot, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
	require.NoError(t, err)
	_, events, err := f.svc.LeaveOrganization(bg, member)
	require.NoError(t, err)
	require.Equal(t, agreement.EventCoverageLost, events[0].Kind)
	deliveries = f.inbox.take()
	require.Len(t, deliveries, 1)
	require.Equal(t, member, deliveries[0].Account)
	require.Equal(t, notify.CoverageLost, deliveries[0].Event.Kind)
	require.Contains(t, deliveries[0].Event.Reason, "o-healthcare01")

	_, err = f.svc.PutAccountSettings(bg, memRoot, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: "MAYBE"})
	var ve *artifact.ValidationException
	require.True(t, errors.As(err, &ve))
	// S1: the status is optional in AWS's model; without one nothing
	// changes (issue 13, item 5).
	put, err := f.svc.PutAccountSettings(bg, memRoot, artifact.PutAccountSettingsInput{})
	require.NoError(t, err)
	require.Equal(t, notify.Subscribed, put.AccountSettings.NotificationSubscriptionStatus)
	gotSettings, err := f.svc.GetAccountSettings(bg, memRoot)
	require.NoError(t, err)
	require.Equal(t, notify.Subscribed, gotSettings.AccountSettings.NotificationSubscriptionStatus)
	_, err = f.svc.PutAccountSettings(bg, caller(t, member, "arn:aws:iam::222222222222:user/nobody", nil), artifact.PutAccountSettingsInput{})
	requireDenied(t, err, "artifact:PutAccountSettings", "*")
	cfg, err := f.svc.GetNotificationConfiguration(bg, memRoot)
	require.NoError(t, err)
	require.True(t, cfg.Reports.All)
}

// The notification configuration needs the AWS User Notifications action.
func TestS2_ConfigurationNeedsItsAction(t *testing.T) {
	f := newFixture(t)
	settingsOnly := caller(t, member, "arn:aws:iam::222222222222:user/n", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["artifact:GetAccountSettings","artifact:PutAccountSettings"],"Resource":"*"}]}`)
	_, err := f.svc.PutAccountSettings(bg, settingsOnly, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
	require.NoError(t, err)
	_, err = f.svc.PutNotificationConfiguration(bg, settingsOnly, artifact.NotificationConfiguration{Agreements: true})
	requireDenied(t, err, "notifications:CreateNotificationConfiguration", "*")
}

// R2 through the service: a report that needs approval is downloaded only
// by an approved account; the denial is the console's.
func TestR2_ApprovalThroughTheService(t *testing.T) {
	f := newFixture(t)
	gated := f.publish(t, report.Report{ID: "report-ThirdPartyIsv001", Name: "ISV SOC 2", Series: "SOC", Family: "SOC 2",
		Category: "Third-Party Reports", PeriodStart: report.D(2025, 1, 1), PeriodEnd: report.D(2025, 12, 31),
		AcceptanceType: report.Explicit, NeedsApproval: true, CompanyName: "Example ISV"})
	c := root(t, member)
	_, err := f.download(t, c, gated)
	var ad *artifact.AccessDeniedException
	require.True(t, errors.As(err, &ad), "%v", err)
	require.True(t, errors.Is(err, report.ErrApprovalRequired))
	require.Contains(t, ad.Console, "You need additional approval from AWS")
	_, err = f.svc.RequestReportAccess(bg, c, gated.ID)
	require.NoError(t, err)
	_, err = f.svc.DecideReportAccess(bg, member, gated.ID, true)
	require.NoError(t, err)
	_, err = f.download(t, c, gated)
	require.NoError(t, err)
}

// A failed call changes nothing: a denied GetTermForReport issues no token,
// a denied AcceptAgreement accepts nothing.
func TestFailedCallChangesNothing(t *testing.T) {
	f := newFixture(t)
	viewer := caller(t, member, "arn:aws:iam::222222222222:user/viewer", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["artifact:GetAgreement","artifact:GetNdaForAgreement","artifact:AcceptNdaForAgreement"],"Resource":"*"}]}`)
	_, err := f.acceptAs(t, viewer, andb, agreement.ScopeAccount)
	requireDenied(t, err, "artifact:AcceptAgreement", "arn:aws:artifact:::agreement/agreement-andb000000000001")
	_, err = f.svc.Agreements().Lookup(bg, member, andb, agreement.ScopeAccount)
	require.True(t, errors.Is(err, agreement.ErrCustomerAgreementNotFound))

	cov, err := f.svc.Agreements().Coverage(bg, member, andb, f.clock.Now())
	require.NoError(t, err)
	require.Equal(t, agreement.BasisNone, cov.Basis)
}

// Error mapping: each domain error reaches the caller as the AWS error type
// the package documentation's table gives, with the cause still matchable.
func TestErrorMapping(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	type result struct {
		code  string
		cause error
	}
	tests := []struct {
		name string
		call func() error
		want result
	}{
		{"malformed report id", func() error {
			_, err := f.svc.GetReportMetadata(bg, c, artifact.GetReportMetadataInput{ReportID: "nope"})
			return err
		}, result{"ValidationException", report.ErrInvalid}},
		{"unknown agreement", func() error {
			_, err := f.svc.GetNdaForAgreement(bg, c, artifact.GetNdaForAgreementInput{AgreementID: "agreement-unknown000000001"})
			return err
		}, result{"ResourceNotFoundException", agreement.ErrAgreementNotFound}},
		{"NDA not accepted", func() error {
			_, err := f.svc.GetAgreement(bg, c, artifact.GetAgreementInput{AgreementID: baa, NdaToken: "nda-token-abcdefghijklmnopqrstuvwx"})
			return err
		}, result{"ValidationException", agreement.ErrNDARequired}},
		{"forged term token", func() error {
			_, err := f.svc.GetReport(bg, c, artifact.GetReportInput{ReportID: f.soc2.ID, TermToken: "term-token-abcdefghijklmnopqrstuvwx"})
			return err
		}, result{"ValidationException", report.ErrInvalidToken}},
		{"organization scope outside an organization", func() error {
			_, err := f.acceptAs(t, root(t, loner), baa, agreement.ScopeOrganization)
			return err
		}, result{"ValidationException", org.ErrNotInOrganization}},
		{"organization scope without trusted access", func() error {
			_, err := f.acceptAs(t, c, baa, agreement.ScopeOrganization)
			return err
		}, result{"AccessDeniedException", agreement.ErrNotManagementAccount}},
		{"already active", func() error {
			if _, err := f.acceptAs(t, c, andb, agreement.ScopeAccount); err != nil {
				return err
			}
			_, err := f.acceptAs(t, c, andb, agreement.ScopeAccount)
			return err
		}, result{"ValidationException", agreement.ErrAlreadyActive}},
		{"no caller", func() error {
			_, err := f.svc.ListReports(bg, nil, artifact.ListReportsInput{})
			return err
		}, result{"ValidationException", nil}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var api artifact.APIError
			require.True(t, errors.As(err, &api), "%v", err)
			require.Equal(t, tc.want.code, api.ErrorCode(), "%v", err)
			if tc.want.cause != nil {
				require.True(t, errors.Is(err, tc.want.cause), "%v does not wrap %v", err, tc.want.cause)
			}
		})
	}
}

// The management account without trusted access gets the console's
// message (A5).
func TestA5_TrustedAccessThroughTheService(t *testing.T) {
	f := newFixture(t)
	_, err := f.acceptAs(t, root(t, mgmt), baa, agreement.ScopeOrganization)
	var ve *artifact.ValidationException
	require.True(t, errors.As(err, &ve), "%v", err)
	require.True(t, errors.Is(err, agreement.ErrTrustedAccessRequired))
	require.True(t, strings.Contains(ve.Message, "trusted access"), ve.Message)
}

func TestNewCallerValidates(t *testing.T) {
	tests := []struct {
		name string
		id   artifact.Identity
	}{
		{"bad account", artifact.Identity{Account: "12"}},
		{"principal of another account", artifact.Identity{Account: member, Principal: "arn:aws:iam::999999999999:user/x"}},
		{"not a principal", artifact.Identity{Account: member, Principal: "arn:aws:s3:::bucket"}},
		{"not an ARN", artifact.Identity{Account: member, Principal: "alice"}},
		{"identity policy as SCP", artifact.Identity{Account: member, SCPs: [][]*policy.Document{{policy.MustParse([]byte(allowAll), policy.Identity)}}}},
		{"unknown model", artifact.Identity{Account: member, Model: 7}},
		{"unknown partition", artifact.Identity{Account: member, Partition: "aws-moon"}},
		{"principal of another partition", artifact.Identity{Account: member, Partition: "aws-us-gov", Principal: "arn:aws:iam::222222222222:user/x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := artifact.NewCaller(tc.id)
			var ve *artifact.ValidationException
			require.True(t, errors.As(err, &ve), "%v", err)
		})
	}
	c, err := artifact.NewCaller(artifact.Identity{Account: member, Principal: "arn:aws:sts::222222222222:assumed-role/Auditor/session"})
	require.NoError(t, err)
	require.False(t, c.IsRoot())
	require.Equal(t, member, c.Account())
	require.Equal(t, "arn:aws:sts::222222222222:assumed-role/Auditor/session", c.Principal())
	require.True(t, root(t, member).IsRoot())
	require.Equal(t, "arn:aws:iam::222222222222:root", root(t, member).String())
	gov, err := artifact.NewCaller(artifact.Identity{Account: member, Partition: "aws-us-gov"})
	require.NoError(t, err)
	require.Equal(t, "arn:aws-us-gov:iam::222222222222:root", gov.Principal())
}
