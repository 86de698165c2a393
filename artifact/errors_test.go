package artifact

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAPIErrorsCodesAndStatus(t *testing.T) {
	cause := errors.New("cause")
	tests := []struct {
		err    APIError
		code   string
		status int
		wraps  bool
	}{
		{&AccessDeniedException{Message: "m"}, "AccessDeniedException", 403, false},
		{&ConflictException{Message: "m", Err: cause}, "ConflictException", 409, true},
		{&InternalServerException{Message: "m", Err: cause}, "InternalServerException", 500, true},
		{&ResourceNotFoundException{Message: "m", Err: cause}, "ResourceNotFoundException", 404, true},
		{&ServiceQuotaExceededException{Message: "m", Err: cause}, "ServiceQuotaExceededException", 402, true},
		{&ThrottlingException{Message: "m"}, "ThrottlingException", 429, false},
		{&ValidationException{Message: "m", Err: cause}, "ValidationException", 400, true},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			require.Equal(t, tc.code, tc.err.ErrorCode())
			require.Equal(t, tc.status, tc.err.HTTPStatusCode())
			require.Equal(t, tc.code+": m", tc.err.Error())
			require.Equal(t, tc.wraps, errors.Is(tc.err, cause))
		})
	}
}

// G4: a denial reads like CloudTrail and names the missing permission in
// the console's words.
func TestG4_DenialMessages(t *testing.T) {
	tests := []struct {
		action  string
		console string
	}{
		{"artifact:AcceptAgreement", "You don't have the permissions to accept the agreement"},
		{"artifact:TerminateAgreement", "You don't have the permissions to terminate the agreement"},
		{"artifact:GetAgreement", "You don't have the permissions to download the agreement"},
		{"artifact:DownloadAgreement", "You don't have the permissions to download the agreement"},
		{"artifact:GetReport", "You don't have the permissions to download this report"},
		{"artifact:Get", "You don't have the permissions to download this report"},
		{"artifact:ListReports", "You don't have the permissions to list reports"},
		{"artifact:ListCustomerAgreements", "You don't have the permissions to list agreements"},
		{"artifact:PutAccountSettings", "You don't have the permissions to manage notification settings"},
		{"organizations:DescribeOrganization", "You don't have the permissions to retrieve information about your AWS account's organization"},
		{"organizations:EnableAWSServiceAccess", "Before you can manage agreements for your organization"},
		{"s3:GetObject", "You don't have the permissions to perform this action"},
	}
	for _, tc := range tests {
		t.Run(tc.action, func(t *testing.T) {
			e := newAccessDenied("arn:aws:iam::999999999999:user/myUserName", tc.action, "arn:aws:artifact:us-east-1::report/report-f1DIWBmGa2Lhsadg:1", false, "")
			require.Equal(t, "User: arn:aws:iam::999999999999:user/myUserName is not authorized to perform: "+tc.action+
				" on resource: arn:aws:artifact:us-east-1::report/report-f1DIWBmGa2Lhsadg:1", e.Message)
			require.True(t, strings.HasPrefix(e.Console, tc.console), e.Console)
			require.True(t, strings.HasSuffix(e.Console, tc.action), e.Console)
		})
	}
	e := newAccessDenied("p", "artifact:GetReport", "*", true, "policy0.Statement[0] Deny")
	require.True(t, e.ExplicitDeny)
	require.True(t, strings.HasSuffix(e.Message, "with an explicit deny"))
}

func TestValidationReasons(t *testing.T) {
	for _, r := range []ValidationExceptionReason{ReasonUnknownOperation, ReasonCannotParse, ReasonFieldValidationFailed, ReasonInvalidToken, ReasonOther} {
		require.True(t, r.IsValid(), r)
	}
	require.False(t, ValidationExceptionReason("InvalidToken").IsValid())
}
