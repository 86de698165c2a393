package policy_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		kind policy.Kind
		doc  string
		want []string // "CODE path"
	}{
		{"clean", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Sid":"Reports","Effect":"Allow","Action":["artifact:GetReport","artifact:GetReportMetadata"],"Resource":"arn:aws:artifact:*::report/*",
			 "Condition":{"StringEquals":{"artifact:ReportSeries":"SOC"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
			{"Effect":"Allow","Action":"artifact:List*","Resource":"*"},
			{"Effect":"Allow","Action":["artifact:GetAgreement","artifact:AcceptAgreement"],"Resource":"arn:aws:artifact:::agreement/*"},
			{"Effect":"Allow","Action":"artifact:GetCustomerAgreement","Resource":"arn:aws:artifact::*:customer-agreement/*"},
			{"Effect":"Allow","Action":["artifact:TagResource"],"Resource":"arn:aws:artifact:*:111122223333:compliance-inquiry/*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}},
			{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}`, nil},
		{"unknown actions", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":["artifact:GetReports","Artifact:Nope*","artifact:Get*"],"Resource":"*"}]}`,
			[]string{"UNKNOWN_ACTION Statement[0].Action[0]", "UNKNOWN_ACTION Statement[0].Action[1]"}},
		{"legacy", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"artifact:Get","Resource":"arn:aws:artifact:::report-package/*"}]}`,
			[]string{"LEGACY_ACTION Statement[0].Action"}},
		{"unsupported key on exact action", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":["artifact:ListReportVersions","artifact:GetReport"],"Resource":"*","Condition":{"StringEquals":{"artifact:ReportSeries":"SOC"}}}]}`,
			[]string{"UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.artifact:ReportSeries"}},
		{"unsupported key on wildcard", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"artifact:*Agreement","Resource":"*","Condition":{"StringLike":{"artifact:ReportCategory":"*"}}}]}`,
			[]string{"UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringLike.artifact:ReportCategory"}},
		{"supported on some of the wildcard", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"artifact:Get*","Resource":"*","Condition":{"StringEquals":{"artifact:ReportSeries":"SOC"}}}]}`, nil},
		{"tag keys", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"artifact:GetReport","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}}]}`,
			[]string{"UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.aws:ResourceTag/team"}},
		{"unknown artifact key", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"artifact:GetReport","Resource":"*","Condition":{"StringEquals":{"artifact:ReportName":"a"}}}]}`,
			[]string{"UNKNOWN_CONDITION_KEY Statement[0].Condition.StringEquals.artifact:ReportName"}},
		{"other services are not checked", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":["s3:GetObjects","artifact:ListReports"],"Resource":"arn:aws:s3:::x","Condition":{"StringEquals":{"artifact:ReportSeries":"SOC"}}}]}`,
			[]string{"UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.artifact:ReportSeries"}},
		{"unmatchable resources", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"artifact:GetReport","Resource":["arn:aws:artifact:::agreement/*","arn:aws:artifact:::report/*","arn:aws:artifact:us-east-1::report/*","arn:aws:artifact:us-east-1:111122223333:report/*","arn:aws:s3:::*","arn:aws:artifact:*:*:*"]},
			{"Effect":"Allow","Action":"artifact:ListReports","Resource":["arn:aws:artifact:*::report/*","*"]},
			{"Effect":"Allow","Action":"artifact:GetCustomerAgreement","Resource":["arn:aws:artifact:::customer-agreement/*","arn:aws:artifact::111122223333:customer-agreement/*"]},
			{"Effect":"Allow","Action":"artifact:DownloadAgreement","Resource":["arn:aws:artifact::111122223333:customer-agreement/*","arn:aws:artifact:::agreement/${aws:username}"]}]}`,
			[]string{
				"UNMATCHABLE_RESOURCE Statement[0].Resource[0]",
				"UNMATCHABLE_RESOURCE Statement[0].Resource[1]",
				"UNMATCHABLE_RESOURCE Statement[0].Resource[3]",
				"UNMATCHABLE_RESOURCE Statement[0].Resource[4]",
				"UNMATCHABLE_RESOURCE Statement[1].Resource[0]",
				"UNMATCHABLE_RESOURCE Statement[2].Resource[0]",
				"LEGACY_ACTION Statement[3].Action",
			}},
		{"malformed arns", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"s3:GetObject","Resource":["bucket/key","arn:aws-x:s3:::b","arn:aws:s3"]}]}`,
			[]string{"MALFORMED_ARN Statement[0].Resource[0]", "MALFORMED_ARN Statement[0].Resource[1]", "MALFORMED_ARN Statement[0].Resource[2]"}},
		{"type mismatch", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"soon"},"DateLessThan":{"aws:CurrentTime":"${aws:x}"},
			 "IpAddress":{"aws:SourceIp":["10.0.0.0/8","10.0.0.0/99"]},"Bool":{"aws:SecureTransport":"yes"},"Null":{"aws:x":"maybe"},"BinaryEquals":{"aws:y":"%%"},
			 "StringEquals":{"aws:z":"anything"}}}]}`,
			[]string{
				"TYPE_MISMATCH Statement[0].Condition.NumericLessThan.aws:MultiFactorAuthAge",
				"TYPE_MISMATCH Statement[0].Condition.DateLessThan.aws:CurrentTime",
				"TYPE_MISMATCH Statement[0].Condition.IpAddress.aws:SourceIp",
				"TYPE_MISMATCH Statement[0].Condition.Bool.aws:SecureTransport",
				"TYPE_MISMATCH Statement[0].Condition.Null.aws:x",
				"TYPE_MISMATCH Statement[0].Condition.BinaryEquals.aws:y",
			}},
		{"old language", policy.Identity, `{"Statement":[
			{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringLike":{"s3:prefix":"${aws:username}/*"}}}]}`,
			[]string{"MISSING_VERSION Version", "VARIABLE_IN_OLD_VERSION Statement[0].Condition.StringLike.s3:prefix", "VARIABLE_IN_OLD_VERSION Statement[0]"}},
		{"sids", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Sid":"a-b","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"a-b","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`,
			[]string{"INVALID_SID Statement[0].Sid", "DUPLICATE_SID Statement[1].Sid", "INVALID_SID Statement[1].Sid"}},
		{"resource policy sids", policy.Resource, `{"Version":"2012-10-17","Statement":[
			{"Sid":"Allow reads","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, nil},
		{"unknown actions in not action", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Deny","NotAction":"artifact:GetReprot","Resource":"*"},
			{"Effect":"Deny","NotAction":["artifact:Get","artifact:List*","artifact:Lst*","s3:Nope"],"Resource":"*"}]}`,
			[]string{"UNKNOWN_ACTION Statement[0].NotAction", "UNKNOWN_ACTION Statement[1].NotAction[2]"}},
		{"not action skips resource checks", policy.Identity, `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","NotAction":"artifact:GetReport","Resource":"arn:aws:artifact:::agreement/*","Condition":{"StringEquals":{"artifact:ReportSeries":"SOC"}}}]}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := policy.Parse([]byte(tt.doc), tt.kind)
			require.NoError(t, err)
			var got []string
			for _, f := range policy.Validate(d) {
				require.True(t, f.Severity.IsValid())
				require.NotEmpty(t, f.Message)
				require.Contains(t, f.String(), f.Code)
				got = append(got, f.Code+" "+f.Path)
			}
			require.Equal(t, tt.want, got)
		})
	}
	require.Nil(t, policy.Validate(nil))
}

// Every case of the conformance corpus parses or is refused as labelled;
// Validate never fails on the valid ones.
func TestValidateCorpus(t *testing.T) {
	for _, c := range corpusCases(t) {
		for _, raw := range c.Policies {
			if d, err := policy.Parse(raw, policy.Identity); err == nil {
				_ = policy.Validate(d)
			}
		}
	}
}
