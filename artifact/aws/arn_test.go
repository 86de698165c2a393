package aws_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

func TestParseARN(t *testing.T) {
	tests := []struct {
		in    string
		field string // "" = valid
	}{
		{"arn:aws:artifact:::agreement/agreement-abcdef0123456789", ""},
		{"arn:aws:iam::aws:policy/AWSArtifactReportsReadOnlyAccess", ""},
		{"arn:aws-cn:s3:cn-north-1:111122223333:bucket/x", ""},
		{"arn:aws-us-gov:artifact:us-gov-west-1::report/r:1", ""},
		{"arn:aws-iso-b:ec2:us-isob-east-1:111122223333:instance/i-1", ""},
		{"arn:aws-eusc:ec2:eusc-de-east-1:111122223333:instance/i-1", ""},
		{"arn:aws:sts::111122223333:assumed-role/r/session:with:colons", ""},
		{"arn:aws:artifact:us-east-1", "arn"},
		{"arm:aws:artifact:::agreement/x", "arn"},
		{"", "arn"},
		{"arn:aws-moon:artifact:::agreement/x", "partition"},
		{"arn:aws:Artifact:::agreement/x", "service"},
		{"arn:aws::::agreement/x", "service"},
		{"arn:aws:artifact:useast1::report/x", "region"},
		{"arn:aws:artifact:US-EAST-1::report/x", "region"},
		{"arn:aws:artifact:cn-north-1::report/x", "region"},
		{"arn:aws-cn:artifact:us-east-1::report/x", "region"},
		{"arn:aws:artifact:us-east-100::report/x", "region"},
		{"arn:aws:artifact:us--1::report/x", "region"},
		{"arn:aws:artifact::1234:customer-agreement/x", "account"},
		{"arn:aws:artifact::11112222333a:customer-agreement/x", "account"},
		{"arn:aws:artifact:::", "resource"},
		{"arn:aws:artifact:::a\nb", "resource"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, err := aws.ParseARN(tt.in)
			if tt.field == "" {
				require.NoError(t, err)
				require.Equal(t, tt.in, a.String())
				require.NoError(t, a.Validate())
				return
			}
			require.Equal(t, aws.ARN{}, a)
			requireParseError(t, err, "arn", tt.in, tt.field)
		})
	}
	a := aws.ARN{Partition: "aws", Service: "iam", Account: "1", Resource: "root"}
	requireParseError(t, a.Validate(), "arn", a.String(), "account")
}

// requireParseError checks that err is a *ParseError about input, a value
// of kind what, at fault in field.
func requireParseError(t *testing.T, err error, what, input, field string) {
	t.Helper()
	var pe *aws.ParseError
	require.True(t, errors.As(err, &pe), "%v", err)
	require.True(t, errors.Is(err, aws.ErrInvalidInput))
	require.Equal(t, what, pe.What, err.Error())
	require.Equal(t, input, pe.Input, err.Error())
	require.Equal(t, field, pe.Field, err.Error())
	require.Contains(t, err.Error(), "invalid "+what)
}

// artifactARN is any of the Artifact ARN types.
type artifactARN interface {
	String() string
	Validate() error
}

// parsers parse each Artifact ARN type, by its kind's name in errors.
var parsers = map[string]func(string) (artifactARN, error){
	"agreement arn":          func(s string) (artifactARN, error) { return aws.ParseAgreementARN(s) },
	"customer agreement arn": func(s string) (artifactARN, error) { return aws.ParseCustomerAgreementARN(s) },
	"report arn":             func(s string) (artifactARN, error) { return aws.ParseReportARN(s) },
	"term arn":               func(s string) (artifactARN, error) { return aws.ParseTermARN(s) },
	"compliance inquiry arn": func(s string) (artifactARN, error) { return aws.ParseComplianceInquiryARN(s) },
	"report package arn":     func(s string) (artifactARN, error) { return aws.ParseReportPackageARN(s) },
}

