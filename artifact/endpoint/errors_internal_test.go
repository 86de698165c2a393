package endpoint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/protocol/restjson"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
)

// Every error type of the model is answered with the model's status, its
// name in x-amzn-ErrorType and "__type", its body members, and
// retryAfterSeconds in Retry-After; the AWS SDK for Go's restJson1 error
// reader gets the type and message back.
func TestErrorEncoding(t *testing.T) {
	for _, tc := range []struct {
		err        error
		status     int
		code       string
		body       string
		retryAfter string
	}{
		{&artifact.AccessDeniedException{Message: "User: a is not authorized", Principal: "a", Action: "artifact:GetReport"},
			403, "AccessDeniedException", `{"__type":"AccessDeniedException","message":"User: a is not authorized"}`, ""},
		{&artifact.ConflictException{Message: "already active", ResourceID: "agreement-a", ResourceType: "agreement"},
			409, "ConflictException", `{"__type":"ConflictException","message":"already active","resourceId":"agreement-a","resourceType":"agreement"}`, ""},
		{&artifact.InternalServerException{Message: "try again", RetryAfterSeconds: 5, Err: errors.New("db password hunter2")},
			500, "InternalServerException", `{"__type":"InternalServerException","message":"try again"}`, "5"},
		{&artifact.ResourceNotFoundException{Message: "no such report", ResourceID: "report-a", ResourceType: "report"},
			404, "ResourceNotFoundException", `{"__type":"ResourceNotFoundException","message":"no such report","resourceId":"report-a","resourceType":"report"}`, ""},
		{&artifact.ServiceQuotaExceededException{Message: "too many", ResourceID: "r", ResourceType: "t", ServiceCode: "artifact", QuotaCode: "L-1"},
			402, "ServiceQuotaExceededException", `{"__type":"ServiceQuotaExceededException","message":"too many","resourceId":"r","resourceType":"t","serviceCode":"artifact","quotaCode":"L-1"}`, ""},
		{&artifact.ThrottlingException{Message: "slow down", ServiceCode: "artifact", QuotaCode: "L-2", RetryAfterSeconds: 2},
			429, "ThrottlingException", `{"__type":"ThrottlingException","message":"slow down","serviceCode":"artifact","quotaCode":"L-2"}`, "2"},
		{&artifact.ValidationException{Message: "bad", Reason: artifact.ReasonFieldValidationFailed,
			FieldList: []artifact.ValidationExceptionField{{Name: "reportId", Message: "malformed"}}},
			400, "ValidationException", `{"__type":"ValidationException","message":"bad","reason":"fieldValidationFailed","fieldList":[{"name":"reportId","message":"malformed"}]}`, ""},
		// A wrapped error is answered as the type it wraps.
		{fmt.Errorf("context: %w", &artifact.ValidationException{Message: "bad", Reason: artifact.ReasonOther}),
			400, "ValidationException", `{"__type":"ValidationException","message":"bad","reason":"other"}`, ""},
		// An error that is none of the service's says nothing of itself.
		{errors.New("postgres://user:hunter2@db refused"),
			500, "InternalServerException", `{"__type":"InternalServerException","message":"An internal error occurred. Try again later."}`, ""},
	} {
		t.Run(tc.code, func(t *testing.T) {
			rec := httptest.NewRecorder()
			code := writeError(rec, tc.err)
			require.Equal(t, tc.code, code)
			require.Equal(t, tc.status, rec.Code)
			require.Equal(t, tc.status, statusOf(tc.err))
			require.Equal(t, tc.code, rec.Header().Get("x-amzn-ErrorType"))
			require.Equal(t, "application/json", rec.Header().Get("Content-Type"))
			require.Equal(t, tc.retryAfter, rec.Header().Get("Retry-After"))
			require.JSONEq(t, tc.body, rec.Body.String())
			require.NotContains(t, rec.Body.String(), "hunter2")

			typ, msg, err := restjson.GetErrorInfo(json.NewDecoder(bytes.NewReader(rec.Body.Bytes())))
			require.NoError(t, err)
			require.Equal(t, tc.code, typ)
			var want struct{ Message string }
			require.NoError(t, json.Unmarshal([]byte(tc.body), &want))
			require.Equal(t, want.Message, msg)
		})
	}
}

// The status of each error type is the model's, and the types agree.
func TestModelStatusAgreesWithTheTypes(t *testing.T) {
	b, err := os.ReadFile("testdata/service-2.json")
	require.NoError(t, err)
	var m struct {
		Shapes map[string]struct {
			Exception bool `json:"exception"`
			Error     struct {
				HTTPStatusCode int `json:"httpStatusCode"`
			} `json:"error"`
		} `json:"shapes"`
	}
	require.NoError(t, json.Unmarshal(b, &m))
	n := 0
	for name, s := range m.Shapes {
		if s.Exception {
			n++
			require.Equal(t, s.Error.HTTPStatusCode, modelStatus[name], name)
		}
	}
	require.Equal(t, len(modelStatus), n)
	for _, e := range []artifact.APIError{&artifact.AccessDeniedException{}, &artifact.ConflictException{}, &artifact.InternalServerException{},
		&artifact.ResourceNotFoundException{}, &artifact.ServiceQuotaExceededException{}, &artifact.ThrottlingException{}, &artifact.ValidationException{}} {
		require.Equal(t, modelStatus[e.ErrorCode()], e.HTTPStatusCode(), e.ErrorCode())
	}
}
