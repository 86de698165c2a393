package artifact_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// H6 through the service: AWS records an offline BAA designation, the
// account is a HIPAA Account, and removing the designation ends it.
func TestH6_OfflineBAAThroughTheService(t *testing.T) {
	f := newFixture(t)
	d, events, err := f.svc.RecordOfflineBAA(bg, loner)
	require.NoError(t, err)
	require.Equal(t, loner, d.Account)
	require.Equal(t, agreement.EventCoverageGained, events[0].Kind)
	h, err := f.svc.Agreements().IsHIPAA(bg, loner, f.clock.Now())
	require.NoError(t, err)
	require.True(t, h.HIPAA)
	_, _, err = f.svc.RecordOfflineBAA(bg, loner)
	var ve *artifact.ValidationException
	require.True(t, errors.As(err, &ve), "%v", err)
	require.ErrorIs(t, err, agreement.ErrAlreadyDesignated)

	f.clock.Advance(time.Hour)
	_, events, err = f.svc.RemoveOfflineDesignation(bg, loner)
	require.NoError(t, err)
	require.Equal(t, agreement.EventCoverageLost, events[0].Kind)
	h, err = f.svc.Agreements().IsHIPAA(bg, loner, f.clock.Now())
	require.NoError(t, err)
	require.False(t, h.HIPAA)
	_, _, err = f.svc.RemoveOfflineDesignation(bg, loner)
	require.True(t, errors.As(err, &ve), "%v", err)
}