func TestParseArtifactARNs(t *testing.T) {
	tests := []struct {
		what  string
		in    string
		want  artifactARN
		field string // "" = valid
	}{
		{what: "agreement arn", in: "arn:aws:artifact:::agreement/agreement-abcdef0123456789",
			want: aws.AgreementARN{Partition: "aws", AgreementID: "agreement-abcdef0123456789"}},
		{what: "customer agreement arn", in: "arn:aws:artifact::111111111111:customer-agreement/customer-agreement-abcdef0123456789",
			want: aws.CustomerAgreementARN{Partition: "aws", Account: "111111111111", CustomerAgreementID: "customer-agreement-abcdef0123456789"}},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:12",
			want: aws.ReportARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789", Version: 12}},
		{what: "report arn", in: "arn:aws-us-gov:artifact:us-gov-west-1::report/report-jRVRFP8HxUN5zpPh:1",
			want: aws.ReportARN{Partition: "aws-us-gov", Region: "us-gov-west-1", ReportID: "report-jRVRFP8HxUN5zpPh", Version: 1}},
		{what: "term arn", in: "arn:aws:artifact:us-east-1::term/term-abcdef0123456789:1",
			want: aws.TermARN{Partition: "aws", Region: "us-east-1", TermID: "term-abcdef0123456789", Version: 1}},
		{what: "compliance inquiry arn", in: "arn:aws:artifact:eu-west-1:111122223333:compliance-inquiry/compliance-inquiry-abcdef0123456789",
			want: aws.ComplianceInquiryARN{Partition: "aws", Region: "eu-west-1", Account: "111122223333", ComplianceInquiryID: "compliance-inquiry-abcdef0123456789"}},
		{what: "report package arn", in: "arn:aws:artifact:::report-package/Certifications and Attestations/SOC/SOC 2",
			want: aws.ReportPackageARN{Partition: "aws", Package: "Certifications and Attestations/SOC/SOC 2"}},
		{what: "report package arn", in: "arn:aws:artifact:::report-package/Certifications and Attestations/SOC/*",
			want: aws.ReportPackageARN{Partition: "aws", Package: "Certifications and Attestations/SOC/*"}},

		{what: "agreement arn", in: "arn:aws:artifact", field: "arn"},
		{what: "agreement arn", in: "arn:aws:s3:::bucket/key", field: "service"},
		{what: "agreement arn", in: "arn:gcp:artifact:::agreement/agreement-abcdef0123456789", field: "partition"},
		{what: "agreement arn", in: "arn:aws:artifact:::agreement", field: "resource"},
		{what: "agreement arn", in: "arn:aws:artifact:::term/term-abcdef0123456789", field: "resource"},
		{what: "agreement arn", in: "arn:aws:artifact:us-east-1::agreement/agreement-abcdef0123456789", field: "region"},
		{what: "agreement arn", in: "arn:aws:artifact::111111111111:agreement/agreement-abcdef0123456789", field: "account"},
		{what: "agreement arn", in: "arn:aws:artifact:::agreement/agreement-abc", field: "id"},
		{what: "agreement arn", in: "arn:aws:artifact:::agreement/agreement-abcdef012345678!", field: "id"},
		{what: "agreement arn", in: "arn:aws:artifact:::agreement/agreement-abcdef0123456789:1", field: "id"},
		{what: "customer agreement arn", in: "arn:aws:artifact:::customer-agreement/customer-agreement-abcdef0123456789", field: "account"},
		{what: "customer agreement arn", in: "arn:aws:artifact::1111:customer-agreement/customer-agreement-abcdef0123456789", field: "account"},
		{what: "customer agreement arn", in: "arn:aws:artifact::111111111111:customer-agreement/agreement-abcdef0123456789", field: "id"},
		{what: "customer agreement arn", in: "arn:aws:artifact:us-east-1:111111111111:customer-agreement/customer-agreement-abcdef0123456789", field: "region"},
		{what: "report arn", in: "arn:aws:artifact:::report/report-abcdef0123456789:1", field: "region"},
		{what: "report arn", in: "arn:aws:artifact:cn-north-1::report/report-abcdef0123456789:1", field: "region"},
		{what: "report arn", in: "arn:aws:artifact:US-EAST-1::report/report-abcdef0123456789:1", field: "region"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1:111111111111:report/report-abcdef0123456789:1", field: "account"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789", field: "version"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:0", field: "version"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:01", field: "version"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:+1", field: "version"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:x", field: "version"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:*", field: "version"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1234567890123456789", field: "version"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::report/report:report-abcdef0123456789:1", field: "id"},
		{what: "report arn", in: "arn:aws:artifact:us-east-1::term/term-abcdef0123456789:1", field: "resource"},
		{what: "term arn", in: "arn:aws:artifact:us-east-1::term/term-abcdef012345678:1", field: "id"},
		{what: "term arn", in: "arn:aws:artifact:us-east-1::term/term-abcdef0123456789", field: "version"},
		{what: "compliance inquiry arn", in: "arn:aws:artifact::111122223333:compliance-inquiry/compliance-inquiry-abcdef0123456789", field: "region"},
		{what: "compliance inquiry arn", in: "arn:aws:artifact:us-east-1::compliance-inquiry/compliance-inquiry-abcdef0123456789", field: "account"},
		{what: "report package arn", in: "arn:aws:artifact:::report-package/", field: "id"},
		{what: "report package arn", in: "arn:aws:artifact:::report-package/a\tb", field: "id"},
		{what: "report package arn", in: "arn:aws:artifact:us-east-1::report-package/x", field: "region"},
	}
	for _, tt := range tests {
		t.Run(tt.what+"/"+tt.in, func(t *testing.T) {
			got, err := parsers[tt.what](tt.in)
			if tt.field == "" {
				require.NoError(t, err)
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Fatalf("parsed (-want +got):\n%s", diff)
				}
				require.Equal(t, tt.in, got.String())
				require.NoError(t, got.Validate())
				return
			}
			requireParseError(t, err, tt.what, tt.in, tt.field)
		})
	}
}

