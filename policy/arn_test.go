package policy_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
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
		{"arn:aws:artifact:us-east-1", "arn"},
		{"arm:aws:artifact:::agreement/x", "arn"},
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
			a, err := policy.ParseARN(tt.in)
			if tt.field == "" {
				require.NoError(t, err)
				require.Equal(t, tt.in, a.String())
				return
			}
			require.Error(t, err)
			require.True(t, errors.Is(err, policy.ErrInvalidARN))
			var ae *policy.ARNError
			require.True(t, errors.As(err, &ae))
			require.Equal(t, tt.field, ae.Field)
			require.Equal(t, tt.in, ae.ARN)
			require.Contains(t, err.Error(), "invalid arn")
		})
	}
}

func TestParseResourceARN(t *testing.T) {
	tests := []struct {
		in    string
		want  policy.ResourceARN
		field string
	}{
		{in: "arn:aws:artifact:::agreement/agreement-abcdef0123456789",
			want: policy.ResourceARN{Type: policy.TypeAgreement, Partition: "aws", ID: "agreement-abcdef0123456789"}},
		{in: "arn:aws:artifact::111111111111:customer-agreement/customer-agreement-abcdef0123456789",
			want: policy.ResourceARN{Type: policy.TypeCustomerAgreement, Partition: "aws", Account: "111111111111", ID: "customer-agreement-abcdef0123456789"}},
		{in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:12",
			want: policy.ResourceARN{Type: policy.TypeReport, Partition: "aws", Region: "us-east-1", ID: "report-abcdef0123456789", Version: 12}},
		{in: "arn:aws:artifact:eu-west-1:111122223333:compliance-inquiry/compliance-inquiry-abcdef0123456789",
			want: policy.ResourceARN{Type: policy.TypeComplianceInquiry, Partition: "aws", Region: "eu-west-1", Account: "111122223333", ID: "compliance-inquiry-abcdef0123456789"}},
		{in: "arn:aws:artifact:::report-package/Certifications and Attestations/SOC/SOC 2",
			want: policy.ResourceARN{Type: policy.TypeReportPackage, Partition: "aws", ID: "Certifications and Attestations/SOC/SOC 2"}},
		{in: "arn:aws:s3:::bucket/key", field: "service"},
		{in: "arn:aws:artifact:::agreement", field: "resource"},
		{in: "arn:aws:artifact:::term/term-abcdef0123456789", field: "resource"},
		{in: "arn:aws:artifact:us-east-1::agreement/agreement-abcdef0123456789", field: "region"},
		{in: "arn:aws:artifact::111111111111:agreement/agreement-abcdef0123456789", field: "account"},
		{in: "arn:aws:artifact:::agreement/agreement-abc", field: "id"},
		{in: "arn:aws:artifact:::agreement/agreement-abcdef012345678!", field: "id"},
		{in: "arn:aws:artifact:::customer-agreement/customer-agreement-abcdef0123456789", field: "account"},
		{in: "arn:aws:artifact::111111111111:customer-agreement/agreement-abcdef0123456789", field: "id"},
		{in: "arn:aws:artifact:::report/report-abcdef0123456789:1", field: "region"},
		{in: "arn:aws:artifact:us-east-1:111111111111:report/report-abcdef0123456789:1", field: "account"},
		{in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789", field: "version"},
		{in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:0", field: "version"},
		{in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:+1", field: "version"},
		{in: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:x", field: "version"},
		{in: "arn:aws:artifact::111122223333:compliance-inquiry/compliance-inquiry-abcdef0123456789", field: "region"},
		{in: "arn:aws:artifact:us-east-1::compliance-inquiry/compliance-inquiry-abcdef0123456789", field: "account"},
		{in: "arn:aws:artifact:::report-package/", field: "id"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := policy.ParseResourceARN(tt.in)
			if tt.field == "" {
				require.NoError(t, err)
				require.Equal(t, tt.want, got)
				require.Equal(t, tt.in, got.String())
				require.NoError(t, got.Validate())
				return
			}
			var ae *policy.ARNError
			require.True(t, errors.As(err, &ae), "%v", err)
			require.Equal(t, tt.field, ae.Field, err.Error())
			require.True(t, errors.Is(err, policy.ErrInvalidARN))
		})
	}
}

func TestARNBuilders(t *testing.T) {
	s, err := policy.AgreementARN("aws", "agreement-abcdef0123456789")
	require.NoError(t, err)
	require.Equal(t, "arn:aws:artifact:::agreement/agreement-abcdef0123456789", s)
	s, err = policy.CustomerAgreementARN("aws-us-gov", "111111111111", "customer-agreement-abcdef0123456789")
	require.NoError(t, err)
	require.Equal(t, "arn:aws-us-gov:artifact::111111111111:customer-agreement/customer-agreement-abcdef0123456789", s)
	s, err = policy.ReportARN("aws-cn", "cn-north-1", "report-abcdef0123456789", 4)
	require.NoError(t, err)
	require.Equal(t, "arn:aws-cn:artifact:cn-north-1::report/report-abcdef0123456789:4", s)
	s, err = policy.ComplianceInquiryARN("aws", "us-east-1", "111122223333", "compliance-inquiry-abcdef0123456789")
	require.NoError(t, err)
	require.Equal(t, "arn:aws:artifact:us-east-1:111122223333:compliance-inquiry/compliance-inquiry-abcdef0123456789", s)
	s, err = policy.ReportPackageARN("aws", "Certifications and Attestations", "SOC", "*")
	require.NoError(t, err)
	require.Equal(t, "arn:aws:artifact:::report-package/Certifications and Attestations/SOC/*", s)

	bad := []func() (string, error){
		func() (string, error) { return policy.AgreementARN("aws", "agreement-1") },
		func() (string, error) { return policy.AgreementARN("amazon", "agreement-abcdef0123456789") },
		func() (string, error) {
			return policy.CustomerAgreementARN("aws", "1111", "customer-agreement-abcdef0123456789")
		},
		func() (string, error) { return policy.ReportARN("aws", "cn-north-1", "report-abcdef0123456789", 1) },
		func() (string, error) { return policy.ReportARN("aws", "us-east-1", "report-abcdef0123456789", 0) },
		func() (string, error) { return policy.ReportARN("aws", "", "report-abcdef0123456789", 1) },
		func() (string, error) {
			return policy.ComplianceInquiryARN("aws", "us-east-1", "", "compliance-inquiry-abcdef0123456789")
		},
		func() (string, error) { return policy.ReportPackageARN("aws", "a/b", "SOC", "x") },
		func() (string, error) { return policy.ReportPackageARN("aws", "Cat", "", "x") },
		func() (string, error) { return policy.ReportPackageARN("aws", "Cat", "SOC", "") },
	}
	for i, f := range bad {
		s, err := f()
		require.Error(t, err, "case %d", i)
		require.Empty(t, s)
		require.True(t, errors.Is(err, policy.ErrInvalidARN))
	}
	require.Error(t, policy.ResourceARN{Type: "term", Partition: "aws", ID: "x"}.Validate())
	require.Error(t, policy.ResourceARN{Type: policy.TypeAgreement, Partition: "aws", ID: "agreement-abcdef0123456789", Version: 2}.Validate())
	require.Len(t, policy.Partitions(), 8)
}