// AWS ends a customer agreement; the account is told and loses coverage.
func TestAWSTerminateAgreement(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	_, err := f.svc.PutAccountSettings(bg, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
	require.NoError(t, err)
	_, err = f.svc.PutNotificationConfiguration(bg, c, artifact.NotificationConfiguration{Agreements: true})
	require.NoError(t, err)
	out, err := f.acceptAs(t, c, baa, agreement.ScopeAccount)
	require.NoError(t, err)
	f.inbox.take()
	ca, events, err := f.svc.AWSTerminateAgreement(bg, out.CustomerAgreement.ID)
	require.NoError(t, err)
	require.Equal(t, agreement.AWSTerminated, ca.State)
	require.Len(t, events, 2)
	kinds := []notify.Kind{}
	for _, d := range f.inbox.take() {
		kinds = append(kinds, d.Event.Kind)
	}
	require.Equal(t, []notify.Kind{notify.AgreementStatusChanged, notify.CoverageLost}, kinds)
	// Ending what is no longer active is refused by its state, as
	// terminating is: no ConflictException (issue 13, item 2).
	_, _, err = f.svc.AWSTerminateAgreement(bg, out.CustomerAgreement.ID)
	var ve *artifact.ValidationException
	require.True(t, errors.As(err, &ve), "%v", err)
	require.ErrorIs(t, err, agreement.ErrNotActive)
}

// Membership changes through the service return and announce their
// coverage events (A3, A10, A11).
func TestMembershipChanges(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.CreateOrganization(bg, "o-secondorg01", loner, org.ConsolidatedBilling)
	require.NoError(t, err)
	_, err = f.svc.EnableAllFeatures(bg, "o-secondorg01")
	require.NoError(t, err)
	_, err = f.svc.EnableTrustedAccess(bg, root(t, mgmt))
	require.NoError(t, err)
	_, err = f.acceptAs(t, root(t, mgmt), baa, agreement.ScopeOrganization)
	require.NoError(t, err)

	newcomer := org.AccountID("444444444444")
	_, events, err := f.svc.CreateAccount(bg, oid, newcomer)
	require.NoError(t, err)
	require.Equal(t, agreement.EventCoverageGained, events[0].Kind, "A3: covered from the moment it joins")

	f.clock.Advance(time.Minute)
	_, events, err = f.svc.MoveAccount(bg, newcomer, "o-secondorg01")
	require.NoError(t, err)
	require.Equal(t, agreement.EventCoverageLost, events[0].Kind, "A11: the other organization has no BAA")

	f.clock.Advance(time.Minute)
	_, events, err = f.svc.RemoveAccount(bg, member)
	require.NoError(t, err)
	require.Equal(t, agreement.EventCoverageLost, events[0].Kind)
	_, _, err = f.svc.RemoveAccount(bg, member)
	var ve *artifact.ValidationException
	require.True(t, errors.As(err, &ve), "%v", err)
	require.True(t, errors.Is(err, org.ErrNotInOrganization))

	_, _, err = f.svc.JoinOrganization(bg, newcomer, oid)
	require.True(t, errors.Is(err, org.ErrAlreadyInOrganization), "%v", err)
	// An organization is no resource of Artifact's: an existing or an
	// unknown one is a request refused, never a ConflictException or a
	// ResourceNotFoundException of type organization (issue 13, item 1).
	_, err = f.svc.CreateOrganization(bg, oid, "555555555555", org.AllFeatures)
	require.True(t, errors.As(err, &ve), "%v", err)
	require.ErrorIs(t, err, org.ErrExists)
	_, err = f.svc.EnableAllFeatures(bg, "o-nosuchorg01")
	require.True(t, errors.As(err, &ve), "%v", err)
	require.Equal(t, "organizationId", ve.FieldList[0].Name)
	require.ErrorIs(t, err, org.ErrNotFound)
}

// Reports published later, updated, revised agreements.
func TestReportAndAgreementAdministration(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	_, err := f.svc.PutAccountSettings(bg, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
	require.NoError(t, err)
	_, err = f.svc.PutNotificationConfiguration(bg, c, artifact.NotificationConfiguration{Reports: notify.ReportFilter{Categories: []string{"Certifications and Attestations"}}})
	require.NoError(t, err)
	r := f.soc2
	r.Description = "now with a description"
	got, err := f.svc.UpdateReport(bg, r)
	require.NoError(t, err)
	require.Equal(t, "now with a description", got.Description)
	d := f.inbox.take()
	require.Len(t, d, 1)
	require.Equal(t, notify.ReportUpdated, d[0].Event.Kind)
	_, err = f.svc.UpdateReport(bg, r) // stale sequence number
	var ce *artifact.ConflictException
	require.True(t, errors.As(err, &ce), "%v", err)

	// A version published in the future is not announced, nor downloadable.
	later := f.publish(t, report.Report{ID: f.pci.ID, Name: "PCI DSS Attestation of Compliance", Series: "PCI", Family: "PCI DSS",
		Category: "Certifications and Attestations", PeriodStart: report.D(2025, 4, 1), PeriodEnd: report.D(2026, 3, 31),
		AcceptanceType: report.Explicit, PublishedAt: f.clock.Now().Add(time.Hour)})
	require.Empty(t, f.inbox.take())
	_, err = f.svc.GetTermForReport(bg, c, artifact.GetTermForReportInput{ReportID: later.ID, ReportVersion: new(later.Version)})
	var nf *artifact.ResourceNotFoundException
	require.True(t, errors.As(err, &nf), "%v", err)
	require.True(t, errors.Is(err, report.ErrNotPublished))

	_, err = f.svc.PublishAgreementRevision(bg, baa, agreement.RevisionSpec{Document: []byte("BAA rev 2"), NDA: []byte("NDA rev 2")})
	require.NoError(t, err)
	v := f.read(t, c, baa)
	require.Len(t, v.Agreement.Revisions, 2)
	_, err = f.svc.DefineAgreement(bg, agreement.Spec{ID: baa, Name: "again", Kind: agreement.KindBAA, Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount}})
	require.Error(t, err)

	_, err = f.svc.RequestReportAccess(bg, nil, f.soc2.ID)
	require.Error(t, err)
	_, err = f.svc.DecideReportAccess(bg, member, f.soc2.ID, false)
	var ve *artifact.ValidationException
	require.True(t, errors.As(err, &ve), "%v", err)
}

// Options: region and partition shape the ARNs, the presigner names the
// documents, a caller's context can change per request.
func TestOptions(t *testing.T) {
	var presigned []artifact.Document
	f := newFixture(t, artifact.WithRegion("eu-west-1"), artifact.WithPresigner(artifact.PresignerFunc(
		func(_ context.Context, d artifact.Document) (string, error) {
			presigned = append(presigned, d)
			if d.Kind == artifact.DocNDA {
				return "", errors.New("no bucket")
			}
			return "https://docs.example/" + d.ID, nil
		})), artifact.WithTokenLifetime(time.Minute), artifact.WithCalendar(report.DefaultCalendar()),
		artifact.WithThresholds(report.DefaultThresholds()), artifact.WithHIPAAEligible(report.NewEligibility("Amazon S3")))
	require.Equal(t, "arn:aws:artifact:eu-west-1::report/report-jRVRFP8HxUN5zpPh:1", f.soc2.ARN)
	require.Equal(t, "eu-west-1", f.svc.Region())
	require.Equal(t, "aws", f.svc.Partition())
	require.Equal(t, start, f.svc.Now())
	require.NotNil(t, f.svc.Reports())

	c := root(t, member)
	out, err := f.download(t, c, f.soc2)
	require.NoError(t, err)
	require.Equal(t, "https://docs.example/report-jRVRFP8HxUN5zpPh", out.DocumentPresignedURL)
	require.Equal(t, f.soc2.Document.SHA256, presigned[len(presigned)-1].SHA256)
	_, err = f.svc.GetNdaForAgreement(bg, c, artifact.GetNdaForAgreementInput{AgreementID: baa})
	var ie *artifact.InternalServerException
	require.True(t, errors.As(err, &ie), "%v", err)

	// Term tokens live a minute.
	term, err := f.svc.GetTermForReport(bg, c, artifact.GetTermForReportInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	f.clock.Advance(2 * time.Minute)
	_, err = f.svc.GetReport(bg, c, artifact.GetReportInput{ReportID: f.soc2.ID, TermToken: term.TermToken})
	var ve *artifact.ValidationException
	require.True(t, errors.As(err, &ve), "%v", err)
	require.Equal(t, artifact.ReasonInvalidToken, ve.Reason)

	// aws:RequestedRegion is the service's region unless the caller says otherwise.
	regional := caller(t, member, "arn:aws:iam::222222222222:user/r", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"artifact:ListReports","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}`)
	_, err = f.svc.ListReports(bg, regional, artifact.ListReportsInput{})
	require.NoError(t, err)
	_, err = f.svc.ListReports(bg, regional.WithContext(map[string][]string{"aws:RequestedRegion": {"us-east-1"}}), artifact.ListReportsInput{})
	requireDenied(t, err, "artifact:ListReports", "*")

	// Options given their zero value leave the defaults (CONTRIBUTING.md);
	// a value the service cannot use fails New.
	svc, err := artifact.New(artifact.WithClock(nil), artifact.WithRand(nil), artifact.WithPartition(""), artifact.WithRegion(""),
		artifact.WithOrgStore(nil))
	require.NoError(t, err)
	require.Equal(t, "aws", svc.Partition())
	require.Equal(t, artifact.DefaultRegion, svc.Region())
	svc, err = artifact.New(artifact.WithPartition("aws-us-gov"))
	require.NoError(t, err)
	require.Equal(t, "us-gov-west-1", svc.Region(), "the partition's leader region")
	_, err = artifact.New(artifact.WithPartition("gcp"))
	require.Error(t, err)
	_, err = artifact.New(artifact.WithPartition("aws-cn"), artifact.WithRegion("us-east-1"))
	require.Error(t, err, "a region of another partition")
	// A page key anyone could guess would let anyone mint nextTokens
	// (issue 13, item 13): an empty or short key is refused; nil, the
	// zero value, leaves the default, a key of the service's own.
	for _, key := range [][]byte{{}, []byte("15 bytes long..")} {
		_, err = artifact.New(artifact.WithPageKey(key))
		require.Error(t, err, "page key %q", key)
	}
	for _, key := range [][]byte{nil, []byte("16 bytes long...")} {
		_, err = artifact.New(artifact.WithPageKey(key))
		require.NoError(t, err, "page key %q", key)
	}
}

// H7 through the service: PHI goes only into HIPAA Eligible Services.
func TestH7_NotHIPAAEligible(t *testing.T) {
	f := newFixture(t, artifact.WithHIPAAEligible(report.NewEligibility("Amazon S3", "Amazon RDS")))
	require.Equal(t, []string{"Amazon Lightsail"}, f.svc.NotHIPAAEligible([]string{"Amazon S3", "Amazon Lightsail", "Amazon RDS"}))
}

// The service purges the expired tokens of agreements and reports on
// demand, besides the purges issuing makes (issue 13, item 13).
func TestPurgeExpiredTokens(t *testing.T) {
	f := newFixture(t, artifact.WithTokenLifetime(time.Hour))
	c := root(t, member)
	_, err := f.svc.GetTermForReport(bg, c, artifact.GetTermForReportInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	_, err = f.svc.GetNdaForAgreement(bg, c, artifact.GetNdaForAgreementInput{AgreementID: baa})
	require.NoError(t, err)
	f.clock.Advance(2 * time.Hour)
	n, err := f.svc.PurgeExpiredTokens(bg)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	recs, err := f.svc.Audit().Query(bg, audit.Filter{})
	require.NoError(t, err)
	require.Equal(t, "PurgeExpiredTokens", recs[len(recs)-1].EventName)
}