func TestBuildArtifactARNs(t *testing.T) {
	for _, tt := range []struct {
		arn  artifactARN
		want string
	}{
		{aws.AgreementARN{Partition: "aws", AgreementID: "agreement-abcdef0123456789"},
			"arn:aws:artifact:::agreement/agreement-abcdef0123456789"},
		{aws.CustomerAgreementARN{Partition: "aws-us-gov", Account: "111111111111", CustomerAgreementID: "customer-agreement-abcdef0123456789"},
			"arn:aws-us-gov:artifact::111111111111:customer-agreement/customer-agreement-abcdef0123456789"},
		{aws.ReportARN{Partition: "aws-cn", Region: "cn-north-1", ReportID: "report-abcdef0123456789", Version: 4},
			"arn:aws-cn:artifact:cn-north-1::report/report-abcdef0123456789:4"},
		{aws.TermARN{Partition: "aws", Region: "us-east-1", TermID: "term-abcdef0123456789", Version: 2},
			"arn:aws:artifact:us-east-1::term/term-abcdef0123456789:2"},
		{aws.ComplianceInquiryARN{Partition: "aws", Region: "us-east-1", Account: "111122223333", ComplianceInquiryID: "compliance-inquiry-abcdef0123456789"},
			"arn:aws:artifact:us-east-1:111122223333:compliance-inquiry/compliance-inquiry-abcdef0123456789"},
		{aws.ReportPackageARN{Partition: "aws", Package: "Certifications and Attestations/SOC/*"},
			"arn:aws:artifact:::report-package/Certifications and Attestations/SOC/*"},
	} {
		require.Equal(t, tt.want, tt.arn.String())
		require.NoError(t, tt.arn.Validate(), tt.want)
	}

	// The latest version of a report, as a request names it.
	latest := aws.ReportARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789"}
	require.Equal(t, "arn:aws:artifact:us-east-1::report/report-abcdef0123456789", latest.String())
	requireParseError(t, latest.Validate(), "report arn", latest.String(), "version")

	for _, tt := range []struct {
		arn   artifactARN
		what  string
		field string
	}{
		{aws.AgreementARN{Partition: "aws", AgreementID: "agreement-1"}, "agreement arn", "id"},
		{aws.AgreementARN{Partition: "amazon", AgreementID: "agreement-abcdef0123456789"}, "agreement arn", "partition"},
		{aws.CustomerAgreementARN{Partition: "aws", Account: "1111", CustomerAgreementID: "customer-agreement-abcdef0123456789"}, "customer agreement arn", "account"},
		{aws.ReportARN{Partition: "aws", Region: "cn-north-1", ReportID: "report-abcdef0123456789", Version: 1}, "report arn", "region"},
		{aws.ReportARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789", Version: -1}, "report arn", "version"},
		{aws.ReportARN{Partition: "aws", ReportID: "report-abcdef0123456789", Version: 1}, "report arn", "region"},
		{aws.TermARN{Partition: "aws", Region: "us-east-1", TermID: "report-abcdef0123456789", Version: 1}, "term arn", "id"},
		{aws.ComplianceInquiryARN{Partition: "aws", Region: "us-east-1", ComplianceInquiryID: "compliance-inquiry-abcdef0123456789"}, "compliance inquiry arn", "account"},
		{aws.ReportPackageARN{Partition: "aws"}, "report package arn", "id"},
	} {
		requireParseError(t, tt.arn.Validate(), tt.what, tt.arn.String(), tt.field)
	}
}

func TestNewReportPackageARN(t *testing.T) {
	a, err := aws.NewReportPackageARN("aws", "Certifications and Attestations", "SOC", "SOC 2 Type 2")
	require.NoError(t, err)
	require.Equal(t, "arn:aws:artifact:::report-package/Certifications and Attestations/SOC/SOC 2 Type 2", a.String())
	a, err = aws.NewReportPackageARN("aws", "Cat", "SOC", "a/b")
	require.NoError(t, err, "a name may hold a /")
	require.Equal(t, "Cat/SOC/a/b", a.Package)

	for _, tt := range []struct{ partition, category, series, name, what string }{
		{"aws", "a/b", "SOC", "x", "report package category"},
		{"aws", "", "SOC", "x", "report package category"},
		{"aws", "Cat", "", "x", "report package series"},
		{"aws", "Cat", "S/O", "x", "report package series"},
		{"aws", "Cat", "SOC", "", "report package name"},
		{"aws", "Cat", "SOC", "a\x00", "report package arn"},
		{"gcp", "Cat", "SOC", "x", "report package arn"},
	} {
		a, err := aws.NewReportPackageARN(tt.partition, tt.category, tt.series, tt.name)
		var pe *aws.ParseError
		require.ErrorAs(t, err, &pe, "%+v", tt)
		require.Equal(t, tt.what, pe.What)
		require.Empty(t, a)
	}
}
