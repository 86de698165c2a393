package artifact_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/report"
)

// One rule for every report operation (issue 13, item 4): a version that
// is not available (unpublished, or published in the future) does not
// exist for a customer. It is not listed, not described, not given terms
// or downloaded, and no message says whether or when it will be.
func TestUnavailableVersionsDoNotExist(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	embargo := f.clock.Now().Add(30 * 24 * time.Hour)
	next := report.Report{ID: f.soc2.ID, Name: "SOC 2 Type 2 Report", Series: "SOC", Family: "SOC 2",
		Category: "Certifications and Attestations", PeriodStart: report.D(2025, 4, 1), PeriodEnd: report.D(2026, 3, 31),
		AcceptanceType: report.Explicit}
	withdrawn := next
	withdrawn.Version, withdrawn.State = 2, report.Unpublished
	f.publish(t, withdrawn)
	future := next
	future.Version, future.PublishedAt = 3, embargo
	f.publish(t, future)

	versions, err := f.svc.ListReportVersions(bg, c, artifact.ListReportVersionsInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	require.Len(t, versions.Reports, 1, "only the available version is listed")
	require.Equal(t, int64(1), versions.Reports[0].Version)

	latest, err := f.svc.GetReportMetadata(bg, c, artifact.GetReportMetadataInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	require.Equal(t, int64(1), latest.ReportDetails.Version, "the latest is the latest available")

	unknown := notFound(t, func() error {
		_, err := f.svc.GetReportMetadata(bg, c, artifact.GetReportMetadataInput{ReportID: f.soc2.ID, ReportVersion: new(int64(9))})
		return err
	})
	for _, v := range []int64{2, 3} {
		calls := map[string]func() error{
			"GetReportMetadata": func() error {
				_, err := f.svc.GetReportMetadata(bg, c, artifact.GetReportMetadataInput{ReportID: f.soc2.ID, ReportVersion: new(v)})
				return err
			},
			"GetTermForReport": func() error {
				_, err := f.svc.GetTermForReport(bg, c, artifact.GetTermForReportInput{ReportID: f.soc2.ID, ReportVersion: new(v)})
				return err
			},
			"GetReport": func() error {
				_, err := f.svc.GetReport(bg, c, artifact.GetReportInput{ReportID: f.soc2.ID, ReportVersion: new(v),
					TermToken: "term-token-abcdefghijklmnopqrstuvwx"})
				return err
			},
		}
		for op, call := range calls {
			nf := notFound(t, call)
			require.Equal(t, strings.Replace(unknown.Message, "version 9", fmt.Sprintf("version %d", v), 1), nf.Message,
				"%s of version %d reads as an unknown version", op, v)
			require.NotContains(t, nf.Message, embargo.Format("2006-01-02"), "%s: the embargo is not disclosed", op)
			require.NotContains(t, nf.Error(), "UNPUBLISHED", op)
		}
	}

	// A policy conditioned on the report's series does not see an
	// unavailable version's keys, as it does not see an absent one's.
	soc := caller(t, member, "arn:aws:iam::222222222222:user/soc", nil, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"artifact:GetReportMetadata","Resource":"*","Condition":{"StringEquals":{"artifact:ReportSeries":"SOC"}}}]}`)
	_, err = f.svc.GetReportMetadata(bg, soc, artifact.GetReportMetadataInput{ReportID: f.soc2.ID, ReportVersion: new(int64(1))})
	require.NoError(t, err)
	_, err = f.svc.GetReportMetadata(bg, soc, artifact.GetReportMetadataInput{ReportID: f.soc2.ID, ReportVersion: new(int64(3))})
	requireDenied(t, err, "artifact:GetReportMetadata", "arn:aws:artifact:us-east-1::report/"+f.soc2.ID+":3")

	// Once its instant comes, the version exists.
	f.clock.Set(embargo)
	versions, err = f.svc.ListReportVersions(bg, c, artifact.ListReportVersionsInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	require.Len(t, versions.Reports, 2)
	_, err = f.download(t, c, future)
	require.NoError(t, err)

	// A report with no available version is an unknown report.
	hidden := f.publish(t, report.Report{ID: "report-HiddenReport0001", Name: "Hidden", Series: "SOC", Category: "Certifications and Attestations", AcceptanceType: report.Passthrough,
		PeriodStart: report.D(2025, 1, 1), PeriodEnd: report.D(2025, 12, 31), State: report.Unpublished})
	_, err = f.svc.ListReportVersions(bg, c, artifact.ListReportVersionsInput{ReportID: hidden.ID})
	nf := notFound(t, func() error { return err })
	require.Equal(t, "report "+hidden.ID+" not found", nf.Message)
	_, err = f.svc.GetReportMetadata(bg, c, artifact.GetReportMetadataInput{ReportID: hidden.ID})
	notFound(t, func() error { return err })
}

// notFound calls call and returns its ResourceNotFoundException, which
// names a report (issue 13, item 1).
func notFound(t *testing.T, call func() error) *artifact.ResourceNotFoundException {
	t.Helper()
	err := call()
	var nf *artifact.ResourceNotFoundException
	require.True(t, errors.As(err, &nf), "%v", err)
	require.Equal(t, artifact.ResourceTypeReport, nf.ResourceType)
	require.NotEmpty(t, nf.ResourceID)
	return nf
}

// AWS's reportVersion is at least 1; omitted, it means the latest (issue
// 13, item 6).
func TestReportVersionMinimum(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	for _, v := range []int64{0, -1} {
		_, err := f.svc.GetReportMetadata(bg, c, artifact.GetReportMetadataInput{ReportID: f.soc2.ID, ReportVersion: new(v)})
		var ve *artifact.ValidationException
		require.True(t, errors.As(err, &ve), "version %d: %v", v, err)
		require.Equal(t, artifact.ReasonFieldValidationFailed, ve.Reason)
		require.Equal(t, "reportVersion", ve.FieldList[0].Name)
		_, err = f.svc.GetTermForReport(bg, c, artifact.GetTermForReportInput{ReportID: f.soc2.ID, ReportVersion: new(v)})
		require.True(t, errors.As(err, &ve), "version %d: %v", v, err)
		_, err = f.svc.GetReport(bg, c, artifact.GetReportInput{ReportID: f.soc2.ID, ReportVersion: new(v), TermToken: "x"})
		require.True(t, errors.As(err, &ve), "version %d: %v", v, err)
		require.Equal(t, "reportVersion", ve.FieldList[0].Name)
	}
	got, err := f.svc.GetReportMetadata(bg, c, artifact.GetReportMetadataInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	require.Equal(t, int64(1), got.ReportDetails.Version)
}

// A termToken outside the model's shape (ShortStringAttribute: 1 to 256
// letters, digits, _, - or spaces) is a malformed field; within it, a
// token never issued is refused as a token (issue 13, item 6).
func TestTermTokenShape(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	for tok, want := range map[string]artifact.ValidationExceptionReason{
		strings.Repeat("a", 257):              artifact.ReasonFieldValidationFailed,
		"term-token-<script>":                 artifact.ReasonFieldValidationFailed,
		"term-token-abcdefghijklmnopqrstuvwé": artifact.ReasonFieldValidationFailed,
		strings.Repeat("a", 256):              artifact.ReasonInvalidToken,
		"term-token-short":                    artifact.ReasonInvalidToken,
		"term-token-abcdefghijklmnopqrstuvwx": artifact.ReasonInvalidToken,
	} {
		_, err := f.svc.GetReport(bg, c, artifact.GetReportInput{ReportID: f.soc2.ID, TermToken: tok})
		var ve *artifact.ValidationException
		require.True(t, errors.As(err, &ve), "%q: %v", tok, err)
		require.Equal(t, want, ve.Reason, "%q", tok)
		if want == artifact.ReasonFieldValidationFailed {
			require.Equal(t, "termToken", ve.FieldList[0].Name)
		}
	}
}
